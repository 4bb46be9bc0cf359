-- Fairdesk schema, version 2: what sync between laptops needs.

-- Every value that was replaced, by a local edit or by a newer value from
-- another laptop, or that lost a merge: nothing saved is ever thrown away.
-- Local to this laptop.
CREATE TABLE history (
    tbl      TEXT NOT NULL,
    id       TEXT NOT NULL,
    col      TEXT NOT NULL,
    value    ANY,
    hlc      INTEGER NOT NULL,  -- the stamp the value had
    dev      TEXT NOT NULL,
    by_hlc   INTEGER NOT NULL,  -- the stamp of the value that replaced it
    by_dev   TEXT NOT NULL
);
CREATE INDEX history_row ON history (tbl, id);

-- What this laptop has applied from each other laptop.
CREATE TABLE sync_peers (
    device     TEXT PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    last_seq   INTEGER NOT NULL DEFAULT 0,  -- the last batch number applied
    last_hlc   INTEGER NOT NULL DEFAULT 0,  -- the newest stamp seen from it
    seen_at    TEXT NOT NULL DEFAULT ''     -- when its newest batch was read, local time
) WITHOUT ROWID;

-- Conflicts found by merges, shown to the organiser. Synced like any
-- other table, keyed by what conflicted, so that every laptop that finds
-- the same conflict makes the same row and a resolution reaches them all.
CREATE TABLE conflicts (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,              -- field, delete or duplicate
    tbl         TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    col         TEXT NOT NULL DEFAULT '',
    kept        TEXT NOT NULL DEFAULT '',   -- the value the merge kept
    kept_dev    TEXT NOT NULL DEFAULT '',
    other       TEXT NOT NULL DEFAULT '',   -- the value it set aside, or the other row
    other_dev   TEXT NOT NULL DEFAULT '',
    resolution  TEXT NOT NULL DEFAULT '',   -- empty while open
    deleted     INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX conflicts_open ON conflicts (resolution);
CREATE INDEX conflicts_seq ON conflicts (seq);
