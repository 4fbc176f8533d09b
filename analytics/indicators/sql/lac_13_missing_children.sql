-- reference: LAC-13
-- title: Looked-after children who went missing
-- unit: count
-- polarity: lower
-- period: year_to_date
-- dataset: ssda903
-- version: 1
-- source: SSDA903 missing table (MISSING = M)
-- definition: Looked-after children with at least one missing episode (not an absence)
--   starting in the period, from the SSDA903 return.
SELECT count(DISTINCT CHILD) AS numerator
FROM lac_missing
WHERE la = $la AND MISSING = 'M' AND MIS_START BETWEEN $period_start AND $period_end
