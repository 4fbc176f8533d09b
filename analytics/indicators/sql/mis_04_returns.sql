-- reference: MIS-04
-- title: Returns from missing
-- unit: count
-- polarity: none
-- period: in_month
-- dataset: missing
-- version: 1
-- source: local missing episodes extract (docs/formats/local_extracts.md)
-- definition: Missing episodes that ended (the child returned or was found) in the period.
SELECT count(*) AS numerator
FROM missing_episodes
WHERE la = $la AND CAST(missing_end AS DATE) BETWEEN $period_start AND $period_end
