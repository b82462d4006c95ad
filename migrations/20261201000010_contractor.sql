-- Outside personnel, part 1 (issue 9): contracting and service units (承包/服务单位) with their
-- certificates and blacklist; engagements (用工/发包项目) numbered WY-/WB-/SH-YYYY-NNNN; the
-- document checklist of each engagement by category; the safety department's review; and a name
-- roster (the second issue adds workers beside it and replaces it).

CREATE TABLE contractor_unit (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT    NOT NULL,
    -- 统一社会信用代码 (GB 32100, check character validated by the core).
    credit_code           TEXT    NOT NULL UNIQUE,
    legal_representative  TEXT    NOT NULL DEFAULT '',
    address               TEXT    NOT NULL DEFAULT '',
    bank_name             TEXT    NOT NULL DEFAULT '',
    bank_account          TEXT    NOT NULL DEFAULT '',
    -- [{name, title, phone}], the first is the main contact.
    contacts              TEXT    NOT NULL DEFAULT '[]',
    notes                 TEXT    NOT NULL DEFAULT '',
    blacklisted           INTEGER NOT NULL DEFAULT 0 CHECK (blacklisted IN (0, 1)),
    blacklist_reason      TEXT    NOT NULL DEFAULT '',
    blacklisted_on        TEXT,                          -- local date
    blacklisted_by        TEXT    NOT NULL DEFAULT '',
    search_text           TEXT    NOT NULL DEFAULT '',
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    version               INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contractor_unit_name ON contractor_unit (name);
CREATE INDEX contractor_unit_blacklisted_name ON contractor_unit (blacklisted, name);

CREATE VIRTUAL TABLE contractor_unit_fts USING fts5 (
    search_text, content = 'contractor_unit', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER contractor_unit_fts_insert AFTER INSERT ON contractor_unit BEGIN
    INSERT INTO contractor_unit_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER contractor_unit_fts_delete AFTER DELETE ON contractor_unit BEGIN
    INSERT INTO contractor_unit_fts (contractor_unit_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER contractor_unit_fts_update AFTER UPDATE OF search_text ON contractor_unit BEGIN
    INSERT INTO contractor_unit_fts (contractor_unit_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO contractor_unit_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TABLE contractor_unit_gram (
    gram     TEXT    NOT NULL,
    unit_id  INTEGER NOT NULL REFERENCES contractor_unit (id) ON DELETE CASCADE,
    PRIMARY KEY (gram, unit_id)
) WITHOUT ROWID;
CREATE INDEX contractor_unit_gram_unit_id ON contractor_unit_gram (unit_id);

-- 营业执照, 资质证书, 安全生产许可证 …; scans are attachments owned by the certificate.
CREATE TABLE contractor_certificate (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES contractor_unit (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    name        TEXT    NOT NULL DEFAULT '',
    number      TEXT    NOT NULL,
    issuer      TEXT    NOT NULL DEFAULT '',
    valid_from  TEXT,                                   -- local dates; no end: 长期
    valid_to    TEXT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contractor_certificate_unit ON contractor_certificate (unit_id);
CREATE INDEX contractor_certificate_valid_to ON contractor_certificate (valid_to) WHERE valid_to IS NOT NULL;

CREATE TABLE contractor_engagement (
    id                          INTEGER PRIMARY KEY,
    number                      TEXT    NOT NULL UNIQUE,  -- WY-/WB-/SH-YYYY-NNNN
    category                    TEXT    NOT NULL,
    department_id               INTEGER NOT NULL REFERENCES department (id),
    unit_id                     INTEGER REFERENCES contractor_unit (id),
    title                       TEXT    NOT NULL,
    content                     TEXT    NOT NULL DEFAULT '',
    place                       TEXT    NOT NULL DEFAULT '',
    area                        TEXT    NOT NULL DEFAULT '',
    contract_number             TEXT    NOT NULL DEFAULT '',
    start_date                  TEXT    NOT NULL,         -- local dates
    end_date                    TEXT    NOT NULL,
    -- 不转包、不分包: the unit's undertaking is on file.
    no_subcontracting           INTEGER NOT NULL DEFAULT 0 CHECK (no_subcontracting IN (0, 1)),
    deposit_fen                 INTEGER NOT NULL DEFAULT 0 CHECK (deposit_fen >= 0),
    deposit_terms               TEXT    NOT NULL DEFAULT '',
    -- The agreement template the agreement was first printed with (reprints use the same).
    agreement_template_version  INTEGER,
    state                       TEXT    NOT NULL,
    -- Items missing, returned or expired when last written: the list's 缺项 filter.
    open_items                  INTEGER NOT NULL DEFAULT 0,
    review_round                INTEGER NOT NULL DEFAULT 0,
    approved_by_id              INTEGER REFERENCES app_user (id),
    approved_by                 TEXT    NOT NULL DEFAULT '',
    approved_at                 TEXT,
    end_reason                  TEXT    NOT NULL DEFAULT '',
    ended_at                    TEXT,
    search_text                 TEXT    NOT NULL DEFAULT '',
    created_by                  TEXT    NOT NULL DEFAULT '',
    created_at                  TEXT    NOT NULL,
    updated_at                  TEXT    NOT NULL,
    version                     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contractor_engagement_created ON contractor_engagement (created_at);
CREATE INDEX contractor_engagement_category_created ON contractor_engagement (category, created_at);
CREATE INDEX contractor_engagement_department_created ON contractor_engagement (department_id, created_at);
CREATE INDEX contractor_engagement_state_created ON contractor_engagement (state, created_at);
CREATE INDEX contractor_engagement_unit_created ON contractor_engagement (unit_id, created_at);
CREATE INDEX contractor_engagement_open_items_created ON contractor_engagement (created_at) WHERE open_items > 0;
CREATE INDEX contractor_engagement_end ON contractor_engagement (end_date) WHERE state IN ('approved', 'active');

CREATE VIRTUAL TABLE contractor_engagement_fts USING fts5 (
    search_text, content = 'contractor_engagement', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER contractor_engagement_fts_insert AFTER INSERT ON contractor_engagement BEGIN
    INSERT INTO contractor_engagement_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER contractor_engagement_fts_delete AFTER DELETE ON contractor_engagement BEGIN
    INSERT INTO contractor_engagement_fts (contractor_engagement_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER contractor_engagement_fts_update AFTER UPDATE OF search_text ON contractor_engagement BEGIN
    INSERT INTO contractor_engagement_fts (contractor_engagement_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    INSERT INTO contractor_engagement_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TABLE contractor_engagement_gram (
    gram           TEXT    NOT NULL,
    engagement_id  INTEGER NOT NULL REFERENCES contractor_engagement (id) ON DELETE CASCADE,
    PRIMARY KEY (gram, engagement_id)
) WITHOUT ROWID;
CREATE INDEX contractor_engagement_gram_engagement_id ON contractor_engagement_gram (engagement_id);

-- The document checklist: one row per item the rule lists for the engagement's category.
CREATE TABLE contractor_item (
    id             INTEGER PRIMARY KEY,
    engagement_id  INTEGER NOT NULL REFERENCES contractor_engagement (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL,
    sort_order     INTEGER NOT NULL,
    -- "WB-2026-0001 承包合同(协议)": names the item in attachment messages and the log.
    title          TEXT    NOT NULL,
    state          TEXT    NOT NULL DEFAULT 'missing',
    valid_to       TEXT,                                -- local date; past it the item is 过期
    submitted_by   TEXT    NOT NULL DEFAULT '',
    submitted_at   TEXT,
    reviewer_id    INTEGER REFERENCES app_user (id),
    reviewer       TEXT    NOT NULL DEFAULT '',
    reviewed_at    TEXT,
    comment        TEXT    NOT NULL DEFAULT '',
    UNIQUE (engagement_id, kind)
);

-- The approved roster as a name list (the second issue adds workers with ID numbers).
CREATE TABLE contractor_roster (
    id             INTEGER PRIMARY KEY,
    engagement_id  INTEGER NOT NULL REFERENCES contractor_engagement (id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    trade          TEXT    NOT NULL DEFAULT '',
    -- 上岗: may only be set once the package is approved.
    working        INTEGER NOT NULL DEFAULT 0 CHECK (working IN (0, 1)),
    added_by       TEXT    NOT NULL DEFAULT '',
    added_at       TEXT    NOT NULL
);
CREATE INDEX contractor_roster_engagement ON contractor_roster (engagement_id);
