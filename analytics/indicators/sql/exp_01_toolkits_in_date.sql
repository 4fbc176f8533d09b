-- reference: EXP-01
-- title: Exploitation toolkits in date
-- unit: percent
-- polarity: higher
-- period: snapshot
-- dataset: exploitation
-- version: 2
-- breakdowns: risk level, type, team, sex
-- source: local exploitation toolkits extract (docs/formats/local_extracts.md)
-- definition: Of children open to the exploitation pathway on the last day of the period
--   (their latest toolkit by then not closed), the percentage whose toolkit was completed
--   or last reviewed within the three months before the day: in date to the same day three
--   months on, or that month's last day when it is shorter (30 November to 28 February). Broken down by risk level,
--   type of exploitation (CSE, CCE, both), team and sex.
WITH latest AS (
    SELECT * FROM exploitation_toolkits
    WHERE la = $la AND toolkit_date <= $period_end
    QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY toolkit_date DESC) = 1
),
open_children AS (
    SELECT *,
           -- in date to the same day three months on (the month's last day when it is
           -- shorter), as exploitation/toolkits.py's review_due: 29 February to 29 May
           $period_end <= CAST(greatest(
               toolkit_date, CASE WHEN review_date <= $period_end THEN review_date END
           ) + INTERVAL 3 MONTH AS DATE) AS in_date
    FROM latest
    WHERE closed_date IS NULL OR closed_date > $period_end
)
SELECT
    CASE
        WHEN GROUPING(risk_level) = 0 THEN 'risk level'
        WHEN GROUPING(exploitation_type) = 0 THEN 'type'
        WHEN GROUPING(team) = 0 THEN 'team'
        WHEN GROUPING(sex) = 0 THEN 'sex'
    END AS dimension,
    coalesce(risk_level, exploitation_type, team, sex) AS category,
    count(*) FILTER (WHERE in_date) AS numerator,
    count(*) AS denominator
FROM open_children
GROUP BY GROUPING SETS ((), (risk_level), (exploitation_type), (team), (sex))
ORDER BY dimension NULLS FIRST, category
