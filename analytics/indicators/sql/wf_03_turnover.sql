-- reference: WF-03
-- title: Social worker turnover
-- unit: percent
-- polarity: lower
-- period: rolling_12
-- dataset: workforce
-- version: 1
-- source: DfE, Children's social work workforce: turnover rate (FTE)
-- definition: Employed social workers (FTE) who left in the twelve months, as a percentage
--   of the average number in post over the months of the period.
WITH months AS (
    SELECT month, sum(leavers_fte) AS leavers, sum(filled_fte) AS in_post
    FROM workforce
    WHERE la = $la AND month BETWEEN $period_start AND $period_end
    GROUP BY month
)
SELECT sum(leavers) AS numerator, avg(in_post) AS denominator FROM months
