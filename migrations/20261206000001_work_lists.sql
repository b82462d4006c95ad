-- "My work" starts from the few rows that need someone, not from a million complaints: the
-- actions done but not yet verified (待验证) are found through this index and then their
-- complaints, instead of walking every complaint and probing its actions (2–7 s at a million
-- complaints with one action waiting).
CREATE INDEX complaint_action_unverified ON complaint_action (complaint_id)
    WHERE done_date IS NOT NULL AND effective IS NULL;
CREATE INDEX complaint_action_open_due ON complaint_action (due_date, complaint_id) WHERE done_date IS NULL;
