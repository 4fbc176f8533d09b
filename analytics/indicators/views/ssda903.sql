-- Canonical SSDA903 tables (built once per engine): one row per episode, child, review and
-- missing episode, taking the latest collection year's version where returns overlap (an
-- episode open at 31 March appears again in the next year's return, with its end date).

CREATE OR REPLACE TABLE episodes AS
WITH latest AS (
    SELECT * FROM ssda903_episodes
    QUALIFY row_number() OVER (PARTITION BY la, CHILD, DECOM ORDER BY collection_year DESC) = 1
)
SELECT
    *,
    short_break(LS) AS short_break,
    -- A new placement with a new carer; L (legal status only), B and U (same carers) are not.
    RNE IN ('S', 'P', 'T') AS new_placement,
    DEC IS NOT NULL AND REC <> 'X1' AS ends_care,
    max(CASE WHEN RNE = 'S' THEN DECOM END) OVER child_so_far AS care_start,
    max(CASE WHEN RNE IN ('S', 'P', 'T') THEN DECOM END) OVER child_so_far AS placement_start
FROM latest
WINDOW child_so_far AS (
    PARTITION BY la, CHILD ORDER BY DECOM ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
);

CREATE OR REPLACE TABLE lac_children AS
SELECT * FROM ssda903_header
QUALIFY row_number() OVER (PARTITION BY la, CHILD ORDER BY collection_year DESC) = 1;

CREATE OR REPLACE TABLE lac_reviews AS
SELECT * FROM ssda903_reviews
QUALIFY row_number() OVER (PARTITION BY la, CHILD, REVIEW ORDER BY collection_year DESC) = 1;

CREATE OR REPLACE TABLE lac_missing AS
SELECT * FROM ssda903_missing
QUALIFY row_number() OVER (PARTITION BY la, CHILD, MIS_START ORDER BY collection_year DESC) = 1;

CREATE OR REPLACE TABLE lac_adoption_matches AS
SELECT * FROM ssda903_ad1
QUALIFY row_number() OVER (PARTITION BY la, CHILD ORDER BY collection_year DESC) = 1;
