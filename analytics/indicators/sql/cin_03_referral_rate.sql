-- reference: CIN-03
-- title: Referrals per 10,000 children aged under 18
-- unit: rate_per_10k
-- polarity: none
-- period: rolling_12
-- dataset: cin
-- version: 1
-- source: DfE, Characteristics of children in need: rate of referrals per 10,000 children
-- definition: Referrals received in the twelve months to the end of the period per 10,000
--   children aged 0 to 17 (ONS mid-year estimate, as LAC-02).
WITH received AS (
    SELECT count(*) AS referrals FROM referrals
    WHERE la = $la AND referral_date BETWEEN $period_start AND $period_end
),
resident AS (
    SELECT children FROM population
    WHERE la = $la AND year <= year($period_end - INTERVAL 6 MONTH)
    ORDER BY year DESC LIMIT 1
)
SELECT received.referrals AS numerator, resident.children AS denominator
FROM received LEFT JOIN resident ON true
