-- reference: LAC-04
-- title: Children who ceased to be looked after
-- unit: count
-- polarity: none
-- period: year_to_date
-- dataset: ssda903
-- version: 1
-- source: DfE, Children looked after in England: children who ceased to be looked after
-- definition: Children with an episode ending their period of care (reason episode ceased
--   other than X1) in the period, excluding short breaks (V3, V4); a child who ceases twice
--   counts once.
SELECT count(DISTINCT CHILD) AS numerator
FROM episodes
WHERE la = $la
  AND ends_care
  AND DEC BETWEEN $period_start AND $period_end
  AND NOT short_break
