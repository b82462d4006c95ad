-- Customer archive (客户档案): customers with contacts and addresses, Chinese substring search,
-- and the numbering sequences every aggregate shares.

-- Gap-free numbers per scope and period (KH customers, KS-YYYY complaints, ...): the counter is
-- advanced in the same transaction as the insert that uses it, so a rollback gives it back.
CREATE TABLE number_sequence (
    scope   TEXT    NOT NULL,
    period  INTEGER NOT NULL,
    last    INTEGER NOT NULL,
    PRIMARY KEY (scope, period)
) WITHOUT ROWID;

CREATE TABLE customer (
    id               INTEGER PRIMARY KEY,
    code             TEXT    NOT NULL UNIQUE,
    name             TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    region           TEXT    NOT NULL DEFAULT '',
    industry         TEXT    NOT NULL DEFAULT '',
    grade            TEXT    NOT NULL,
    source_store_id  INTEGER REFERENCES store (id),
    tags             TEXT    NOT NULL DEFAULT '[]',
    notes            TEXT    NOT NULL DEFAULT '',
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    merged_into_id   INTEGER REFERENCES customer (id),
    -- name, code, contacts and phones in one line: what search looks in.
    search_text      TEXT    NOT NULL DEFAULT '',
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX customer_grade ON customer (grade, id);
CREATE INDEX customer_region ON customer (region, id);
CREATE INDEX customer_store ON customer (source_store_id, id);
CREATE INDEX customer_active ON customer (active, id);

CREATE TABLE customer_contact (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    title        TEXT    NOT NULL DEFAULT '',
    phone        TEXT    NOT NULL DEFAULT '',
    email        TEXT    NOT NULL DEFAULT '',
    is_primary   INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    sort_order   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customer_contact_customer ON customer_contact (customer_id);

CREATE TABLE customer_address (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    label        TEXT    NOT NULL DEFAULT '',
    address      TEXT    NOT NULL,
    is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    sort_order   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customer_address_customer ON customer_address (customer_id);

-- Substrings of 3+ characters: FTS5 trigram over search_text, kept in step by triggers.
CREATE VIRTUAL TABLE customer_fts USING fts5 (
    search_text, content = 'customer', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN
    INSERT INTO customer_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer BEGIN
    INSERT INTO customer_fts (customer_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER customer_fts_update AFTER UPDATE OF search_text ON customer BEGIN
    INSERT INTO customer_fts (customer_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO customer_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

-- Substrings of 1 and 2 characters (most Chinese search words), which trigram cannot find:
-- one row per distinct gram of search_text, written by the core with the customer.
CREATE TABLE customer_gram (
    gram         TEXT    NOT NULL,
    customer_id  INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    PRIMARY KEY (gram, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_gram_customer ON customer_gram (customer_id);
