"""The Department's SSDA903 rules on a looked-after child's other records, each once.

Reviews, missing episodes, adoption, outcomes (OC2), care leavers, UASC, previous
permanence and social workers; episodes and the header are in `looked_after`, whose
`VIEWS` (the year's bounds, children looked after continuously for 12 months) these read.
"""

from __future__ import annotations

from analytics.problems import FATAL, WARNING
from analytics.validation.looked_after import _rule

OC2_HEALTH = "IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT, SUBSTANCE_MISUSE"
# The codes of English local authorities, past (Dorset, Bournemouth and Poole before 2019,
# Northamptonshire before 2021, Cumbria before 2023) and present, and 999, which the
# Department's list for LA_PERM also has (csc-validator-be-903, rule 633).
PERMANENCE_AUTHORITIES = """
    (201, 213), (301, 320), (330, 336), (340, 344), (350, 359), (370, 373), (380, 384),
    (390, 394), (420, 420), (800, 803), (805, 808), (810, 813), (815, 816), (821, 823),
    (825, 826), (830, 831), (835, 841), (845, 846), (850, 852), (855, 857), (860, 861),
    (865, 874), (876, 896), (908, 909), (916, 916), (919, 919), (921, 921), (925, 926),
    (928, 929), (931, 931), (933, 933), (935, 938), (940, 943), (999, 999)
"""

