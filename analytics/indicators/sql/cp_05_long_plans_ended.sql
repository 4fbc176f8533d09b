-- reference: CP-05
-- title: Child protection plans ending after lasting two years or more
-- unit: percent
-- polarity: lower
-- period: year_to_date
-- dataset: cin
-- version: 1
-- source: DfE, Characteristics of children in need: plans ceasing during the year that lasted 2 years or more
-- definition: Of plans that ended in the period, the percentage that had lasted two years
--   or more.
SELECT count(*) FILTER (WHERE end_date >= start_date + INTERVAL 2 YEAR) AS numerator,
       count(*) AS denominator
FROM protection_plans
WHERE la = $la AND end_date BETWEEN $period_start AND $period_end
