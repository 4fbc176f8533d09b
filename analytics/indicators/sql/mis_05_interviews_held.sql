-- reference: MIS-05
-- title: Return home interviews held
-- unit: percent
-- polarity: higher
-- period: in_month
-- dataset: missing
-- version: 1
-- source: Statutory guidance on children who run away or go missing from home or care (2014)
-- definition: Of returns from missing in the period, the percentage followed by a return
--   home interview (an interview date recorded).
SELECT count(*) FILTER (WHERE rhi_date IS NOT NULL) AS numerator, count(*) AS denominator
FROM missing_episodes
WHERE la = $la AND CAST(missing_end AS DATE) BETWEEN $period_start AND $period_end
