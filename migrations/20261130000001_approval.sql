-- Sign-off rounds (会签) shared by every module whose records departments approve: complaints
-- today, outside-personnel packages and store returns next. One row per required department and
-- round; decision NULL until that department signs. `subject` is the audit entity key of the
-- record ('complaint', ...), `subject_id` its id.
CREATE TABLE approval (
    id             INTEGER PRIMARY KEY,
    subject        TEXT    NOT NULL,
    subject_id     INTEGER NOT NULL,
    round          INTEGER NOT NULL,
    department_id  INTEGER NOT NULL REFERENCES department (id),
    decision       TEXT    CHECK (decision IN ('approve', 'reject')),
    comment        TEXT    NOT NULL DEFAULT '',
    signed_by      INTEGER REFERENCES app_user (id),
    signer_name    TEXT    NOT NULL DEFAULT '',
    signed_at      TEXT,
    UNIQUE (subject, subject_id, round, department_id)
);

-- A department's unsigned items ("my work"): by department, then subject.
CREATE INDEX approval_pending ON approval (department_id, subject, subject_id) WHERE decision IS NULL;

INSERT INTO approval (subject, subject_id, round, department_id, decision, comment, signed_by, signer_name, signed_at)
SELECT 'complaint', complaint_id, round, department_id, decision, comment, signed_by, signer_name, signed_at
FROM complaint_approval ORDER BY id;

DROP TABLE complaint_approval;
