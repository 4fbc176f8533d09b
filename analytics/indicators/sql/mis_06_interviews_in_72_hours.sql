-- reference: MIS-06
-- title: Return home interviews within 72 hours
-- unit: percent
-- polarity: high
-- period: month
-- dataset: missing
-- version: 1
-- source: Statutory guidance on children who run away or go missing from home or care (2014): an independent return interview within 72 hours of return
-- definition: Of returns from missing in the period, the percentage followed by a return
--   home interview no more than 72 hours after the return (with dates only: on the day of
--   return or one of the three days after it).
SELECT count(*) FILTER (WHERE rhi_date >= missing_end
                          AND rhi_date <= missing_end + INTERVAL 72 HOUR) AS numerator,
       count(*) AS denominator
FROM missing_episodes
WHERE la = $la AND CAST(missing_end AS DATE) BETWEEN $period_start AND $period_end
