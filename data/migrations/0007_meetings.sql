-- Fairdesk schema, version 7: one-to-one meetings and matchmaking.
--
-- A host is a mentor or recruiter (host_id, a person's id, with booth_id
-- empty) or a booth (booth_id, with host_id empty): a booth's staff share
-- its slots. Every table here is synced; a row of a booth goes to that
-- booth's laptops and the organisers, a row of a person host to the
-- organisers only (data/privacy_audience.go says why). person_id is
-- always the job seeker, so that erasure and the privacy gate find them
-- as they find a visitor.
-- Times are RFC 3339 in UTC, as everywhere else: a slot is an instant and
-- a length, never a wall-clock time, so the October clock change moves
-- nothing.

-- When a host can meet job seekers, one row a slot.
CREATE TABLE meeting_slots (
    id         TEXT PRIMARY KEY,
    booth_id   TEXT NOT NULL DEFAULT '',
    host_id    TEXT NOT NULL DEFAULT '',
    starts_at  TEXT NOT NULL,
    ends_at    TEXT NOT NULL,
    place      TEXT NOT NULL DEFAULT '',   -- a booth table, a room
    link       TEXT NOT NULL DEFAULT '',   -- a video link, for the online fair
    seeker_cap INTEGER NOT NULL DEFAULT 1, -- meetings one job seeker may have with this host
    deleted    INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX meeting_slots_host ON meeting_slots (booth_id, host_id, starts_at);
CREATE INDEX meeting_slots_seq ON meeting_slots (seq);

-- A job seeker's wish to meet a host, ranked (1 is the first choice).
-- Keyed host/seeker, so the same wish entered on two laptops is one row.
CREATE TABLE meeting_requests (
    id        TEXT PRIMARY KEY,
    booth_id  TEXT NOT NULL DEFAULT '',
    host_id   TEXT NOT NULL DEFAULT '',
    person_id TEXT NOT NULL,
    rank      INTEGER NOT NULL DEFAULT 1,
    source    TEXT NOT NULL DEFAULT '',    -- desk, organiser or import
    deleted   INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX meeting_requests_person ON meeting_requests (person_id);
CREATE INDEX meeting_requests_seq ON meeting_requests (seq);

-- What a host thinks of meeting a job seeker: want or no_thanks. Keyed
-- host/seeker. A booth's local "want to meet" list (wanted_visitors) is
-- what its laptop announces; this is what the scheduler reads.
CREATE TABLE host_preferences (
    id         TEXT PRIMARY KEY,
    booth_id   TEXT NOT NULL DEFAULT '',
    host_id    TEXT NOT NULL DEFAULT '',
    person_id  TEXT NOT NULL,
    preference TEXT NOT NULL DEFAULT '',
    deleted    INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX host_preferences_person ON host_preferences (person_id);
CREATE INDEX host_preferences_seq ON host_preferences (seq);

-- A meeting of a host and a job seeker in one slot. UUIDv7 keys: two
-- laptops that book the same slot while apart make two rows, which sync
-- shows as a double booking instead of merging them into one.
CREATE TABLE meetings (
    id        TEXT PRIMARY KEY,
    booth_id  TEXT NOT NULL DEFAULT '',
    host_id   TEXT NOT NULL DEFAULT '',
    person_id TEXT NOT NULL,
    slot_id   TEXT NOT NULL DEFAULT '',
    starts_at TEXT NOT NULL,
    ends_at   TEXT NOT NULL,
    place     TEXT NOT NULL DEFAULT '',
    link      TEXT NOT NULL DEFAULT '',
    state     TEXT NOT NULL DEFAULT 'requested',
    score     INTEGER NOT NULL DEFAULT 0,
    reasons   TEXT NOT NULL DEFAULT '',   -- the match's reasons in plain words, "; " between them
    deleted   INTEGER NOT NULL DEFAULT 0,
    hlc INTEGER NOT NULL, dev TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE INDEX meetings_host ON meetings (booth_id, host_id, starts_at);
CREATE INDEX meetings_person ON meetings (person_id, starts_at);
CREATE INDEX meetings_slot ON meetings (slot_id);
CREATE INDEX meetings_seq ON meetings (seq);