RULES = [
    _rule(
        "903.social_worker_gap",
        WARNING,
        ("ssda903_social_worker",),
        "SW_DECOM",
        "each social worker episode to start within 7 days of the end of the previous one "
        "(unless SW_REASON is FCONTA)",
        ("SW10STG2", "SW08STG2"),
        """
        SELECT source_file, source_row, strftime(SW_DECOM, DAY),
               'Child ' || CHILD || ': this social worker episode starts '
                 || strftime(SW_DECOM, DAY) || ', the previous one '
                 || coalesce('ended ' || strftime(previous_end, DAY), 'is still open') || '.'
        FROM (SELECT *, lag(SW_DEC) OVER w AS previous_end, lag(SW_DECOM) OVER w AS previous
              FROM ssda903_social_worker
              WINDOW w AS (PARTITION BY la, collection_year, CHILD ORDER BY SW_DECOM, SW_DEC))
        WHERE previous IS NOT NULL AND coalesce(SW_REASON, '') <> 'FCONTA'
          AND (previous_end IS NULL OR abs(date_diff('day', previous_end, SW_DECOM)) > 7)
        """,
    ),
    _rule(
        "903.social_worker_id",
        WARNING,
        ("ssda903_social_worker",),
        "SW_ID",
        "a social worker ID beginning SW (or XX when not known)",
        ("SW02STG1",),
        """
        SELECT source_file, source_row, SW_ID,
               'Child ' || CHILD || ': ''' || SW_ID || ''' is not a social worker ID.'
        FROM ssda903_social_worker WHERE left(upper(SW_ID), 2) NOT IN ('SW', 'XX')
        """,
    ),
    _rule(
        "903.outcomes_incomplete",
        WARNING,
        ("ssda903_episodes", "ssda903_oc2"),
        "IMMUNISATIONS",
        f"an OC2 row with {OC2_HEALTH} for each child looked after for 12 months at 31 March "
        "(a row with any other OC2 item is for such a child: else `903.outcomes_not_due`)",
        ("191", "182", "544", "547"),
        """
        SELECT o.source_file, o.source_row, NULL,
               'Child ' || o.CHILD || ' has been looked after for 12 months at 31 March, '
                 || 'but one of IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT, '
                 || 'SUBSTANCE_MISUSE is blank.'
        FROM ssda903_oc2 o JOIN ssda903_continuously_looked_after USING (la, CHILD, collection_year)
        WHERE o.IMMUNISATIONS IS NULL OR o.TEETH_CHECK IS NULL OR o.HEALTH_ASSESSMENT IS NULL
           OR o.SUBSTANCE_MISUSE IS NULL
        UNION ALL
        SELECT c.source_file, c.first_row, c.CHILD,
               'Child ' || c.CHILD || ' has been looked after for 12 months at 31 March, '
                 || 'but has no OC2 row.'
        FROM ssda903_continuously_looked_after c ANTI JOIN ssda903_oc2 o
          USING (la, CHILD, collection_year)
        """,
    ),
    _rule(
        "903.outcomes_not_due",
        WARNING,
        ("ssda903_episodes", "ssda903_oc2"),
        "SDQ_SCORE",
        "OC2 items only for a child looked after for 12 months at 31 March",
        ("185", "190", "198"),
        """
        SELECT o.source_file, o.source_row, NULL,
               'Child ' || o.CHILD || ' has not been looked after for 12 months at 31 March, '
                 || 'but has OC2 items.'
        FROM ssda903_oc2 o ANTI JOIN ssda903_continuously_looked_after
          USING (la, CHILD, collection_year)
        WHERE coalesce(o.CONVICTED, o.HEALTH_CHECK, o.IMMUNISATIONS, o.TEETH_CHECK,
                       o.HEALTH_ASSESSMENT, o.SUBSTANCE_MISUSE, o.INTERVENTION_RECEIVED,
                       o.INTERVENTION_OFFERED, o.SDQ_REASON, CAST(o.SDQ_SCORE AS VARCHAR))
              IS NOT NULL
        """,
    ),
    _rule(
        "903.outcomes_for_age",
        WARNING,
        ("ssda903_oc2",),
        "CONVICTED",
        "conviction only from age 10, health check only under 5 (at 31 March)",
        ("542", "546"),
        """
        SELECT source_file, source_row, coalesce(CONVICTED, HEALTH_CHECK),
               'Child ' || CHILD || ' is ' || date_diff('year', DOB,
                 make_date(collection_year, 3, 31)) || ' at 31 March: '
                 || CASE WHEN CONVICTED IS NOT NULL AND DOB + INTERVAL 10 YEAR
                      > make_date(collection_year, 3, 31) THEN 'too young for CONVICTED.'
                    ELSE 'too old for HEALTH_CHECK.' END
        FROM ssda903_oc2
        WHERE (CONVICTED IS NOT NULL
               AND DOB + INTERVAL 10 YEAR > make_date(collection_year, 3, 31))
           OR (HEALTH_CHECK IS NOT NULL
               AND DOB + INTERVAL 5 YEAR <= make_date(collection_year, 3, 31))
        """,
    ),
    _rule(
        "903.missing_overlap",
        FATAL,
        ("ssda903_missing",),
        "MIS_START",
        "each missing episode to start after the previous one ended",
        ("574",),
        """
        SELECT source_file, source_row, strftime(MIS_START, DAY),
               'Child ' || CHILD || ': this missing episode starts before the previous one ('
                 || coalesce(strftime(previous_end, DAY), 'still open') || ') ended.'
        FROM (SELECT *, lag(MIS_END) OVER w AS previous_end, lag(MIS_START) OVER w AS previous
              FROM ssda903_missing
              WINDOW w AS (PARTITION BY la, collection_year, CHILD ORDER BY MIS_START))
        WHERE previous IS NOT NULL AND (previous_end IS NULL OR MIS_START < previous_end)
        """,
    ),
    _rule(
        "903.missing_before_birth",
        FATAL,
        ("ssda903_missing",),
        "MIS_START",
        "missing episodes on or after the date of birth",
        ("586",),
        """
        SELECT source_file, source_row, strftime(MIS_START, DAY),
               'Child ' || CHILD || ' is missing before their date of birth ('
                 || strftime(DOB, DAY) || ').'
        FROM ssda903_missing WHERE MIS_START < DOB
        """,
    ),
    _rule(
        "903.missing_outside_year",
        WARNING,
        ("ssda903_missing",),
        "MIS_END",
        "missing episodes starting on or before 31 March and ending within the year",
        ("570", "571"),
        """
        SELECT source_file, source_row, strftime(coalesce(MIS_END, MIS_START), DAY),
               'Child ' || CHILD || ': the missing episode has a date outside the year to '
                 || '31 March ' || collection_year || '.'
        FROM ssda903_missing
        WHERE MIS_START > make_date(collection_year, 3, 31)
           OR MIS_END > make_date(collection_year, 3, 31)
           OR MIS_END < make_date(collection_year - 1, 4, 1)
        """,
    ),
    _rule(
        "903.missing_out_of_care",
        WARNING,
        ("ssda903_missing", "ssda903_episodes"),
        "MIS_START",
        "missing episodes while the child is looked after",
        ("578", "581"),
        """
        SELECT m.source_file, m.source_row, strftime(m.MIS_START, DAY),
               'Child ' || m.CHILD || ' is missing on ' || strftime(m.MIS_START, DAY)
                 || ', outside their episodes of care.'
        FROM ssda903_missing m
        WHERE NOT EXISTS (
            SELECT 1 FROM ssda903_episodes e
            WHERE e.la = m.la AND e.CHILD = m.CHILD AND e.collection_year = m.collection_year
              AND e.DECOM <= m.MIS_START AND (e.DEC IS NULL OR e.DEC >= m.MIS_START))
          AND EXISTS (SELECT 1 FROM ssda903_episodes e
                      WHERE e.la = m.la AND e.CHILD = m.CHILD
                        AND e.collection_year = m.collection_year)
        """,
    ),
    _rule(
        "903.adoption_dates",
        FATAL,
        ("ssda903_ad1",),
        "DATE_MATCH",
        "DATE_INT (should be placed) on or before DATE_MATCH (matched)",
        ("333",),
        """
        SELECT source_file, source_row, strftime(DATE_MATCH, DAY),
               'Child ' || CHILD || ' is matched with adopters before the decision that they '
                 || 'should be placed for adoption (' || strftime(DATE_INT, DAY) || ').'
        FROM ssda903_ad1 WHERE DATE_MATCH < DATE_INT
        """,
    ),
    _rule(
        "903.placed_adoption_dates",
        FATAL,
        ("ssda903_placed_adoption",),
        "DATE_PLACED",
        "DATE_PLACED after the date of birth and on or before DATE_PLACED_CEASED",
        ("184", "522"),
        """
        SELECT source_file, source_row, strftime(DATE_PLACED, DAY),
               'Child ' || CHILD || ': the decision to place for adoption ('
                 || strftime(DATE_PLACED, DAY) || ') is ' || CASE WHEN DATE_PLACED < DOB
                 THEN 'before their birth.' ELSE 'after it was reversed ('
                 || strftime(DATE_PLACED_CEASED, DAY) || ').' END
        FROM ssda903_placed_adoption
        WHERE DATE_PLACED < DOB OR DATE_PLACED_CEASED < DATE_PLACED
        """,
    ),
    _rule(
        "903.placed_adoption_ceased",
        WARNING,
        ("ssda903_placed_adoption",),
        "REASON_PLACED_CEASED",
        "DATE_PLACED_CEASED and REASON_PLACED_CEASED both given, or both blank",
        ("119",),
        """
        SELECT source_file, source_row, coalesce(REASON_PLACED_CEASED, ''),
               'Child ' || CHILD || ': the decision to place for adoption was reversed, '
                 || 'but its ' || CASE WHEN REASON_PLACED_CEASED IS NULL THEN 'reason'
                 ELSE 'date' END || ' is blank.'
        FROM ssda903_placed_adoption
        WHERE (DATE_PLACED_CEASED IS NULL) <> (REASON_PLACED_CEASED IS NULL)
        """,
    ),
    _rule(
        "903.uasc_after_18",
        WARNING,
        ("ssda903_uasc",),
        "DUC",
        "UASC status ceasing on or before the 18th birthday",
        ("304",),
        """
        SELECT source_file, source_row, strftime(DUC, DAY),
               'Child ' || CHILD || ' stops being UASC after their 18th birthday.'
        FROM ssda903_uasc WHERE DUC > DOB + INTERVAL 18 YEAR
        """,
    ),
    _rule(
        "903.review_participation_age",
        WARNING,
        ("ssda903_reviews",),
        "REVIEW_CODE",
        "PN0 (under 4) for a child under 4 at the review, and only then",
        ("440", "441"),
        """
        SELECT source_file, source_row, REVIEW_CODE,
               'Child ' || CHILD || ' is ' || date_diff('year', DOB, REVIEW)
                 || ' at the review, but participation is ' || REVIEW_CODE || '.'
        FROM ssda903_reviews
        WHERE (REVIEW_CODE = 'PN0') <> (DOB + INTERVAL 4 YEAR > REVIEW)
        """,
    ),
    _rule(
        "903.previous_permanence_none",
        WARNING,
        ("ssda903_prev_perm",),
        "PREV_PERM",
        "no LA_PERM or DATE_PERM when there was no previous permanence (Z1)",
        (),  # 635 says this, but the validator checks a blank PREV_PERM (value.blank)
        """
        SELECT source_file, source_row, PREV_PERM,
               'Child ' || CHILD || ' had no previous permanence (Z1), but its authority or '
                 || 'date is given.'
        FROM ssda903_prev_perm
        WHERE PREV_PERM = 'Z1' AND (LA_PERM IS NOT NULL OR DATE_PERM IS NOT NULL)
        """,
    ),
    _rule(
        "903.uasc_sex_differs",
        WARNING,
        ("ssda903_uasc", "ssda903_header"),
        "SEX",
        "the sex given in the header",
        ("INT21",),
        """
        SELECT u.source_file, u.source_row, u.SEX,
               'Child ' || u.CHILD || ' has another sex in the header (' || h.SEX || ').'
        FROM ssda903_uasc u JOIN ssda903_header h USING (la, CHILD, collection_year)
        WHERE u.SEX <> h.SEX
        """,
    ),
    _rule(
        "903.adopters",
        WARNING,
        ("ssda903_ad1",),
        "NB_ADOPTR",
        "one adopter (M1, F1) or two (MM, FF, MF)",
        ("175", "511"),
        """
        SELECT source_file, source_row, CAST(NB_ADOPTR AS VARCHAR),
               'Child ' || CHILD || ': ' || NB_ADOPTR || ' adopters, of sex '
                 || coalesce(SEX_ADOPTR, 'blank') || '.'
        FROM ssda903_ad1
        WHERE NB_ADOPTR NOT IN (1, 2)
           OR (NB_ADOPTR = 1 AND SEX_ADOPTR NOT IN ('M1', 'F1'))
           OR (NB_ADOPTR = 2 AND SEX_ADOPTR NOT IN ('MM', 'FF', 'MF'))
        """,
    ),
    _rule(
        "903.social_worker_reason_missing",
        WARNING,
        ("ssda903_social_worker",),
        "SW_REASON",
        "a reason for the change of social worker on episodes begun from 1 April 2023",
        ("SW01bSTG1",),
        """
        SELECT source_file, source_row, strftime(SW_DECOM, DAY),
               'Child ' || CHILD || ': the social worker episode of ' || strftime(SW_DECOM, DAY)
                 || ' has no reason for the change.'
        FROM ssda903_social_worker
        WHERE SW_REASON IS NULL AND SW_DECOM >= DATE '2023-04-01'
        """,
    ),
    _rule(
        "903.social_worker_outside_year",
        WARNING,
        ("ssda903_social_worker",),
        "SW_DECOM",
        "social worker episodes starting by 31 March and ending from 1 April of the year "
        "before to 31 March",
        ("SW06STG2", "SW07STG2"),
        """
        SELECT source_file, source_row, strftime(coalesce(SW_DEC, SW_DECOM), DAY),
               'Child ' || CHILD || ': the social worker episode (' || strftime(SW_DECOM, DAY)
                 || ' to ' || coalesce(strftime(SW_DEC, DAY), 'open')
                 || ') is outside the years this return reports on.'
        FROM ssda903_social_worker
        WHERE SW_DECOM > make_date(collection_year, 3, 31)
           OR SW_DEC > make_date(collection_year, 3, 31)
           OR SW_DEC < make_date(collection_year - 2, 4, 1)
        """,
    ),
    _rule(
        "903.social_worker_within_a_day",
        WARNING,
        ("ssda903_social_worker",),
        "SW_DEC",
        "a social worker episode lasting at least a day (SW_DEC after SW_DECOM)",
        ("SW09STG2",),
        """
        SELECT source_file, source_row, strftime(SW_DEC, DAY),
               'Child ' || CHILD || ': the social worker episode starts and ends on '
                 || strftime(SW_DEC, DAY) || '.'
        FROM ssda903_social_worker WHERE SW_DEC = SW_DECOM
        """,
    ),
    _rule(
        "903.previous_permanence",
        WARNING,
        ("ssda903_prev_perm", "ssda903_episodes"),
        "PREV_PERM",
        "a previous permanence row for each child starting care in the year (RNE S), and "
        "only for them, with its authority and date unless Z1, the date before care began",
        ("630", "632", "634"),
        """
        WITH care AS (
            SELECT la, CHILD, collection_year, any_value(source_file) AS source_file,
                   min(source_row) AS source_row, min(DECOM) AS first_start,
                   max(DECOM) < make_date(collection_year - 1, 4, 1) AS before_year,
                   bool_or(RNE = 'S' AND DECOM >= make_date(collection_year - 1, 4, 1))
                     AS started
            FROM ssda903_episodes GROUP BY la, CHILD, collection_year)
        SELECT coalesce(p.source_file, c.source_file), coalesce(p.source_row, c.source_row),
               p.PREV_PERM,
               'Child ' || c.CHILD || CASE
                 WHEN p.CHILD IS NULL THEN ' started care in the year, but has no previous '
                   || 'permanence row.'
                 WHEN p.DATE_PERM >= c.first_start THEN ': the previous permanence order ('
                   || strftime(p.DATE_PERM, DAY) || ') is not before care began.'
                 WHEN c.before_year THEN ' did not start care in the year, but has a '
                   || 'previous permanence row.'
                 ELSE ': previous permanence ' || coalesce(p.PREV_PERM, 'blank')
                   || ' without its authority and date.' END
        FROM care c LEFT JOIN ssda903_prev_perm p USING (la, CHILD, collection_year)
        WHERE (c.started AND (p.CHILD IS NULL OR p.PREV_PERM IS NULL
               OR (p.PREV_PERM <> 'Z1' AND (p.LA_PERM IS NULL OR p.DATE_PERM IS NULL))))
           OR p.DATE_PERM >= c.first_start
           OR (p.CHILD IS NOT NULL AND c.before_year)
        """,
    ),
    _rule(
        "903.previous_permanence_authority",
        WARNING,
        ("ssda903_prev_perm",),
        "LA_PERM",
        "LA_PERM the code of an English local authority, or WAL, SCO, NIR (Wales, Scotland, "
        "Northern Ireland) or NUK (outside the UK)",
        ("633",),
        f"""
        SELECT source_file, source_row, LA_PERM,
               'Child ' || CHILD || ': ''' || LA_PERM || ''' is not the code of a local '
                 || 'authority where the previous permanence option was arranged.'
        FROM ssda903_prev_perm
        WHERE upper(LA_PERM) NOT IN ('WAL', 'SCO', 'NIR', 'NUK')
          AND NOT EXISTS (
              SELECT 1 FROM (VALUES {PERMANENCE_AUTHORITIES}) known(low, high)
              WHERE length(LA_PERM) = 3 AND TRY_CAST(LA_PERM AS INTEGER) BETWEEN low AND high)
        """,  # noqa: S608 (a constant of this module)
    ),
    _rule(
        "903.missing_leaving_at_18",
        WARNING,
        ("ssda903_missing", "ssda903_episodes"),
        "REC",
        "REC E8 (ceased for any other reason) when care ends on the 18th birthday while the "
        "child is missing (a missing episode ending that day)",
        ("580",),
        """
        SELECT e.source_file, e.source_row, coalesce(e.REC, ''),
               'Child ' || e.CHILD || ' was missing until their 18th birthday ('
                 || strftime(e.DEC, DAY) || '), the day care ended, but the reason care '
                 || 'ended is ' || coalesce(e.REC, 'blank') || ', not E8.'
        FROM ssda903_episodes e JOIN ssda903_missing m USING (la, CHILD, collection_year)
        WHERE m.MIS_END = e.DEC AND m.MIS_END = m.DOB + INTERVAL 18 YEAR
          AND e.REC IS DISTINCT FROM 'E8'
        """,
    ),
    _rule(
        "903.social_worker_ends_late",
        WARNING,
        ("ssda903_social_worker",),
        "SW_DEC",
        "another social worker episode after one ending in the last days of the year (26 to "
        "31 March)",
        ("SW11bSTG2",),
        """
        SELECT source_file, source_row, strftime(SW_DEC, DAY),
               'Child ' || CHILD || ': the social worker episode ends '
                 || strftime(SW_DEC, DAY) || ', just before 31 March, but no later one is given.'
        FROM (SELECT *, lead(SW_DECOM) OVER w AS next_start
              FROM ssda903_social_worker
              WINDOW w AS (PARTITION BY la, collection_year, CHILD ORDER BY SW_DECOM, SW_DEC))
        WHERE next_start IS NULL
          AND SW_DEC BETWEEN make_date(collection_year, 3, 26) AND make_date(collection_year, 3, 31)
        """,
    ),
    _rule(
        "903.uasc_care_leaver",
        WARNING,
        ("ssda903_uasc", "ssda903_oc3", "ssda903_episodes"),
        "DUC",
        "no UASC information for a care leaver with no episode in the year",
        ("1014",),
        """
        SELECT u.source_file, u.source_row, strftime(u.DUC, DAY),
               'Child ' || u.CHILD || ' is a care leaver with no episode in the year: '
                 || 'UASC information is not needed.'
        FROM ssda903_uasc u JOIN ssda903_oc3 o USING (la, CHILD, collection_year)
        WHERE NOT EXISTS (SELECT 1 FROM ssda903_episodes e
                          WHERE e.la = u.la AND e.CHILD = u.CHILD
                            AND e.collection_year = u.collection_year)
          AND EXISTS (SELECT 1 FROM ssda903_episodes e
                      WHERE e.la = u.la AND e.collection_year = u.collection_year)
        """,
    ),
]
