-- Outside personnel, part 2 (issue 10): the people. Workers with their ID numbers (GB 11643) on
-- engagement rosters, three-level safety education given as classes, the person's special
-- certificates, violations and penalties, the safety deposit ledger of each engagement,
-- accidents with the 1-hour reporting clock, and the log of every site-entry check at the gate.
-- Dates named *_on / *_date are the company's local dates; *_at are UTC instants (RFC 3339).

-- A person who works on site. The ID number is personal data: lists mask it, logs never carry it.
CREATE TABLE contractor_worker (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL,
    -- 18 characters, check digit validated by the core, a final x stored as X.
    id_number          TEXT    NOT NULL UNIQUE,
    -- Read from the ID number.
    birth_date         TEXT    NOT NULL,
    sex                TEXT    NOT NULL CHECK (sex IN ('male', 'female')),
    category           TEXT    NOT NULL,                 -- temporary / outsourced / after_sales
    unit_id            INTEGER REFERENCES contractor_unit (id),
    trade              TEXT    NOT NULL DEFAULT '',      -- 工种
    -- The special-operation class the person's work needs (电工作业, 焊接与热切割作业, 煤气作业 …);
    -- empty when the trade is not special. The gate asks for a valid certificate of this class.
    special_class      TEXT    NOT NULL DEFAULT '',
    phone              TEXT    NOT NULL DEFAULT '',
    emergency_contact  TEXT    NOT NULL DEFAULT '',
    emergency_phone    TEXT    NOT NULL DEFAULT '',
    -- A post change calls for workshop- and team-level education again.
    post_changed_on    TEXT,
    blacklisted        INTEGER NOT NULL DEFAULT 0 CHECK (blacklisted IN (0, 1)),
    blacklist_reason   TEXT    NOT NULL DEFAULT '',
    blacklisted_on     TEXT,
    blacklisted_by     TEXT    NOT NULL DEFAULT '',
    notes              TEXT    NOT NULL DEFAULT '',
    -- Name, unit, trade (never the ID number).
    search_text        TEXT    NOT NULL DEFAULT '',
    created_by         TEXT    NOT NULL DEFAULT '',
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contractor_worker_name ON contractor_worker (name);
CREATE INDEX contractor_worker_unit_name ON contractor_worker (unit_id, name);
CREATE INDEX contractor_worker_created ON contractor_worker (created_at);

-- The roster names workers now (name-only rows from part 1 keep worker_id NULL).
ALTER TABLE contractor_roster ADD COLUMN worker_id INTEGER REFERENCES contractor_worker (id);
CREATE UNIQUE INDEX contractor_roster_worker ON contractor_roster (worker_id, engagement_id)
    WHERE worker_id IS NOT NULL;

-- Pre-job education: 厂级 / 车间级 / 班组级, and the yearly re-training. One class for many people.
CREATE TABLE safety_class (
    id              INTEGER PRIMARY KEY,
    level           TEXT    NOT NULL CHECK (level IN ('company', 'workshop', 'team', 'annual')),
    held_on         TEXT    NOT NULL,
    -- 学时 in tenths (8 学时 = 80), so totals are exact.
    hours_tenths    INTEGER NOT NULL CHECK (hours_tenths > 0),
    content         TEXT    NOT NULL,
    instructor      TEXT    NOT NULL,
    place           TEXT    NOT NULL DEFAULT '',
    department_id   INTEGER REFERENCES department (id),
    engagement_id   INTEGER REFERENCES contractor_engagement (id),
    pass_mark       INTEGER NOT NULL DEFAULT 60 CHECK (pass_mark BETWEEN 0 AND 100),
    created_by      TEXT    NOT NULL DEFAULT '',
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX safety_class_held ON safety_class (held_on);

-- The sign-in sheet and the exam of one class.
CREATE TABLE safety_class_attendee (
    class_id   INTEGER NOT NULL REFERENCES safety_class (id) ON DELETE CASCADE,
    worker_id  INTEGER NOT NULL REFERENCES contractor_worker (id),
    -- NULL: not examined yet.
    score      INTEGER CHECK (score BETWEEN 0 AND 100),
    signed     INTEGER NOT NULL DEFAULT 1 CHECK (signed IN (0, 1)),
    PRIMARY KEY (class_id, worker_id)
) WITHOUT ROWID;
CREATE INDEX safety_class_attendee_worker ON safety_class_attendee (worker_id, class_id);

-- The person's certificates: 特种作业操作证 (review every 3 years), 特种设备作业人员证 (every 4).
CREATE TABLE worker_certificate (
    id               INTEGER PRIMARY KEY,
    worker_id        INTEGER NOT NULL REFERENCES contractor_worker (id) ON DELETE CASCADE,
    kind             TEXT    NOT NULL CHECK (kind IN ('special_operation', 'special_equipment')),
    class            TEXT    NOT NULL,                 -- 作业类别 / 作业项目
    number           TEXT    NOT NULL,
    issuer           TEXT    NOT NULL DEFAULT '',
    issued_on        TEXT    NOT NULL,
    valid_to         TEXT    NOT NULL,
    -- The last review passed; the next is due a cycle after it (or after issue).
    last_reviewed_on TEXT,
    review_due_on    TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX worker_certificate_worker ON worker_certificate (worker_id);
CREATE INDEX worker_certificate_valid_to ON worker_certificate (valid_to);
CREATE INDEX worker_certificate_review_due ON worker_certificate (review_due_on);

-- 违规考核: per person, unit and engagement (any of them may be empty, not all).
CREATE TABLE safety_violation (
    id              INTEGER PRIMARY KEY,
    occurred_on     TEXT    NOT NULL,
    place           TEXT    NOT NULL DEFAULT '',
    description     TEXT    NOT NULL,
    rule_broken     TEXT    NOT NULL DEFAULT '',
    penalty_fen     INTEGER NOT NULL DEFAULT 0 CHECK (penalty_fen >= 0),
    worker_id       INTEGER REFERENCES contractor_worker (id),
    unit_id         INTEGER REFERENCES contractor_unit (id),
    engagement_id   INTEGER REFERENCES contractor_engagement (id),
    recorded_by_id  INTEGER REFERENCES app_user (id),
    recorded_by     TEXT    NOT NULL DEFAULT '',
    created_at      TEXT    NOT NULL,
    CHECK (worker_id IS NOT NULL OR unit_id IS NOT NULL OR engagement_id IS NOT NULL)
);
CREATE INDEX safety_violation_occurred ON safety_violation (occurred_on);
CREATE INDEX safety_violation_worker ON safety_violation (worker_id) WHERE worker_id IS NOT NULL;
CREATE INDEX safety_violation_engagement ON safety_violation (engagement_id) WHERE engagement_id IS NOT NULL;

-- 安全风险抵押金: the ledger of one engagement; the money stays with it (不准挪作他用).
CREATE TABLE safety_deposit_entry (
    id                 INTEGER PRIMARY KEY,
    engagement_id      INTEGER NOT NULL REFERENCES contractor_engagement (id),
    kind               TEXT    NOT NULL CHECK (kind IN ('received', 'deduction', 'refund')),
    amount_fen         INTEGER NOT NULL CHECK (amount_fen > 0),
    entry_on           TEXT    NOT NULL,
    reason             TEXT    NOT NULL DEFAULT '',
    violation_id       INTEGER REFERENCES safety_violation (id),
    balance_after_fen  INTEGER NOT NULL CHECK (balance_after_fen >= 0),
    recorded_by_id     INTEGER REFERENCES app_user (id),
    recorded_by        TEXT    NOT NULL DEFAULT '',
    created_at         TEXT    NOT NULL
);
CREATE INDEX safety_deposit_entry_engagement ON safety_deposit_entry (engagement_id, id);

-- Accidents, with the reporting route of the person's category and the 1-hour clock.
CREATE TABLE safety_accident (
    id                        INTEGER PRIMARY KEY,
    number                    TEXT    NOT NULL UNIQUE,        -- SG-YYYY-NNNN
    occurred_at               TEXT    NOT NULL,
    place                     TEXT    NOT NULL,
    category                  TEXT    NOT NULL,               -- of the person(s): temporary / outsourced / after_sales
    engagement_id             INTEGER REFERENCES contractor_engagement (id),
    unit_id                   INTEGER REFERENCES contractor_unit (id),
    description               TEXT    NOT NULL,
    injuries                  TEXT    NOT NULL DEFAULT '',
    -- The department that investigates (by the route of the category).
    responsible_department_id INTEGER REFERENCES department (id),
    reported_to_authority_at  TEXT,
    reported_by               TEXT    NOT NULL DEFAULT '',
    safety_dept_informed_at   TEXT,
    state                     TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'reported', 'closed')),
    result                    TEXT    NOT NULL DEFAULT '',
    closed_at                 TEXT,
    created_by                TEXT    NOT NULL DEFAULT '',
    created_at                TEXT    NOT NULL,
    updated_at                TEXT    NOT NULL,
    version                   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX safety_accident_open ON safety_accident (occurred_at) WHERE state <> 'closed';
CREATE INDEX safety_accident_occurred ON safety_accident (occurred_at);

CREATE TABLE safety_accident_person (
    accident_id  INTEGER NOT NULL REFERENCES safety_accident (id) ON DELETE CASCADE,
    worker_id    INTEGER REFERENCES contractor_worker (id),
    name         TEXT    NOT NULL,
    injury       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX safety_accident_person_accident ON safety_accident_person (accident_id);
CREATE INDEX safety_accident_person_worker ON safety_accident_person (worker_id) WHERE worker_id IS NOT NULL;

-- 入场资格审查: every check at the gate, with its reasons and any override.
CREATE TABLE entry_check (
    id              INTEGER PRIMARY KEY,
    checked_at      TEXT    NOT NULL,
    check_date      TEXT    NOT NULL,                     -- the local date checked for
    gate_user_id    INTEGER REFERENCES app_user (id),
    gate_user       TEXT    NOT NULL DEFAULT '',
    gate            TEXT    NOT NULL DEFAULT '',          -- the desk (machine name)
    -- NULL when the ID number belongs to nobody registered (then only its masked form is kept).
    worker_id       INTEGER REFERENCES contractor_worker (id),
    id_number_masked TEXT   NOT NULL DEFAULT '',
    engagement_id   INTEGER REFERENCES contractor_engagement (id),
    result          TEXT    NOT NULL CHECK (result IN ('allow', 'allow_with_warning', 'deny', 'allow_with_escort')),
    -- [{"code": "...", "message": "..."}] in the order of the checks.
    reasons         TEXT    NOT NULL DEFAULT '[]',
    escort          TEXT    NOT NULL DEFAULT '',
    override_by_id  INTEGER REFERENCES app_user (id),
    override_by     TEXT    NOT NULL DEFAULT '',
    override_reason TEXT    NOT NULL DEFAULT '',
    -- The check an override overrides.
    overrides_id    INTEGER REFERENCES entry_check (id)
);
CREATE INDEX entry_check_checked ON entry_check (checked_at);
CREATE INDEX entry_check_worker ON entry_check (worker_id, checked_at) WHERE worker_id IS NOT NULL;
CREATE INDEX entry_check_denied ON entry_check (check_date) WHERE result = 'deny';

-- High-risk work (金属冶炼 …) needs 72 学时 before the job instead of 24.
ALTER TABLE contractor_engagement ADD COLUMN high_risk INTEGER NOT NULL DEFAULT 0 CHECK (high_risk IN (0, 1));

-- Visitors (参观、考察、调研) and after-sales staff enter with an escort the hiring department names.
ALTER TABLE contractor_engagement ADD COLUMN visit INTEGER NOT NULL DEFAULT 0 CHECK (visit IN (0, 1));
ALTER TABLE contractor_engagement ADD COLUMN escort TEXT NOT NULL DEFAULT '';
