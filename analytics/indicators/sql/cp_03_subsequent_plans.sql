-- reference: CP-03
-- title: Child protection plans starting for a second or subsequent time
-- unit: percent
-- polarity: lower
-- period: year_to_date
-- dataset: cin
-- version: 1
-- source: DfE, Characteristics of children in need: plans which are a second or subsequent plan
-- definition: Of plans starting in the period, the percentage for a child who had been the
--   subject of a plan before, at any time: the census's number of previous plans is above
--   zero, or an earlier plan for the child is in the loaded censuses.
WITH numbered AS (
    SELECT la_child_id, start_date, previous_plans,
           row_number() OVER (PARTITION BY la_child_id ORDER BY start_date) AS number
    FROM protection_plans
    WHERE la = $la
)
SELECT count(*) FILTER (WHERE number > 1 OR previous_plans > 0) AS numerator,
       count(*) AS denominator
FROM numbered
WHERE start_date BETWEEN $period_start AND $period_end
