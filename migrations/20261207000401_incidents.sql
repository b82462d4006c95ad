-- Incidents (issue 10): the indexes the violation list, the deposit ledger and the safety
-- department's view read by. The tables themselves are in 20261207000001_contractor_people.sql.

-- 违规考核 of one unit, newest first (the list's unit filter and the ledger's penalty column).
CREATE INDEX safety_violation_unit ON safety_violation (unit_id, occurred_on) WHERE unit_id IS NOT NULL;

-- The deductions that took one violation's penalty from the deposit.
CREATE INDEX safety_deposit_entry_violation ON safety_deposit_entry (violation_id) WHERE violation_id IS NOT NULL;

-- The entry checks of one engagement in a month (the ledger's 本月入场检查 column).
CREATE INDEX entry_check_engagement ON entry_check (engagement_id, check_date) WHERE engagement_id IS NOT NULL;
