-- reference: LAC-10
-- title: Children looked after placed more than 20 miles from home and outside the authority
-- unit: percent
-- polarity: lower
-- period: snapshot
-- dataset: ssda903
-- version: 1
-- source: DfE, Children looked after in England: placed more than 20 miles from home and outside LA boundary; distance formula of the SSDA903 guidance
-- definition: Of children looked after on the last day of the period (excluding short
--   breaks) whose home and placement postcodes are both known, the percentage placed more
--   than 20 miles from home and outside the authority. Distance is the straight line
--   between the two postcode centroids: sqrt((E1-E2)^2 + (N1-N2)^2) / 1000 / 1.6093, in
--   miles, rounded to one decimal place (ONS postcode directory, offline).
WITH current_episodes AS (
    SELECT CHILD, replace(HOME_POST, ' ', '') AS home, replace(PL_POST, ' ', '') AS placed
    FROM episodes
    WHERE la = $la AND DECOM <= $period_end AND (DEC IS NULL OR DEC > $period_end)
      AND NOT short_break
),
located AS (
    SELECT c.CHILD, p.la AS placement_la,
           round(sqrt((h.easting - p.easting) ^ 2 + (h.northing - p.northing) ^ 2)
                 / 1000 / 1.6093, 1) AS miles
    FROM current_episodes c
    JOIN postcodes h ON h.postcode = c.home
    JOIN postcodes p ON p.postcode = c.placed
)
SELECT count(*) FILTER (WHERE miles > 20 AND placement_la IS DISTINCT FROM $la) AS numerator,
       count(*) AS denominator
FROM located
