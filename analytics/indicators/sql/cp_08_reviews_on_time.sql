-- reference: CP-08
-- title: Child protection reviews held on time
-- unit: percent
-- polarity: higher
-- period: year_to_date
-- dataset: cin
-- version: 1
-- source: Working Together to Safeguard Children: first review within three months of the initial conference, then at intervals of no more than six months
-- definition: Of child protection review conferences held in the period, the percentage
--   held on time: the first of a plan within three months of the plan's start, later ones
--   within six months of the one before.
WITH sequenced AS (
    SELECT la_child_id, plan_start_date, review_date,
           lag(review_date) OVER (
               PARTITION BY la_child_id, plan_start_date ORDER BY review_date) AS previous
    FROM protection_reviews
    WHERE la = $la
)
SELECT count(*) FILTER (WHERE CASE
           WHEN previous IS NULL THEN review_date <= plan_start_date + INTERVAL 3 MONTH
           ELSE review_date <= previous + INTERVAL 6 MONTH
       END) AS numerator,
       count(*) AS denominator
FROM sequenced
WHERE review_date BETWEEN $period_start AND $period_end
