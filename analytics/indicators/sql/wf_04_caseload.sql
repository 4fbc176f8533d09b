-- reference: WF-04
-- title: Average caseload per social worker
-- unit: average
-- polarity: lower
-- period: in_month
-- dataset: workforce
-- version: 1
-- source: DfE, Children's social work workforce: average caseload (FTE)
-- definition: Children's cases held at the end of the month divided by the social workers
--   in post (employed and agency, FTE).
SELECT sum(cases) AS numerator, sum(filled_fte + agency_fte) AS denominator
FROM workforce
WHERE la = $la AND month BETWEEN $period_start AND $period_end
