-- reference: LAC-02
-- title: Children looked after per 10,000 children aged under 18
-- unit: rate_per_10k
-- polarity: none
-- period: snapshot
-- dataset: ssda903
-- version: 1
-- source: DfE, Children looked after in England: rate per 10,000 children aged under 18
-- definition: Children looked after on the last day of the period (as LAC-01) per 10,000
--   children aged 0 to 17 in the authority, using the ONS mid-year population estimate of
--   the latest mid-year at least six months before the day.
WITH looked_after AS (
    SELECT count(DISTINCT CHILD) AS children
    FROM episodes
    WHERE la = $la
      AND DECOM <= $period_end
      AND (DEC IS NULL OR DEC > $period_end)
      AND NOT short_break
),
resident AS (
    SELECT children FROM population
    WHERE la = $la AND year <= year($period_end - INTERVAL 6 MONTH)
    ORDER BY year DESC LIMIT 1
)
SELECT looked_after.children AS numerator, resident.children AS denominator
FROM looked_after LEFT JOIN resident ON true
