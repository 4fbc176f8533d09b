-- reference: CP-01
-- title: Children subject to a child protection plan
-- unit: count
-- polarity: none
-- period: snapshot
-- dataset: cin
-- version: 1
-- source: DfE, Characteristics of children in need: children on a plan at 31 March
-- definition: Children with a child protection plan that had started by the last day of
--   the period and had not ended by it.
SELECT count(DISTINCT la_child_id) AS numerator
FROM protection_plans
WHERE la = $la AND start_date <= $period_end AND (end_date IS NULL OR end_date > $period_end)
