-- reference: CP-06
-- title: Initial child protection conferences within 15 working days of the strategy discussion
-- unit: percent
-- polarity: higher
-- period: year_to_date
-- dataset: cin
-- version: 1
-- source: Working Together to Safeguard Children; DfE, Characteristics of children in need: ICPCs within 15 working days of the start of the section 47 enquiry
-- definition: Of initial child protection conferences held in the period, the percentage
--   held within 15 working days of the strategy discussion that started the section 47
--   enquiry. Working days exclude weekends and England bank holidays and do not count the
--   day of the strategy discussion.
SELECT count(*) FILTER (WHERE held.n - started.n <= 15) AS numerator, count(*) AS denominator
FROM section47_enquiries s
JOIN working_days started ON started.day = s.start_date
JOIN working_days held ON held.day = s.icpc_date
WHERE s.la = $la AND s.icpc_date BETWEEN $period_start AND $period_end
