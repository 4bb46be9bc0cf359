-- Fairdesk schema, version 1.
--
-- Every synced table has a UUIDv7 text key and three bookkeeping columns:
--   hlc  the hybrid logical clock stamp of the row's creation; it stands for
--        every column that has no entry of its own in stamps
--   dev  the device that made that stamp
--   seq  the local change counter at the row's last change, so that sync can
--        send what changed since it last wrote a batch
-- A delete sets deleted = 1 (a tombstone, stamped like any other column).
-- Link tables (booth_staff, session_speakers, signups) are keyed by the pair
-- they link, so that two laptops adding the same link make the same row.
-- No foreign keys between synced tables: a batch from another laptop may
-- name a row that arrives in a later batch.

CREATE TABLE local_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE stamps (
    tbl TEXT NOT NULL,
    id  TEXT NOT NULL,
    col TEXT NOT NULL,
    hlc INTEGER NOT NULL,
    dev TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (tbl, id, col)
) WITHOUT ROWID;
CREATE INDEX stamps_seq ON stamps (seq);

CREATE TABLE events (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    starts_at  TEXT NOT NULL DEFAULT '',
    ends_at    TEXT NOT NULL DEFAULT '',
    time_zone  TEXT NOT NULL DEFAULT 'UTC',
    venue      TEXT NOT NULL DEFAULT '',
    platform   TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    is_demo    INTEGER NOT NULL DEFAULT 0,
    deleted    INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);

CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL DEFAULT '',
    sector      TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT 'other',
    website     TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    deleted     INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX organisations_name ON organisations (lower(name));
CREATE INDEX organisations_seq ON organisations (seq);

CREATE TABLE people (
    id              TEXT PRIMARY KEY,
    given_name      TEXT NOT NULL DEFAULT '',
    family_name     TEXT NOT NULL DEFAULT '',
    kanji_name      TEXT NOT NULL DEFAULT '',
    kana_name       TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    org_id          TEXT NOT NULL DEFAULT '',
    job_title       TEXT NOT NULL DEFAULT '',
    roles           TEXT NOT NULL DEFAULT '',
    programme_role  TEXT NOT NULL DEFAULT '',
    host_prefecture TEXT NOT NULL DEFAULT '',
    years           TEXT NOT NULL DEFAULT '',
    year_returned   INTEGER NOT NULL DEFAULT 0,
    interests       TEXT NOT NULL DEFAULT '',
    industries      TEXT NOT NULL DEFAULT '',
    badge_code      TEXT NOT NULL DEFAULT '',
    consent         INTEGER NOT NULL DEFAULT 0,
    notes           TEXT NOT NULL DEFAULT '',
    custom          TEXT NOT NULL DEFAULT '',
    deleted         INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX people_email ON people (lower(email)) WHERE email <> '';
CREATE INDEX people_badge ON people (badge_code) WHERE badge_code <> '';
CREATE INDEX people_sort ON people (deleted, family_name COLLATE NOCASE, given_name COLLATE NOCASE);
CREATE INDEX people_org ON people (org_id);
CREATE INDEX people_seq ON people (seq);

-- Search index over people: every name form, e-mail, organisation and badge
-- of the live people, rowid for rowid. The store refreshes the rows a write
-- touched in one statement at the end of its transaction, not by trigger:
-- a trigger makes FTS5 flush its buffer after every single row.
-- An e-mail address stays one token (tokenchars), so it is found by its
-- start and a common domain does not make every search match everyone.
CREATE VIRTUAL TABLE people_fts USING fts5 (
    body,
    tokenize = "unicode61 tokenchars '@._+'"
);

CREATE TABLE booths (
    id        TEXT PRIMARY KEY,
    code      TEXT NOT NULL DEFAULT '',
    name      TEXT NOT NULL DEFAULT '',
    org_id    TEXT NOT NULL DEFAULT '',
    location  TEXT NOT NULL DEFAULT '',
    custom    TEXT NOT NULL DEFAULT '',
    deleted   INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX booths_code ON booths (code);
CREATE INDEX booths_seq ON booths (seq);

CREATE TABLE booth_staff (
    id        TEXT PRIMARY KEY,
    booth_id  TEXT NOT NULL,
    person_id TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX booth_staff_booth ON booth_staff (booth_id);
CREATE INDEX booth_staff_seq ON booth_staff (seq);

CREATE TABLE sessions (
    id             TEXT PRIMARY KEY,
    title          TEXT NOT NULL DEFAULT '',
    kind           TEXT NOT NULL DEFAULT 'talk',
    starts_at      TEXT NOT NULL DEFAULT '',
    ends_at        TEXT NOT NULL DEFAULT '',
    room           TEXT NOT NULL DEFAULT '',
    link           TEXT NOT NULL DEFAULT '',
    capacity       INTEGER NOT NULL DEFAULT 0,
    description    TEXT NOT NULL DEFAULT '',
    recording_link TEXT NOT NULL DEFAULT '',
    custom         TEXT NOT NULL DEFAULT '',
    deleted        INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX sessions_start ON sessions (starts_at);
CREATE INDEX sessions_seq ON sessions (seq);

CREATE TABLE session_speakers (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX session_speakers_session ON session_speakers (session_id);
CREATE INDEX session_speakers_person ON session_speakers (person_id);
CREATE INDEX session_speakers_seq ON session_speakers (seq);

CREATE TABLE signups (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX signups_session ON signups (session_id);
CREATE INDEX signups_person ON signups (person_id);
CREATE INDEX signups_seq ON signups (seq);
