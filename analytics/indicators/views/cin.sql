-- Canonical CIN census tables (built once per engine): one row per referral, assessment,
-- enquiry, plan and review, from the latest census holding it (a case open at 31 March is
-- returned again next year).

CREATE OR REPLACE TABLE referrals AS
SELECT * FROM cin_referrals
QUALIFY row_number() OVER (
    PARTITION BY la, la_child_id, referral_date ORDER BY collection_year DESC) = 1;

CREATE OR REPLACE TABLE assessments AS
SELECT * FROM cin_assessments
QUALIFY row_number() OVER (
    PARTITION BY la, la_child_id, start_date ORDER BY collection_year DESC) = 1;

CREATE OR REPLACE TABLE section47_enquiries AS
SELECT * FROM cin_section47
QUALIFY row_number() OVER (
    PARTITION BY la, la_child_id, start_date ORDER BY collection_year DESC) = 1;

CREATE OR REPLACE TABLE protection_plans AS
SELECT * FROM cin_cp_plans
QUALIFY row_number() OVER (
    PARTITION BY la, la_child_id, start_date ORDER BY collection_year DESC) = 1;

CREATE OR REPLACE TABLE protection_reviews AS
SELECT * FROM cin_cp_reviews
QUALIFY row_number() OVER (
    PARTITION BY la, la_child_id, plan_start_date, review_date ORDER BY collection_year DESC) = 1;
