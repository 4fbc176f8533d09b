-- reference: LAC-08
-- title: Children looked after with three or more placements in the last 12 months
-- unit: percent
-- polarity: lower
-- period: rolling_12
-- dataset: ssda903
-- version: 1
-- source: DfE placement stability measure: children looked after at 31 March with three or more placements during the year
-- definition: Of children looked after on the last day of the period (excluding short
--   breaks), the percentage who had three or more placements in the period. The placement
--   a child was in when the period began (or their first in it) counts as one; each later
--   episode in the period with a new carer (reason for new episode S, P or T) counts as
--   another. Changes of legal status only (L) and changes with the same carers (B, U) are
--   not new placements.
WITH cohort AS (
    SELECT DISTINCT CHILD FROM episodes
    WHERE la = $la AND DECOM <= $period_end AND (DEC IS NULL OR DEC > $period_end)
      AND NOT short_break
),
in_period AS (
    SELECT CHILD, DECOM, new_placement,
           row_number() OVER (PARTITION BY CHILD ORDER BY DECOM) AS position
    FROM episodes
    WHERE la = $la AND NOT short_break
      AND DECOM <= $period_end AND (DEC IS NULL OR DEC >= $period_start)
),
placements AS (
    SELECT CHILD, count(*) FILTER (WHERE position = 1 OR new_placement) AS placements
    FROM in_period GROUP BY CHILD
)
SELECT count(*) FILTER (WHERE placements >= 3) AS numerator, count(*) AS denominator
FROM cohort JOIN placements USING (CHILD)
