-- reference: WF-01
-- title: Social worker vacancy rate
-- unit: percent
-- polarity: lower
-- period: in_month
-- dataset: workforce
-- version: 1
-- source: DfE, Children's social work workforce: vacancy rate (FTE)
-- definition: Vacant social worker posts (establishment less posts filled by employed
--   social workers, never below zero in a team) as a percentage of the establishment, in
--   the month.
SELECT sum(greatest(establishment_fte - filled_fte, 0)) AS numerator,
       sum(establishment_fte) AS denominator
FROM workforce
WHERE la = $la AND month BETWEEN $period_start AND $period_end
