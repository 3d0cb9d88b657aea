-- The authority's own benchmarks (docs/benchmarks.md): figures set beside
-- the local ones, imported from a CSV of the shipped table's columns (a
-- region's, statistical neighbours', a newer national release). The shipped
-- table itself is not stored: it comes with the app.
--
-- A row is a benchmark as imported. Importing a row of the same measure,
-- area, kind and period again adds a new row; the newest (highest id) is the
-- one in force. Nothing here is changed or deleted (the triggers refuse it),
-- so every figure the panel ever saw stays, with the file it came from.
-- Dates are YYYY-MM-DD ('' when none); units and kinds are the codes of the
-- CSV (weeks, days, percent, per_10000, children; figure, threshold).

CREATE TABLE benchmarks (
    id             INTEGER PRIMARY KEY,
    measure_key    TEXT    NOT NULL CHECK (measure_key <> ''),
    area           TEXT    NOT NULL CHECK (area <> ''),
    kind           TEXT    NOT NULL CHECK (kind IN ('figure', 'threshold')),
    value          REAL    NOT NULL,
    unit           TEXT    NOT NULL CHECK (unit IN ('weeks', 'days', 'percent', 'per_10000', 'children')),
    period         TEXT    NOT NULL,
    period_start   TEXT    NOT NULL,
    period_end     TEXT    NOT NULL,
    publisher      TEXT    NOT NULL,
    source_title   TEXT    NOT NULL,
    source_url     TEXT    NOT NULL,
    published      TEXT    NOT NULL DEFAULT '',
    comparability  TEXT    NOT NULL DEFAULT '',
    notes          TEXT    NOT NULL DEFAULT '',
    file_name      TEXT    NOT NULL,                   -- the file it was imported from
    imported_by    TEXT    NOT NULL,
    imported_at    TEXT    NOT NULL                    -- RFC 3339, UTC
);
CREATE INDEX benchmarks_by_key ON benchmarks (measure_key, area, period_end);

CREATE TRIGGER benchmarks_kept BEFORE DELETE ON benchmarks
BEGIN SELECT RAISE(ABORT, 'a benchmark is never deleted: import a corrected row to replace it'); END;
CREATE TRIGGER benchmarks_fixed BEFORE UPDATE ON benchmarks
BEGIN SELECT RAISE(ABORT, 'a stored benchmark is never changed: import a corrected row to replace it'); END;
