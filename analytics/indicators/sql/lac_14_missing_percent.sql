-- reference: LAC-14
-- title: Percentage of looked-after children who went missing
-- unit: percent
-- polarity: lower
-- period: year_to_date
-- dataset: ssda903
-- version: 1
-- source: DfE, Children looked after in England: looked-after children who had a missing incident during the year
-- definition: Of children looked after at any time in the period (excluding short breaks),
--   the percentage with at least one missing episode starting in the period.
WITH looked_after AS (
    SELECT DISTINCT CHILD FROM episodes
    WHERE la = $la AND NOT short_break
      AND DECOM <= $period_end AND (DEC IS NULL OR DEC >= $period_start)
),
went_missing AS (
    SELECT DISTINCT CHILD FROM lac_missing
    WHERE la = $la AND MISSING = 'M' AND MIS_START BETWEEN $period_start AND $period_end
)
SELECT count(w.CHILD) AS numerator, count(*) AS denominator
FROM looked_after l LEFT JOIN went_missing w USING (CHILD)
