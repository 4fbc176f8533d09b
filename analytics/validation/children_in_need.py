"""The Department's CIN census rules Assure checks beyond structure and codes, each once:
the child (identifiers, birth and death) and the order of its episodes and plans.

Each rule names the rules of csc-validator-be-cin it answers (`dfe`). Dates out of order
or overlapping, which would make a figure wrong, are fatal as in `consistency`; a field
left out or disagreeing with another is a warning. What an episode may hold is in
`children_in_need_episodes`.
"""

from __future__ import annotations

from functools import partial

from analytics.authorities import first_census
from analytics.problems import FATAL, WARNING
from analytics.validation.rule import Rule, dated_rule

ISO = "'%Y-%m-%d'"
# The local authority codes the Department accepts in characters 2-4 of a UPN: those from
# April 1998 and its pseudo codes (csc-validator-be-cin, rule 1530), as (low, high, the first
# census year they are accepted in). Cumberland (942) and Westmorland and Furness (943) are
# accepted from their first census (2023-24; 2022-23's was still Cumbria's, 909). Written
# out a code at a time, so the rule finds a code by equality, not in ranges (5 times quicker
# over England's census).
# fmt: off
UPN_AUTHORITIES = ", ".join(f"({code}, {since})" for low, high, since in [
    (1, 5, 0), (201, 213, 0), (301, 320, 0), (330, 336, 0), (340, 344, 0), (350, 359, 0),
    (370, 373, 0), (380, 384, 0), (390, 394, 0), (420, 420, 0), (660, 681, 0), (701, 708, 0),
    (800, 803, 0), (805, 808, 0), (810, 813, 0), (815, 816, 0), (820, 823, 0), (825, 826, 0),
    (830, 831, 0), (835, 841, 0), (845, 846, 0), (850, 852, 0), (855, 857, 0), (860, 861, 0),
    (865, 896, 0), (908, 909, 0), (916, 916, 0), (919, 919, 0), (921, 921, 0), (925, 926, 0),
    (928, 929, 0), (931, 931, 0), (933, 933, 0), (935, 938, 0), (940, 941, 0),
    (942, 943, first_census("942")),
] for code in range(low, high + 1))
# fmt: on


cin_rule = partial(dated_rule, dates=("ISO", ISO))


def _overlap(table: str, start: str, end: str) -> str:
    """Rows of `table` starting before the child's previous one (by start) ended."""
    # Names of this module's own tables and columns, never values from a file.
    return f"""
        SELECT source_file, source_row, strftime({start}, ISO),
               'Child ' || la_child_id || ': this starts on ' || strftime({start}, ISO)
                 || ', before the previous one ' || coalesce('ended on '
                 || strftime(previous_end, ISO), 'ended (it is still open)') || '.'
        FROM (SELECT *, lag({end}) OVER w AS previous_end, lag({start}) OVER w AS previous
              FROM {table}
              WINDOW w AS (PARTITION BY la, collection_year, la_child_id ORDER BY {start}))
        WHERE previous IS NOT NULL AND (previous_end IS NULL OR {start} < previous_end)
    """  # noqa: S608


def _codes_once(code: str, table: str, column: str, header: str, words: tuple[str, str, str],
                none: str, dfe: tuple[str, ...]) -> Rule:  # fmt: skip
    """A list of codes in one field (disabilities, assessment factors): each code once, and
    the code for none alone. `words`: the field's name, one code's, and the none code's."""
    field, each, said = words
    return cin_rule(
        code,
        WARNING,
        (table,),
        header,
        f"each {each} once, and {said} alone",
        dfe,
        f"""
        SELECT source_file, source_row, {column},
               'Child ' || la_child_id || ': the {field} ' || {column}
                 || ' repeat a code or give {said} with others.'
        FROM (SELECT *, string_split(upper({column}), ',') AS codes FROM {table})
        WHERE len(codes) <> len(list_distinct(codes))
           OR (len(codes) > 1 AND list_contains(codes, '{none}'))
        """,  # noqa: S608 (the module's own table and column names)
    )


