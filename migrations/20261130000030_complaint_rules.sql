-- The company rule's sign-off (会签, 售后服务管理制度 二(二)3): which department a role belongs to,
-- the after-sales manager's own place in a round, and the departments every round must ask.

-- What a department does, as the role key of its staff: a user signs for a department only when
-- the role belongs to it (a business user moved into 技术部 does not sign as 技术部). NULL for
-- departments no role is tied to (保卫部, ones the administrator adds).
ALTER TABLE department ADD COLUMN duty TEXT;
UPDATE department SET duty = 'after_sales' WHERE name = '售后服务部';
UPDATE department SET duty = 'business' WHERE name = '业务部';
UPDATE department SET duty = 'quality' WHERE name = '品控中心';
UPDATE department SET duty = 'technical' WHERE name = '技术部';
UPDATE department SET duty = 'production' WHERE name = '生产部';
UPDATE department SET duty = 'safety' WHERE name = '安全管理部';
CREATE UNIQUE INDEX department_duty ON department (duty) WHERE duty IS NOT NULL;

-- A place in a round is a department ('department') or, for a 重大 complaint, the after-sales
-- manager ('manager', held under the after-sales department). Rebuilt to widen the unique key.
CREATE TABLE approval_seat (
    id             INTEGER PRIMARY KEY,
    subject        TEXT    NOT NULL,
    subject_id     INTEGER NOT NULL,
    round          INTEGER NOT NULL,
    department_id  INTEGER NOT NULL REFERENCES department (id),
    seat           TEXT    NOT NULL DEFAULT 'department' CHECK (seat IN ('department', 'manager')),
    decision       TEXT    CHECK (decision IN ('approve', 'reject')),
    comment        TEXT    NOT NULL DEFAULT '',
    signed_by      INTEGER REFERENCES app_user (id),
    signer_name    TEXT    NOT NULL DEFAULT '',
    signed_at      TEXT,
    UNIQUE (subject, subject_id, round, department_id, seat)
);
INSERT INTO approval_seat (id, subject, subject_id, round, department_id, seat, decision, comment, signed_by, signer_name, signed_at)
SELECT id, subject, subject_id, round, department_id, 'department', decision, comment, signed_by, signer_name, signed_at
FROM approval;
DROP TABLE approval;
ALTER TABLE approval_seat RENAME TO approval;
CREATE INDEX approval_pending ON approval (department_id, subject, subject_id) WHERE decision IS NULL;

-- The departments that must sign every 严重/重大 remedy (settings; the rule names these five).
INSERT INTO setting (key, value, updated_at)
SELECT 'signoff_department_ids', coalesce(json_group_array(id), '[]'), strftime('%Y-%m-%dT%H:%M:%fZ')
FROM (SELECT id FROM department WHERE name IN ('生产部', '技术部', '售后服务部', '业务部', '品控中心') ORDER BY sort_order, id)
WHERE 1
ON CONFLICT (key) DO NOTHING;
