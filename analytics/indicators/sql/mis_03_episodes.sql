-- reference: MIS-03
-- title: Missing episodes
-- unit: count
-- polarity: lower
-- period: in_month
-- dataset: missing
-- version: 1
-- source: local missing episodes extract (docs/formats/local_extracts.md)
-- definition: Missing episodes starting in the period (a child missing twice counts twice).
SELECT count(*) AS numerator
FROM missing_episodes
WHERE la = $la AND CAST(missing_start AS DATE) BETWEEN $period_start AND $period_end
