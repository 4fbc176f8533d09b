-- reference: CIN-02
-- title: Re-referrals within 12 months of a previous referral
-- unit: percent
-- polarity: lower
-- period: year_to_date
-- dataset: cin
-- version: 1
-- source: DfE, Characteristics of children in need: re-referrals within 12 months
-- definition: Of referrals received in the period, the percentage for a child who had
--   another referral in the 12 months before it (earlier censuses are used when loaded).
WITH dated AS (
    SELECT la_child_id, referral_date,
           lag(referral_date) OVER (PARTITION BY la_child_id ORDER BY referral_date) AS previous
    FROM referrals
    WHERE la = $la
)
SELECT count(*) FILTER (WHERE previous >= referral_date - INTERVAL 12 MONTH) AS numerator,
       count(*) AS denominator
FROM dated
WHERE referral_date BETWEEN $period_start AND $period_end
