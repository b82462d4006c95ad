-- Customer complaints (客户投诉): registration with product lines, analysis and responsibility,
-- remedy with department sign-off, customer contact log, improvement actions.
-- Local calendar dates (ship date, production date, due dates) are TEXT 'YYYY-MM-DD'.

CREATE TABLE complaint (
    id                INTEGER PRIMARY KEY,
    number            TEXT    NOT NULL UNIQUE,          -- KS-2026-0001, gap-free per year
    state             TEXT    NOT NULL,
    received_at       TEXT    NOT NULL,
    channel           TEXT    NOT NULL,
    customer_id       INTEGER NOT NULL REFERENCES customer (id),
    contact_name      TEXT    NOT NULL DEFAULT '',
    contact_phone     TEXT    NOT NULL DEFAULT '',
    store_id          INTEGER REFERENCES store (id),
    category          TEXT    NOT NULL,
    severity          TEXT    NOT NULL,
    description       TEXT    NOT NULL,
    customer_demand   TEXT    NOT NULL DEFAULT '',
    cause_analysis    TEXT    NOT NULL DEFAULT '',
    production_unit   TEXT    NOT NULL DEFAULT '',
    production_staff  TEXT    NOT NULL DEFAULT '',
    production_date   TEXT,
    our_fault         INTEGER CHECK (our_fault IN (0, 1)),
    appraisal_result  TEXT    NOT NULL DEFAULT '',
    appraisal_basis   TEXT    NOT NULL DEFAULT '',
    remedy            TEXT,
    remedy_detail     TEXT    NOT NULL DEFAULT '',
    claimed_fen       INTEGER NOT NULL DEFAULT 0 CHECK (claimed_fen >= 0),
    agreed_fen        INTEGER NOT NULL DEFAULT 0 CHECK (agreed_fen >= 0),
    approval_round    INTEGER NOT NULL DEFAULT 0,
    approval_departments TEXT NOT NULL DEFAULT '[]', -- department ids the remedy needs signed
    customer_feedback TEXT    NOT NULL DEFAULT '',
    state_reason      TEXT    NOT NULL DEFAULT '',      -- why it was cancelled or reopened
    search_text       TEXT    NOT NULL DEFAULT '',      -- number, contact, parts, orders, batches
    registered_by     INTEGER REFERENCES app_user (id),
    closed_at         TEXT,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX complaint_state ON complaint (state, id);
CREATE INDEX complaint_customer ON complaint (customer_id, id);
CREATE INDEX complaint_received ON complaint (received_at);
CREATE INDEX complaint_category ON complaint (category, id);
CREATE INDEX complaint_severity ON complaint (severity, id);

CREATE TABLE complaint_line (
    id                  INTEGER PRIMARY KEY,
    complaint_id        INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
    order_number        TEXT    NOT NULL DEFAULT '',
    part_number         TEXT    NOT NULL DEFAULT '',
    batch               TEXT    NOT NULL DEFAULT '',
    ship_date           TEXT,
    quantity            INTEGER NOT NULL CHECK (quantity >= 0),
    defective_quantity  INTEGER NOT NULL CHECK (defective_quantity >= 0 AND defective_quantity <= quantity),
    sort_order          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX complaint_line_complaint ON complaint_line (complaint_id);
CREATE INDEX complaint_line_part ON complaint_line (part_number);

-- Responsibility: a department, or a unit or person by name; shares sum to 100 (checked by the core).
CREATE TABLE complaint_responsibility (
    id             INTEGER PRIMARY KEY,
    complaint_id   INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
    department_id  INTEGER REFERENCES department (id),
    party          TEXT    NOT NULL DEFAULT '',
    share_percent  INTEGER NOT NULL CHECK (share_percent BETWEEN 1 AND 100)
);
CREATE INDEX complaint_responsibility_complaint ON complaint_responsibility (complaint_id);
CREATE INDEX complaint_responsibility_department ON complaint_responsibility (department_id);

-- One row per required department and proposal round; decision NULL until signed.
CREATE TABLE complaint_approval (
    id             INTEGER PRIMARY KEY,
    complaint_id   INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
    round          INTEGER NOT NULL,
    department_id  INTEGER NOT NULL REFERENCES department (id),
    decision       TEXT    CHECK (decision IN ('approve', 'reject')),
    comment        TEXT    NOT NULL DEFAULT '',
    signed_by      INTEGER REFERENCES app_user (id),
    signer_name    TEXT    NOT NULL DEFAULT '',
    signed_at      TEXT,
    UNIQUE (complaint_id, round, department_id)
);

CREATE TABLE complaint_contact (
    id               INTEGER PRIMARY KEY,
    complaint_id     INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
    contacted_at     TEXT    NOT NULL,
    method           TEXT    NOT NULL,
    staff_name       TEXT    NOT NULL,
    customer_person  TEXT    NOT NULL DEFAULT '',
    summary          TEXT    NOT NULL,
    recorded_by      INTEGER REFERENCES app_user (id),
    recorded_at      TEXT    NOT NULL
);
CREATE INDEX complaint_contact_complaint ON complaint_contact (complaint_id, contacted_at);

CREATE TABLE complaint_action (
    id             INTEGER PRIMARY KEY,
    complaint_id   INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL,
    description    TEXT    NOT NULL,
    owner          TEXT    NOT NULL,
    due_date       TEXT    NOT NULL,
    done_date      TEXT,
    effective      INTEGER CHECK (effective IN (0, 1)),
    verified_by    TEXT    NOT NULL DEFAULT '',
    verified_at    TEXT,
    sort_order     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX complaint_action_complaint ON complaint_action (complaint_id);
CREATE INDEX complaint_action_due ON complaint_action (due_date) WHERE done_date IS NULL;

-- Search as for customers: trigram FTS for 3+ characters, a gram table for 1–2 Chinese
-- characters; the customer's name is searched through the customer's own index.
CREATE VIRTUAL TABLE complaint_fts USING fts5 (
    search_text, content = 'complaint', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER complaint_fts_insert AFTER INSERT ON complaint BEGIN
    INSERT INTO complaint_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER complaint_fts_update AFTER UPDATE OF search_text ON complaint BEGIN
    INSERT INTO complaint_fts (complaint_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO complaint_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TABLE complaint_gram (
    gram          TEXT    NOT NULL,
    complaint_id  INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
    PRIMARY KEY (gram, complaint_id)
) WITHOUT ROWID;
CREATE INDEX complaint_gram_complaint ON complaint_gram (complaint_id);
