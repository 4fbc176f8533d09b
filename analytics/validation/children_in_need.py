"""The Department's CIN census rules Assure checks beyond structure and codes, each once.

Each rule names the rules of csc-validator-be-cin it answers (`dfe`). Dates out of order
or overlapping, which would make a figure wrong, are fatal as in `consistency`; a field
left out or disagreeing with another is a warning.
"""

from __future__ import annotations

from functools import partial

from analytics.problems import FATAL, WARNING
from analytics.validation.rule import dated_rule

ISO = "'%Y-%m-%d'"


_rule = partial(dated_rule, dates=("ISO", ISO))


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
              WINDOW w AS (PARTITION BY collection_year, la_child_id ORDER BY {start}))
        WHERE previous IS NOT NULL AND (previous_end IS NULL OR {start} < previous_end)
    """  # noqa: S608


RULES = [
    _rule(
        "cin.episodes_overlap",
        FATAL,
        ("cin_referrals",),
        "CINreferralDate",
        "each CIN episode to start after the child's previous one closed",
        ("8820", "8815"),
        _overlap("cin_referrals", "referral_date", "closure_date"),
    ),
    _rule(
        "cin.cp_plans_overlap",
        FATAL,
        ("cin_cp_plans",),
        "CPPstartDate",
        "each child protection plan to start after the previous one ended",
        ("8940", "8935"),
        _overlap("cin_cp_plans", "start_date", "end_date"),
    ),
    _rule(
        "cin.plans_overlap",
        FATAL,
        ("cin_plans",),
        "CINPlanStartDate",
        "each CIN plan to start after the previous one ended",
        ("4014", "4004"),
        _overlap("cin_plans", "start_date", "end_date"),
    ),
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
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
    _rule(
        "cin.disability_repeated",
        WARNING,
        ("cin_children",),
        "Disability",
        "each disability code once, and NONE alone",
        ("8790", "8794"),
        """
        SELECT source_file, source_row, disabilities,
               'Child ' || la_child_id || ': the disabilities ' || disabilities
                 || ' repeat a code or give NONE with others.'
        FROM (SELECT *, string_split(upper(disabilities), ',') AS codes FROM cin_children)
        WHERE len(codes) <> len(list_distinct(codes))
           OR (len(codes) > 1 AND list_contains(codes, 'NONE'))
        """,
    ),
    _rule(
        "cin.factors_repeated",
        WARNING,
        ("cin_assessments",),
        "AssessmentFactors",
        "each assessment factor once, and 21 (no factors) alone",
        ("8869", "8898"),
        """
        SELECT source_file, source_row, factors,
               'Child ' || la_child_id || ': the assessment factors ' || factors
                 || ' repeat a code or give 21 (no factors) with others.'
        FROM (SELECT *, string_split(upper(factors), ',') AS codes FROM cin_assessments)
        WHERE len(codes) <> len(list_distinct(codes))
           OR (len(codes) > 1 AND list_contains(codes, '21'))
        """,
    ),
    _rule(
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
    _rule(
        "cin.upn_malformed",
        WARNING,
        ("cin_children",),
        "UPN",
        "a UPN of a letter, 11 digits and a last digit or letter",
        ("1540", "1550"),
        """
        SELECT source_file, source_row, upn,
               'Child ' || la_child_id || ': ''' || upn || ''' is not a UPN.'
        FROM cin_children WHERE NOT regexp_full_match(upper(upn), '[A-Z][0-9]{11}[0-9A-Z]')
        """,
    ),
]
