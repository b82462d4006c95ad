-- Workers (issue 10, helper "workers"): the search index of contractor_worker (name, unit, trade,
-- special class — never the ID number, which is found through its unique index), as
-- search::SearchIndex::migration_sql("contractor_worker", "worker_id") gives it.
CREATE VIRTUAL TABLE contractor_worker_fts USING fts5 (
    search_text, content = 'contractor_worker', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER contractor_worker_fts_insert AFTER INSERT ON contractor_worker BEGIN
    INSERT INTO contractor_worker_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER contractor_worker_fts_delete AFTER DELETE ON contractor_worker BEGIN
    INSERT INTO contractor_worker_fts (contractor_worker_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER contractor_worker_fts_update AFTER UPDATE OF search_text ON contractor_worker BEGIN
    INSERT INTO contractor_worker_fts (contractor_worker_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO contractor_worker_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TABLE contractor_worker_gram (
    gram       TEXT    NOT NULL,
    worker_id  INTEGER NOT NULL REFERENCES contractor_worker (id) ON DELETE CASCADE,
    PRIMARY KEY (gram, worker_id)
) WITHOUT ROWID;
CREATE INDEX contractor_worker_gram_worker_id ON contractor_worker_gram (worker_id);

-- The list's filters with its order (name, id): 黑名单 and category walk an index.
CREATE INDEX contractor_worker_blacklisted_name ON contractor_worker (blacklisted, name);
CREATE INDEX contractor_worker_category_name ON contractor_worker (category, name);
