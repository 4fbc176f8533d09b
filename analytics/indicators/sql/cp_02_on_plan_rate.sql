-- reference: CP-02
-- title: Children subject to a child protection plan per 10,000 children
-- unit: rate_per_10k
-- polarity: none
-- period: snapshot
-- dataset: cin
-- version: 1
-- source: DfE, Characteristics of children in need: rate of children on a plan per 10,000
-- definition: Children on a plan on the last day of the period (as CP-01) per 10,000
--   children aged 0 to 17 (ONS mid-year estimate, as LAC-02).
WITH on_plan AS (
    SELECT count(DISTINCT la_child_id) AS children FROM protection_plans
    WHERE la = $la AND start_date <= $period_end
      AND (end_date IS NULL OR end_date > $period_end)
),
resident AS (
    SELECT children FROM population
    WHERE la = $la AND year <= year($period_end - INTERVAL 6 MONTH)
    ORDER BY year DESC LIMIT 1
)
SELECT on_plan.children AS numerator, resident.children AS denominator
FROM on_plan LEFT JOIN resident ON true
