-- reference: LAC-07
-- title: Children who left care on a special guardianship order
-- unit: count
-- polarity: none
-- period: year_to_date
-- dataset: ssda903
-- version: 1
-- source: DfE, Children looked after in England: ceased because of a special guardianship order
-- definition: Children whose period of care ended in the period with a special guardianship
--   order: reason episode ceased E43 or E44 (to 2017-18) and E45, E46, E47 or E48 (from
--   2018-19: to former foster carers or other carers, relatives, friends or others).
SELECT count(DISTINCT CHILD) AS numerator
FROM episodes
WHERE la = $la
  AND REC IN ('E43', 'E44', 'E45', 'E46', 'E47', 'E48')
  AND DEC BETWEEN $period_start AND $period_end
