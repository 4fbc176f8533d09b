-- reference: LAC-01
-- title: Children looked after at the end of the period
-- unit: count
-- polarity: none
-- period: snapshot
-- dataset: ssda903
-- version: 1
-- source: SSDA903 guidance; children looked after at 31 March (DfE, Children looked after in England)
-- definition: Children with an SSDA903 episode open on the last day of the period (started
--   on or before it, not ended by it), excluding children looked after under an agreed
--   series of short-term placements (legal status V3 or V4).
SELECT count(DISTINCT CHILD) AS numerator
FROM episodes
WHERE la = $la
  AND DECOM <= $period_end
  AND (DEC IS NULL OR DEC > $period_end)
  AND NOT short_break
