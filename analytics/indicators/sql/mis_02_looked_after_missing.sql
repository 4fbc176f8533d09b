-- reference: MIS-02
-- title: Looked-after children who went missing
-- unit: count
-- polarity: lower
-- period: in_month
-- dataset: missing
-- version: 1
-- source: local missing episodes extract (docs/formats/local_extracts.md)
-- definition: Children looked after when the episode started with at least one missing
--   episode starting in the period.
SELECT count(DISTINCT child_id) AS numerator
FROM missing_episodes
WHERE la = $la AND looked_after
  AND CAST(missing_start AS DATE) BETWEEN $period_start AND $period_end
