-- Fairdesk schema, version 5: privacy.

-- An erasure record: the id of a person an organiser erased, and when.
-- It holds no personal data. Synced to every laptop, so that each removes
-- the person, and kept, so that a late change naming them is dropped.
CREATE TABLE erasures (
    id        TEXT PRIMARY KEY,           -- the person's id
    at        TEXT NOT NULL DEFAULT '',   -- RFC 3339, UTC
    deleted   INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX erasures_seq ON erasures (seq);

-- Changes from other laptops that their writer's role may not make (a
-- booth laptop editing the agenda or another booth's lead). They were
-- never applied; this laptop keeps the list for the Conflicts screen.
-- Local to this laptop; the reason names records by id only.
CREATE TABLE refused_changes (
    id       INTEGER PRIMARY KEY,
    device   TEXT NOT NULL,
    laptop   TEXT NOT NULL DEFAULT '',
    role     TEXT NOT NULL DEFAULT '',
    batch    INTEGER NOT NULL DEFAULT 0,
    tbl      TEXT NOT NULL,
    row_id   TEXT NOT NULL,
    reason   TEXT NOT NULL,
    at       TEXT NOT NULL,
    UNIQUE (device, batch, tbl, row_id)
);
