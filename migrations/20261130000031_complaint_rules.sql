-- Analysis per the rule (二(二)2, 二(三), 二(四)): the cause code (项目原因) the monthly report
-- attributes by, and who inspected or analysed for 品控中心 and 技术部, and when.
ALTER TABLE complaint ADD COLUMN cause_code TEXT NOT NULL DEFAULT '';
CREATE INDEX complaint_cause_code ON complaint (cause_code) WHERE cause_code <> '';

CREATE TABLE complaint_inspection (
    id             INTEGER PRIMARY KEY,
    complaint_id   INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
    department_id  INTEGER NOT NULL REFERENCES department (id),
    person         TEXT    NOT NULL,
    inspected_on   TEXT    NOT NULL,   -- local date 'YYYY-MM-DD'
    sort_order     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX complaint_inspection_complaint ON complaint_inspection (complaint_id);
