-- Fairdesk schema, version 3: what happens on the day.
--
-- Check-ins, booth visits, session attendance and lead exports are facts:
-- rows are only ever added, never changed, so two laptops can never
-- disagree about them. An undo is a new row naming the one it undoes.

CREATE TABLE checkins (
    id        TEXT PRIMARY KEY,
    person_id TEXT NOT NULL,
    action    TEXT NOT NULL,              -- in, out or undo
    undoes    TEXT NOT NULL DEFAULT '',   -- for undo: the id of the row undone
    at        TEXT NOT NULL,              -- RFC 3339, UTC
    laptop    TEXT NOT NULL DEFAULT '',   -- the name of the laptop it was made on
    operator  TEXT NOT NULL DEFAULT '',
    deleted   INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX checkins_person ON checkins (person_id, at);
CREATE INDEX checkins_at ON checkins (at);
CREATE INDEX checkins_seq ON checkins (seq);

CREATE TABLE visits (
    id        TEXT PRIMARY KEY,
    booth_id  TEXT NOT NULL,
    person_id TEXT NOT NULL,
    undoes    TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL,
    laptop    TEXT NOT NULL DEFAULT '',
    staff     TEXT NOT NULL DEFAULT '',
    deleted   INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX visits_booth ON visits (booth_id, at);
CREATE INDEX visits_person ON visits (person_id);
CREATE INDEX visits_seq ON visits (seq);

CREATE TABLE attendance (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    undoes     TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    laptop     TEXT NOT NULL DEFAULT '',
    operator   TEXT NOT NULL DEFAULT '',
    deleted    INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX attendance_session ON attendance (session_id);
CREATE INDEX attendance_seq ON attendance (seq);

-- What a booth's staff note about a visitor: editable, last writer wins
-- per field. Keyed booth_id/person_id.
CREATE TABLE leads (
    id        TEXT PRIMARY KEY,
    booth_id  TEXT NOT NULL,
    person_id TEXT NOT NULL,
    notes     TEXT NOT NULL DEFAULT '',
    rating    TEXT NOT NULL DEFAULT '',   -- hot, warm, cold or empty
    tags      TEXT NOT NULL DEFAULT '',
    follow_up INTEGER NOT NULL DEFAULT 0,
    deleted   INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX leads_booth ON leads (booth_id);
CREATE INDEX leads_seq ON leads (seq);

CREATE TABLE lead_exports (
    id        TEXT PRIMARY KEY,
    booth_id  TEXT NOT NULL,
    at        TEXT NOT NULL,
    laptop    TEXT NOT NULL DEFAULT '',
    staff     TEXT NOT NULL DEFAULT '',
    rows      INTEGER NOT NULL DEFAULT 0,
    deleted   INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX lead_exports_seq ON lead_exports (seq);
