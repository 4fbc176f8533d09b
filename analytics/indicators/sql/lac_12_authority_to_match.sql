-- reference: LAC-12
-- title: Days from court authority to place to a match with adopters (A2)
-- unit: days
-- polarity: lower
-- period: rolling_12
-- dataset: ssda903
-- version: 1
-- source: DfE adoption scorecard indicator A2 (there averaged over three years)
-- definition: For children adopted in the period (reason episode ceased E11 or E12), the
--   average number of days between the local authority receiving court authority to place
--   the child for adoption (the start of their first episode with a placement order, legal
--   status E1, or freeing order, D1, in that period of care) and the decision to match them
--   with adopters (AD1 DATE_MATCH).
WITH adopted AS (
    SELECT CHILD, care_start FROM episodes
    WHERE la = $la AND REC IN ('E11', 'E12') AND DEC BETWEEN $period_start AND $period_end
),
authority AS (
    SELECT a.CHILD, min(e.DECOM) AS authorised
    FROM adopted a
    JOIN episodes e ON e.la = $la AND e.CHILD = a.CHILD AND e.care_start = a.care_start
    WHERE e.LS IN ('E1', 'D1')
    GROUP BY a.CHILD
)
SELECT sum(date_diff('day', authorised, m.DATE_MATCH)) AS numerator, count(*) AS denominator
FROM authority
JOIN lac_adoption_matches m ON m.la = $la AND m.CHILD = authority.CHILD
