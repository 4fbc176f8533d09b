-- reference: CIN-01
-- title: Referrals to children's social care
-- unit: count
-- polarity: none
-- period: year_to_date
-- dataset: cin
-- version: 1
-- source: DfE, Characteristics of children in need: referrals
-- definition: Referrals (CIN census CINreferralDate) received in the period.
SELECT count(*) AS numerator
FROM referrals
WHERE la = $la AND referral_date BETWEEN $period_start AND $period_end
