-- reference: LAC-06
-- title: Children adopted from care
-- unit: count
-- polarity: higher
-- period: year_to_date
-- dataset: ssda903
-- version: 1
-- source: DfE, Children looked after in England: looked-after children adopted
-- definition: Children whose period of care ended in the period with an adoption order
--   (reason episode ceased E11, application unopposed, or E12, consent dispensed with).
SELECT count(DISTINCT CHILD) AS numerator
FROM episodes
WHERE la = $la
  AND REC IN ('E11', 'E12')
  AND DEC BETWEEN $period_start AND $period_end
