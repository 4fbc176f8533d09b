-- reference: AA-01
-- title: Contacts (Annex A list 1)
-- unit: count
-- polarity: none
-- period: in_month
-- dataset: annex_a
-- version: 1
-- source: Ofsted, inspection of local authority children's services, Annex A list 1
-- definition: Contacts recorded in Annex A list 1 with a date of contact in the period.
SELECT count(*) AS numerator
FROM annex_a_list_1
WHERE la = $la AND date_of_contact BETWEEN $period_start AND $period_end
