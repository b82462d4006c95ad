-- Company mode (`shouhou serve`): each signed-in desk window holds a random token; the server
-- keeps only its SHA-256. A session ends on sign-out, when the user is deactivated or their
-- password is reset, or after the idle time in the settings (`session_idle_hours`).
CREATE TABLE server_session (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES app_user (id),
    token_hash    TEXT    NOT NULL UNIQUE,
    desk_name     TEXT    NOT NULL,
    desk_address  TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    last_seen_at  TEXT    NOT NULL
);
CREATE INDEX server_session_user ON server_session (user_id);

-- The desk a change came from ("财务部-PC (192.168.1.23)"); NULL for this desk alone and the CLI.
ALTER TABLE audit_event ADD COLUMN desk TEXT;
