-- reference: CP-07
-- title: Initial child protection conferences leading to a plan
-- unit: percent
-- polarity: none
-- period: year_to_date
-- dataset: cin
-- version: 1
-- source: DfE, Characteristics of children in need: initial conferences and plans starting
-- definition: Of initial child protection conferences held in the period, the percentage
--   after which the child became the subject of a plan (a plan starting on the day of the
--   conference, as the census records it).
SELECT count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM protection_plans p
           WHERE p.la = s.la AND p.la_child_id = s.la_child_id AND p.start_date = s.icpc_date
       )) AS numerator,
       count(*) AS denominator
FROM section47_enquiries s
WHERE s.la = $la AND s.icpc_date BETWEEN $period_start AND $period_end
