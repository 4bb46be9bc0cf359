-- Fairdesk schema, version 4: notifications.
--
-- Every table here is local to this laptop and never synced: what this
-- laptop's user follows, wants to meet and was told.

-- Sessions the user starred on this laptop.
CREATE TABLE followed_sessions (
    session_id TEXT PRIMARY KEY,
    at         TEXT NOT NULL             -- when it was starred, RFC 3339 UTC
) WITHOUT ROWID;

-- The "want to meet" list of a booth's staff on this laptop.
CREATE TABLE wanted_visitors (
    booth_id  TEXT NOT NULL,
    person_id TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (booth_id, person_id)
) WITHOUT ROWID;

-- What was announced, so that nothing is announced twice: a restart, a
-- second sync of the same change or an edit does not repeat a row; a
-- session moved to a new time has a new instant and is announced again.
CREATE TABLE notify_ledger (
    kind    TEXT NOT NULL,               -- session, visit, wanted, capacity, unstaffed
    subject TEXT NOT NULL,               -- the id of the session, visit, check-in or booth
    instant TEXT NOT NULL,               -- RFC 3339 UTC: the start, the visit, the check-in
    sent_at TEXT NOT NULL,
    PRIMARY KEY (kind, subject, instant)
) WITHOUT ROWID;

-- The notification centre: every notification, read or not.
CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    target_kind TEXT NOT NULL DEFAULT '', -- session, person or booth
    target_id   TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL,            -- when it was made, RFC 3339 UTC
    read        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_unread ON notifications (read) WHERE read = 0;