RULES = [
    cin_rule(
        "cin.episodes_overlap",
        FATAL,
        ("cin_referrals",),
        "CINreferralDate",
        "each CIN episode to start after the child's previous one closed",
        ("8820", "8815", "8816"),
        _overlap("cin_referrals", "referral_date", "closure_date"),
    ),
    cin_rule(
        "cin.cp_plans_overlap",
        FATAL,
        ("cin_cp_plans",),
        "CPPstartDate",
        "each child protection plan to start after the previous one ended",
        ("8940", "8935"),
        _overlap("cin_cp_plans", "start_date", "end_date"),
    ),
    cin_rule(
        "cin.plans_overlap",
        FATAL,
        ("cin_plans",),
        "CINPlanStartDate",
        "each CIN plan to start after the previous one ended",
        ("4014", "4004"),
        _overlap("cin_plans", "start_date", "end_date"),
    ),
    cin_rule(
        "cin.plan_ends_before_it_starts",
        FATAL,
        ("cin_plans",),
        "CINPlanEndDate",
        "CINPlanEndDate on or after CINPlanStartDate",
        ("4011",),
        """
        SELECT source_file, source_row, strftime(end_date, ISO),
               'Child ' || la_child_id || ': the CIN plan ends before it starts.'
        FROM cin_plans WHERE end_date < start_date
        """,
    ),
    cin_rule(
        "cin.before_referral",
        FATAL,
        ("cin_referrals",),
        "CINreferralDate",
        "assessments, section 47 enquiries, conferences and plans on or after the referral",
        ("1103", "1104", "1105", "2889", "4015"),
        """
        SELECT source_file, source_row, strftime(start_date, ISO),
               'Child ' || la_child_id || ': the ' || what || ' starts ('
                 || strftime(start_date, ISO) || ') before the referral ('
                 || strftime(referral_date, ISO) || ').'
        FROM (
            SELECT *, 'assessment' AS what FROM (SELECT source_file, source_row, la_child_id,
                referral_date, start_date FROM cin_assessments)
            UNION ALL SELECT source_file, source_row, la_child_id, referral_date, start_date,
                'section 47 enquiry' FROM cin_section47
            UNION ALL SELECT source_file, source_row, la_child_id, referral_date, icpc_date,
                'initial conference' FROM cin_section47
            UNION ALL SELECT source_file, source_row, la_child_id, referral_date, start_date,
                'child protection plan' FROM cin_cp_plans
            UNION ALL SELECT source_file, source_row, la_child_id, referral_date, start_date,
                'CIN plan' FROM cin_plans
        )
        WHERE start_date < referral_date
        """,
    ),
    cin_rule(
        "cin.review_before_plan",
        FATAL,
        ("cin_cp_reviews",),
        "CPPreviewDate",
        "reviews after the day the child protection plan started",
        ("8841",),
        """
        SELECT source_file, source_row, strftime(review_date, ISO),
               'Child ' || la_child_id || ': the review is not after the plan started ('
                 || strftime(plan_start_date, ISO) || ').'
        FROM cin_cp_reviews WHERE review_date <= plan_start_date
        """,
    ),
    cin_rule(
        "cin.cp_plan_within_a_day",
        WARNING,
        ("cin_cp_plans",),
        "CPPendDate",
        "a child protection plan ending after the day it started",
        ("8840",),
        """
        SELECT source_file, source_row, strftime(end_date, ISO),
               'Child ' || la_child_id || ': the plan starts and ends on the same day.'
        FROM cin_cp_plans WHERE end_date = start_date
        """,
    ),
    cin_rule(
        "cin.closure_and_reason",
        WARNING,
        ("cin_referrals",),
        "ReasonForClosure",
        "CINclosureDate and ReasonForClosure both given, or both blank",
        ("8805", "8810"),
        """
        SELECT source_file, source_row, coalesce(closure_reason, strftime(closure_date, ISO)),
               'Child ' || la_child_id || ': the episode has a closure '
                 || CASE WHEN closure_reason IS NULL THEN 'date but no reason.'
                    ELSE 'reason but no date.' END
        FROM cin_referrals WHERE (closure_date IS NULL) <> (closure_reason IS NULL)
        """,
    ),
    cin_rule(
        "cin.born_after_census",
        FATAL,
        ("cin_children",),
        "PersonBirthDate",
        "a date of birth on or before the census reference date",
        ("8520",),
        """
        SELECT source_file, source_row, strftime(birth_date, ISO),
               'Child ' || la_child_id || ' is born after 31 March ' || collection_year || '.'
        FROM cin_children WHERE birth_date > make_date(collection_year, 3, 31)
        """,
    ),
    cin_rule(
        "cin.primary_need_missing",
        WARNING,
        ("cin_referrals",),
        "PrimaryNeedCode",
        "a primary need code for a referral going on to further action",
        ("8610",),
        """
        SELECT source_file, source_row, NULL,
               'Child ' || la_child_id || ': the referral of ' || strftime(referral_date, ISO)
                 || ' led to further action but has no primary need code.'
        FROM cin_referrals WHERE NOT referral_nfa AND primary_need IS NULL
        """,
    ),
    cin_rule(
        "cin.conference_on_weekend",
        WARNING,
        ("cin_section47",),
        "DateOfInitialCPC",
        "an initial child protection conference on a weekday",
        ("8875",),
        """
        SELECT source_file, source_row, strftime(icpc_date, ISO),
               'Child ' || la_child_id || ': the initial conference is on a '
                 || dayname(icpc_date) || '.'
        FROM cin_section47 WHERE isodow(icpc_date) >= 6
        """,
    ),
    _codes_once(
        "cin.disability_repeated",
        "cin_children",
        "disabilities",
        "Disability",
        ("disabilities", "disability code", "NONE"),
        "NONE",
        ("8790", "8794"),
    ),
    _codes_once(
        "cin.factors_repeated",
        "cin_assessments",
        "factors",
        "AssessmentFactors",
        ("assessment factors", "assessment factor", "21 (no factors)"),
        "21",
        ("8869", "8898"),
    ),
    cin_rule(
        "cin.child_id_malformed",
        WARNING,
        ("cin_children",),
        "LAchildID",
        "a child ID of up to 20 letters and digits",
        ("1570", "1580"),
        """
        SELECT source_file, source_row, la_child_id,
               'Child ' || la_child_id || ': an ID must be up to 20 letters and digits.'
        FROM cin_children WHERE NOT regexp_full_match(la_child_id, '[A-Za-z0-9]{1,20}')
        """,
    ),
    cin_rule(
        "cin.upn_malformed",
        WARNING,
        ("cin_children",),
        "UPN",
        "a UPN of a letter, 11 digits and a last digit or letter (not I, O or S)",
        ("1540", "1550"),
        """
        SELECT source_file, source_row, upn,
               'Child ' || la_child_id || ': ''' || upn || ''' is not a UPN.'
        FROM cin_children WHERE NOT regexp_full_match(upper(upn), '[A-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]')
        """,
    ),
    cin_rule(
        "cin.upn_authority_unknown",
        WARNING,
        ("cin_children",),
        "UPN",
        "characters 2-4 of a UPN the code of a local authority (or the Department's pseudo code)",
        ("1530",),
        f"""
        SELECT source_file, source_row, upn,
               'Child ' || la_child_id || ': ' || substr(upn, 2, 3) || ' in the UPN '
                 || upn || ' is not a local authority code.'
        FROM cin_children
        WHERE regexp_full_match(upn, '.[0-9]{{3}}.{{9}}') AND NOT EXISTS (
            FROM (VALUES {UPN_AUTHORITIES}) known(code, since)
            WHERE code = CAST(substr(upn, 2, 3) AS INTEGER) AND collection_year >= since)
        """,  # noqa: S608 (a constant of this module)
    ),
    cin_rule(
        "cin.upn_repeated",
        WARNING,
        ("cin_children",),
        "UPN",
        "each UPN given for one child only",
        ("1520",),
        """
        SELECT source_file, source_row, upn,
               'Child ' || la_child_id || ': the UPN ' || upn || ' is given for '
                 || count(*) OVER same || ' children.'
        FROM cin_children WHERE upn IS NOT NULL
        WINDOW same AS (PARTITION BY la, collection_year, upper(upn))
        QUALIFY count(*) OVER same > 1
        """,
    ),
    cin_rule(
        "cin.child_without_episode",
        WARNING,
        ("cin_children",),
        "LAchildID",
        "a CIN episode (CINdetails) for every child",
        ("8590",),
        """
        SELECT source_file, source_row, la_child_id,
               'Child ' || la_child_id || ' has no CIN episode.'
        FROM cin_children ANTI JOIN cin_referrals USING (la, collection_year, la_child_id)
        """,
    ),
    cin_rule(
        "cin.referral_before_conception",
        WARNING,
        ("cin_referrals", "cin_children"),
        "CINreferralDate",
        "a referral no more than 40 weeks (280 days) before the birth or expected birth",
        ("8606",),
        """
        SELECT r.source_file, r.source_row, strftime(r.referral_date, ISO),
               'Child ' || r.la_child_id || ': the referral is more than 40 weeks before '
                 || strftime(coalesce(c.birth_date, c.expected_birth_date), ISO) || '.'
        FROM cin_referrals r JOIN cin_children c USING (la, collection_year, la_child_id)
        WHERE r.referral_date < c.birth_date - INTERVAL 280 DAY
           OR r.referral_date < c.expected_birth_date - INTERVAL 280 DAY
        """,
    ),
    cin_rule(
        "cin.unborn_sex",
        WARNING,
        ("cin_children",),
        "Sex",
        "sex U for an unborn child (an expected date of birth and no date of birth)",
        ("8750",),
        """
        SELECT source_file, source_row, sex,
               'Child ' || la_child_id || ' is not born yet, so their sex is U, not '
                 || coalesce(sex, 'blank') || '.'
        FROM cin_children
        WHERE birth_date IS NULL AND expected_birth_date IS NOT NULL
          AND sex IS DISTINCT FROM 'U'
        """,
    ),
    cin_rule(
        "cin.upn_unknown_un7",
        WARNING,
        ("cin_children", "cin_referrals"),
        "UPNunknown",
        "UN7 (referral with no further action) only for a child with no referral going on",
        ("8772",),
        """
        SELECT c.source_file, c.source_row, c.upn_unknown,
               'Child ' || c.la_child_id || ': UN7 says the referral led to no further '
                 || 'action, but the one of ' || strftime(min(r.referral_date), ISO)
                 || ' went on.'
        FROM cin_children c JOIN cin_referrals r USING (la, collection_year, la_child_id)
        WHERE c.upn_unknown = 'UN7' AND NOT r.referral_nfa
        GROUP BY c.source_file, c.source_row, c.la, c.la_child_id, c.upn_unknown
        """,
    ),
    cin_rule(
        "cin.disability_missing",
        WARNING,
        ("cin_children", "cin_referrals"),
        "Disability",
        "a disability code (or NONE) for a child born and referred on to further action",
        ("8540",),
        """
        SELECT source_file, source_row, NULL,
               'Child ' || la_child_id || ' has no disability code (NONE if none).'
        FROM cin_children c
        WHERE disabilities IS NULL AND birth_date IS NOT NULL
          AND EXISTS (FROM cin_referrals r WHERE r.collection_year = c.collection_year
                        AND r.la = c.la AND r.la_child_id = c.la_child_id AND NOT r.referral_nfa)
        """,
    ),
    cin_rule(
        "cin.after_death",
        WARNING,
        ("cin_children",),
        "PersonDeathDate",
        "no CIN plan starting, or child protection plan starting or ending, after the death",
        ("4008", "8915", "8920"),
        """
        SELECT p.source_file, p.source_row, strftime(p.day, ISO),
               'Child ' || p.la_child_id || ': the ' || p.what || ' ('
                 || strftime(p.day, ISO) || ') is after the date of death ('
                 || strftime(c.death_date, ISO) || ').'
        FROM (
            SELECT source_file, source_row, la, collection_year, la_child_id, start_date AS day,
                   'CIN plan start' AS what FROM cin_plans
            UNION ALL SELECT source_file, source_row, la, collection_year, la_child_id, start_date,
                   'child protection plan start' FROM cin_cp_plans
            UNION ALL SELECT source_file, source_row, la, collection_year, la_child_id, end_date,
                   'child protection plan end' FROM cin_cp_plans
        ) p JOIN cin_children c USING (la, collection_year, la_child_id)
        WHERE p.day > c.death_date
        """,
    ),
]
