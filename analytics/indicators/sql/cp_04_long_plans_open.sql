-- reference: CP-04
-- title: Child protection plans open for two years or more
-- unit: percent
-- polarity: lower
-- period: snapshot
-- dataset: cin
-- version: 1
-- source: DfE, Characteristics of children in need: plans at 31 March by length (2 years or more)
-- definition: Of plans open on the last day of the period, the percentage that had then
--   lasted two years or more.
SELECT count(*) FILTER (WHERE start_date <= $period_end - INTERVAL 2 YEAR) AS numerator,
       count(*) AS denominator
FROM protection_plans
WHERE la = $la AND start_date <= $period_end AND (end_date IS NULL OR end_date > $period_end)
