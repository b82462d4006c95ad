-- Attachments (photos, scans, documents) of any record: the bytes live in the data folder under
-- attachments/, named by their SHA-256 (content-addressed: the same photo attached twice is
-- stored once); a JPEG thumbnail beside them for images. The rows say what belongs to what.

CREATE TABLE attachment (
    id            INTEGER PRIMARY KEY,
    owner_type    TEXT    NOT NULL,                     -- 'complaint'; later modules add theirs
    owner_id      INTEGER NOT NULL,
    sha256        TEXT    NOT NULL CHECK (length(sha256) = 64),
    extension     TEXT    NOT NULL,                     -- lower case, without the dot: jpg, pdf …
    file_name     TEXT    NOT NULL,                     -- as the user's file was called
    media_type    TEXT    NOT NULL,
    size_bytes    INTEGER NOT NULL CHECK (size_bytes > 0),
    width         INTEGER,                              -- images only, after EXIF orientation
    height        INTEGER,
    has_thumbnail INTEGER NOT NULL DEFAULT 0 CHECK (has_thumbnail IN (0, 1)),
    caption       TEXT    NOT NULL DEFAULT '',
    added_by      INTEGER REFERENCES app_user (id),
    added_by_name TEXT    NOT NULL,
    added_at      TEXT    NOT NULL
);
CREATE INDEX attachment_owner ON attachment (owner_type, owner_id, id);
CREATE INDEX attachment_sha256 ON attachment (sha256);
