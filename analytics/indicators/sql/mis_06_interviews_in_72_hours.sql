-- reference: MIS-06
-- title: Return home interviews within 72 hours
-- unit: percent
-- polarity: higher
-- period: in_month
-- dataset: missing
-- version: 2
-- source: Statutory guidance on children who run away or go missing from home or care (2014): an independent return interview within 72 hours of return
-- definition: Of returns from missing in the period, the percentage followed by a return
--   home interview no more than 72 hours after the return (with dates only: on the day of
--   return or one of the three days after it), in hours elapsed across a change of the clocks.
WITH episodes AS (
    -- The extract's times are England's clock: read in $time_zone, so 72 hours are hours
    -- elapsed, as ReturnInterview.within_72_hours counts them.
    SELECT timezone($time_zone, missing_end) AS returned,
           timezone($time_zone, rhi_date) AS held
    FROM missing_episodes
    WHERE la = $la AND CAST(missing_end AS DATE) BETWEEN $period_start AND $period_end
)
SELECT count(*) FILTER (WHERE held >= returned
                          AND held <= returned + INTERVAL 72 HOUR) AS numerator,
       count(*) AS denominator
FROM episodes
