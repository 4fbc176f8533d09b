-- reference: LAC-09
-- title: Long-term placement stability
-- unit: percent
-- polarity: higher
-- period: snapshot
-- dataset: ssda903
-- version: 1
-- source: DfE placement stability measure: children aged under 16 looked after continuously for at least 2.5 years, living in the same placement for at least 2 years
-- definition: Of children aged under 16 on the last day of the period who had then been
--   looked after continuously for at least two and a half years (excluding short breaks),
--   the percentage who had been in the same placement for at least two years, or placed for
--   adoption with carers they had lived with before (a change with the same carers, B or U,
--   is not a new placement).
WITH current_episodes AS (
    SELECT e.CHILD, e.care_start, e.placement_start, c.DOB
    FROM episodes e JOIN lac_children c ON c.la = e.la AND c.CHILD = e.CHILD
    WHERE e.la = $la AND e.DECOM <= $period_end AND (e.DEC IS NULL OR e.DEC > $period_end)
      AND NOT e.short_break
),
cohort AS (
    SELECT * FROM current_episodes
    WHERE $period_end < DOB + INTERVAL 16 YEAR
      AND care_start <= $period_end - INTERVAL 30 MONTH
)
SELECT count(*) FILTER (WHERE placement_start <= $period_end - INTERVAL 2 YEAR) AS numerator,
       count(*) AS denominator
FROM cohort
