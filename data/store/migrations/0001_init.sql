-- Every import is one extract: a snapshot of the authority's children at its date.
CREATE TABLE extracts (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,            -- tracker | ssda903 | demo
    file_name       TEXT    NOT NULL,
    sha256          TEXT    NOT NULL UNIQUE,
    extract_date    TEXT    NOT NULL,            -- YYYY-MM-DD
    imported_at     TEXT    NOT NULL,            -- RFC 3339
    row_count       INTEGER NOT NULL,
    warning_count   INTEGER NOT NULL,
    ignored_columns TEXT    NOT NULL DEFAULT '' -- tab-separated headings the importer did not use
);
CREATE INDEX extracts_by_date ON extracts (kind, extract_date);

-- One row per child per extract. The record holds every field of the child
-- record (data.Fields) in a compact encoding; child_id and plan are columns
-- so they can be queried directly. The key puts a child's rows together, so
-- the state as at a date is read in one pass in child order.
CREATE TABLE child_rows (
    extract_id INTEGER NOT NULL REFERENCES extracts (id) ON DELETE CASCADE,
    child_id   TEXT    NOT NULL,
    source_row INTEGER NOT NULL,
    plan       TEXT    NOT NULL,
    record     BLOB    NOT NULL,
    PRIMARY KEY (child_id, extract_id)
) WITHOUT ROWID;
CREATE INDEX child_rows_by_extract ON child_rows (extract_id);

-- Import warnings, per child and extract (the data-quality screen).
CREATE TABLE warnings (
    id          INTEGER PRIMARY KEY,
    extract_id  INTEGER NOT NULL REFERENCES extracts (id) ON DELETE CASCADE,
    child_id    TEXT    NOT NULL,
    source_row  INTEGER NOT NULL,
    column_name TEXT    NOT NULL,
    value       TEXT    NOT NULL,
    message     TEXT    NOT NULL
);
CREATE INDEX warnings_by_extract ON warnings (extract_id);
CREATE INDEX warnings_by_child ON warnings (child_id);

-- Named settings: authority name, thresholds.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
