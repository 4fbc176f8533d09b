-- reference: WF-02
-- title: Agency social worker rate
-- unit: percent
-- polarity: lower
-- period: in_month
-- dataset: workforce
-- version: 1
-- source: DfE, Children's social work workforce: agency worker rate (FTE)
-- definition: Agency social workers as a percentage of all social workers in post (employed
--   and agency, FTE), in the month.
SELECT sum(agency_fte) AS numerator, sum(filled_fte + agency_fte) AS denominator
FROM workforce
WHERE la = $la AND month BETWEEN $period_start AND $period_end
