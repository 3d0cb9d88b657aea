-- The SSDA903 tables behind each child's derived journey, as stitched across
-- the return years of one import (one version of each episode, review and
-- adoption decision). Deleting or replacing the extract deletes them.
-- Dates are YYYY-MM-DD text; codes are as in the return. Not kept: the header
-- table (its DOB, SEX and ETHNIC are in child_rows; UPN, MOTHER and MC_DOB are
-- not needed), postcodes (HOME_POST, PL_POST), and the previous_permanence,
-- missing, uasc, oc2, oc3, sw_episodes and DoLo tables.
CREATE TABLE ssda903_episodes (
    extract_id          INTEGER NOT NULL REFERENCES extracts (id) ON DELETE CASCADE,
    child_id            TEXT    NOT NULL,
    decom               TEXT    NOT NULL,
    rne                 TEXT    NOT NULL,
    ls                  TEXT    NOT NULL,
    cin                 TEXT    NOT NULL,
    place               TEXT    NOT NULL,
    place_provider      TEXT    NOT NULL,
    dec                 TEXT    NOT NULL,            -- '' while the episode is open
    rec                 TEXT    NOT NULL,
    reason_place_change TEXT    NOT NULL,
    urn                 TEXT    NOT NULL,
    period_of_care      INTEGER NOT NULL,            -- 1 = the child's first period in the data; 0 = after the extract date
    return_year         INTEGER NOT NULL,            -- YEAR column, year in the file name, or collection year end
    source_file         TEXT    NOT NULL,
    source_row          INTEGER NOT NULL,
    PRIMARY KEY (extract_id, child_id, decom)
) WITHOUT ROWID;

CREATE TABLE ssda903_reviews (
    extract_id  INTEGER NOT NULL REFERENCES extracts (id) ON DELETE CASCADE,
    child_id    TEXT    NOT NULL,
    review      TEXT    NOT NULL,
    review_code TEXT    NOT NULL,
    source_file TEXT    NOT NULL,
    source_row  INTEGER NOT NULL,
    PRIMARY KEY (extract_id, child_id, review)
) WITHOUT ROWID;

CREATE TABLE ssda903_ad1 (
    id          INTEGER PRIMARY KEY,
    extract_id  INTEGER NOT NULL REFERENCES extracts (id) ON DELETE CASCADE,
    child_id    TEXT    NOT NULL,
    date_int    TEXT    NOT NULL,
    date_match  TEXT    NOT NULL,
    foster_care TEXT    NOT NULL,
    nb_adoptr   TEXT    NOT NULL,
    sex_adoptr  TEXT    NOT NULL,
    ls_adoptr   TEXT    NOT NULL,
    return_year INTEGER NOT NULL,
    source_file TEXT    NOT NULL,
    source_row  INTEGER NOT NULL
);
CREATE INDEX ssda903_ad1_by_extract ON ssda903_ad1 (extract_id, child_id);

CREATE TABLE ssda903_placed_for_adoption (
    extract_id           INTEGER NOT NULL REFERENCES extracts (id) ON DELETE CASCADE,
    child_id             TEXT    NOT NULL,
    date_placed          TEXT    NOT NULL,
    date_placed_ceased   TEXT    NOT NULL,
    reason_placed_ceased TEXT    NOT NULL,
    source_file          TEXT    NOT NULL,
    source_row           INTEGER NOT NULL,
    PRIMARY KEY (extract_id, child_id, date_placed)
) WITHOUT ROWID;
