-- reference: LAC-05
-- title: Children who ceased care to return home to their parents (reunification)
-- unit: count
-- polarity: none
-- period: year_to_date
-- dataset: ssda903
-- version: 1
-- source: SSDA903 reason episode ceased E4A and E4B
-- definition: Children whose period of care ended in the period because they returned home
--   to live with parents or another person with parental responsibility (reason episode
--   ceased E4A, as part of the care plan, or E4B, not), excluding short breaks.
SELECT count(DISTINCT CHILD) AS numerator
FROM episodes
WHERE la = $la
  AND REC IN ('E4A', 'E4B')
  AND DEC BETWEEN $period_start AND $period_end
  AND NOT short_break
