-- The panel's own records (panel.md): meetings, their agendas, the record of
-- each child at each meeting, and every version of every record. These are
-- the first data in the store that cannot be imported again, so:
--   * nothing here refers to extracts or child rows: an import, a --replace,
--     deleting an extract or loading the demo never reaches these tables, and
--     a child who disappears from extracts keeps every record;
--   * nothing here is ever deleted (the triggers at the end refuse it), and a
--     saved version is never changed.
-- Times are RFC 3339 in UTC; dates YYYY-MM-DD; who is the operating system's
-- user name.

CREATE TABLE panel_meetings (
    id           INTEGER PRIMARY KEY,
    meeting_date TEXT    NOT NULL CHECK (meeting_date <> ''),
    kind         TEXT    NOT NULL CHECK (kind IN ('tracking', 'adoption', 'all')),
    chair        TEXT    NOT NULL DEFAULT '',
    attendees    TEXT    NOT NULL DEFAULT '',          -- roles and names, free text, one a line
    status       TEXT    NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'closed')),
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    held_by      TEXT    NOT NULL DEFAULT '',          -- '' until held
    held_at      TEXT    NOT NULL DEFAULT '',
    closed_by    TEXT    NOT NULL DEFAULT '',          -- '' until closed
    closed_at    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX panel_meetings_by_date ON panel_meetings (meeting_date, kind);

-- What the store keeps of a meeting's agenda: the children added and removed
-- by hand, the order, and (once the meeting is held) each line's reasons as
-- they were then. Suggestions that nobody touched are not stored: they are
-- worked out from the extracts. A removed suggestion keeps its row, with
-- removed = 1, so that it stays removed.
CREATE TABLE panel_agenda (
    meeting_id INTEGER NOT NULL REFERENCES panel_meetings (id),
    child_id   TEXT    NOT NULL CHECK (child_id <> ''),
    position   INTEGER NOT NULL,                       -- agenda order, from 0
    added      INTEGER NOT NULL DEFAULT 0 CHECK (added IN (0, 1)),   -- added by hand (or by a record saved for them)
    removed    INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)), -- removed by hand
    frozen     INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1)),  -- reasons, slot and detail below were fixed when the meeting was held
    reasons    TEXT    NOT NULL DEFAULT '',            -- reason codes (review_due, added...), space-separated
    slot       TEXT    NOT NULL DEFAULT '',            -- HH:MM
    detail     TEXT    NOT NULL DEFAULT '',            -- JSON array of lines
    PRIMARY KEY (meeting_id, child_id)
) WITHOUT ROWID;

-- The current record of each child at each meeting: a copy of its newest
-- version, for reading without scanning the history.
CREATE TABLE panel_records (
    meeting_id  INTEGER NOT NULL REFERENCES panel_meetings (id),
    child_id    TEXT    NOT NULL CHECK (child_id <> ''),
    version     INTEGER NOT NULL CHECK (version >= 1),
    record      TEXT    NOT NULL,                      -- JSON, the shape of panel.md's record file
    next_review TEXT    NOT NULL DEFAULT '',           -- YYYY-MM-DD, '' when none: for queries
    updated_by  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    PRIMARY KEY (meeting_id, child_id)
) WITHOUT ROWID;
CREATE INDEX panel_records_by_child ON panel_records (child_id, meeting_id);

-- Every version of every record, oldest first by version; why is given for
-- a change to a closed meeting's record (an amendment).
CREATE TABLE panel_record_versions (
    meeting_id INTEGER NOT NULL,
    child_id   TEXT    NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    record     TEXT    NOT NULL,
    saved_by   TEXT    NOT NULL,
    saved_at   TEXT    NOT NULL,
    why        TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, child_id, version),
    FOREIGN KEY (meeting_id, child_id) REFERENCES panel_records (meeting_id, child_id)
) WITHOUT ROWID;

-- What the panel typed is never deleted, and a version never changes.
CREATE TRIGGER panel_meetings_kept BEFORE DELETE ON panel_meetings
BEGIN SELECT RAISE(ABORT, 'a panel meeting is never deleted'); END;
CREATE TRIGGER panel_agenda_kept BEFORE DELETE ON panel_agenda
BEGIN SELECT RAISE(ABORT, 'an agenda line is never deleted: it is marked removed'); END;
CREATE TRIGGER panel_records_kept BEFORE DELETE ON panel_records
BEGIN SELECT RAISE(ABORT, 'a panel record is never deleted'); END;
CREATE TRIGGER panel_record_versions_kept BEFORE DELETE ON panel_record_versions
BEGIN SELECT RAISE(ABORT, 'a version of a panel record is never deleted'); END;
CREATE TRIGGER panel_record_versions_fixed BEFORE UPDATE ON panel_record_versions
BEGIN SELECT RAISE(ABORT, 'a version of a panel record is never changed'); END;
