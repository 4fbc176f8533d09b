-- reference: LAC-03
-- title: Children who started to be looked after
-- unit: count
-- polarity: none
-- period: year_to_date
-- dataset: ssda903
-- version: 1
-- source: DfE, Children looked after in England: children who started to be looked after
-- definition: Children with an episode starting a period of care (reason for new episode S)
--   in the period, excluding short breaks (V3, V4); a child who starts twice counts once.
SELECT count(DISTINCT CHILD) AS numerator
FROM episodes
WHERE la = $la
  AND RNE = 'S'
  AND DECOM BETWEEN $period_start AND $period_end
  AND NOT short_break
