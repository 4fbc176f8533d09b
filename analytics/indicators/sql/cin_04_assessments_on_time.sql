-- reference: CIN-04
-- title: Assessments completed within 45 working days
-- unit: percent
-- polarity: higher
-- period: year_to_date
-- dataset: cin
-- version: 1
-- source: Working Together to Safeguard Children; DfE, Characteristics of children in need: assessments completed within 45 working days
-- definition: Of assessments authorised (completed) in the period, the percentage
--   authorised within 45 working days of their start. Working days exclude weekends and
--   England bank holidays and do not count the start day.
SELECT count(*) FILTER (WHERE done.n - started.n <= 45) AS numerator, count(*) AS denominator
FROM assessments a
JOIN working_days started ON started.day = a.start_date
JOIN working_days done ON done.day = a.authorisation_date
WHERE a.la = $la AND a.authorisation_date BETWEEN $period_start AND $period_end
