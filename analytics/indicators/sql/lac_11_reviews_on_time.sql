-- reference: LAC-11
-- title: Looked-after children's reviews held on time
-- unit: percent
-- polarity: higher
-- period: year_to_date
-- dataset: ssda903
-- version: 1
-- source: Care Planning, Placement and Case Review (England) Regulations 2010, regulation 33
-- definition: Of reviews held in the period (outside short breaks), the percentage held on
--   time: the first review of a period of care within 20 working days of its start, the
--   second within three months of the first, later ones within six months of the one
--   before. Working days exclude weekends and England bank holidays.
WITH dated AS (
    SELECT r.CHILD, r.REVIEW, e.care_start
    FROM lac_reviews r
    JOIN episodes e ON e.la = r.la AND e.CHILD = r.CHILD
     AND e.DECOM <= r.REVIEW AND (e.DEC IS NULL OR e.DEC >= r.REVIEW)
    WHERE r.la = $la AND NOT e.short_break
    QUALIFY row_number() OVER (PARTITION BY r.CHILD, r.REVIEW ORDER BY e.DECOM DESC) = 1
),
sequenced AS (
    SELECT *,
           row_number() OVER (PARTITION BY CHILD, care_start ORDER BY REVIEW) AS number,
           lag(REVIEW) OVER (PARTITION BY CHILD, care_start ORDER BY REVIEW) AS previous
    FROM dated
),
judged AS (
    SELECT s.*,
           CASE
               WHEN number = 1 THEN held.n - started.n <= 20
               WHEN number = 2 THEN REVIEW <= previous + INTERVAL 3 MONTH
               ELSE REVIEW <= previous + INTERVAL 6 MONTH
           END AS on_time
    FROM sequenced s
    JOIN working_days held ON held.day = s.REVIEW
    JOIN working_days started ON started.day = s.care_start
)
SELECT count(*) FILTER (WHERE on_time) AS numerator, count(*) AS denominator
FROM judged
WHERE REVIEW BETWEEN $period_start AND $period_end
