"""The Department's CIN census rules on what an episode holds, each once.

An episode is a child's referral (`la_child_id`, `referral_date`) with its assessments,
section 47 enquiries, CIN plans and child protection plans. These rules say what may be
recorded against it (nothing after it closed, nothing after a referral with no further
action), which pieces of work may run at once, and that the census holds only its year.
Each names the rules of csc-validator-be-cin it answers (`dfe`). Dates out of order are
fatal, as in `children_in_need`; the rest are warnings kept with the load.
"""

from __future__ import annotations

from analytics.problems import FATAL, WARNING
from analytics.validation.children_in_need import cin_rule
from analytics.validation.rule import Rule

YEAR_STARTS = "make_date(collection_year - 1, 4, 1)"
YEAR_ENDS = "make_date(collection_year, 3, 31)"

# Every dated piece of work of an episode, as (table, date column, what). An episode open
# over 31 March is in two censuses, each as it stood then: work is set against its episode in
# the same census. Names of the store's own tables and columns only.
DATED = [
    ("cin_assessments", "start_date", "assessment start"),
    ("cin_assessments", "authorisation_date", "assessment authorisation"),
    ("cin_section47", "start_date", "section 47 enquiry"),
    ("cin_section47", "icpc_date", "initial conference"),
    ("cin_referrals", "initial_cpc_date", "initial conference"),
    ("cin_cp_plans", "end_date", "child protection plan end"),
    ("cin_plans", "start_date", "CIN plan start"),
    ("cin_plans", "end_date", "CIN plan end"),
]


def _work(dated: list[tuple[str, str, str]]) -> str:
    """(source_file, source_row, la, collection_year, la_child_id, referral_date, day, what)."""
    return "\n    UNION ALL ".join(
        "SELECT source_file, source_row, la, collection_year, la_child_id, referral_date, "  # noqa: S608
        f"{column} AS day, '{what}' AS what FROM {table}"  # names from DATED, never a file's
        for table, column, what in dated
    )


WORK = _work(DATED)


def _in_year(table: str, column: str, label: str, dfe: str, where: str, before: bool) -> Rule:
    """`column` of `table` (where `where`) within the census year; when not `before`,
    only not after its end (a plan may start before the year)."""
    early = f"OR {column} < {YEAR_STARTS}" if before else ""
    # Names of this module's own tables and columns, never values from a file.
    sql = f"""
        SELECT source_file, source_row, strftime({column}, ISO),
               'Child ' || la_child_id || ': {label} ' || strftime({column}, ISO)
                 || ' is outside the census year to 31 March ' || collection_year || '.'
        FROM {table} WHERE ({where}) AND ({column} > {YEAR_ENDS} {early})
    """  # noqa: S608
    span = "within the census year" if before else "on or before the census reference date"
    return cin_rule("cin.outside_census_year", WARNING, (table,), label, span, (dfe,), sql)


IN_YEAR = [
    _in_year("cin_plans", "start_date", "CINPlanStartDate", "4010", "TRUE", False),
    _in_year("cin_plans", "end_date", "CINPlanEndDate", "4013", "TRUE", True),
    _in_year("cin_cp_plans", "start_date", "CPPstartDate", "8720", "TRUE", False),
    _in_year("cin_cp_plans", "end_date", "CPPendDate", "8930", "TRUE", True),
    _in_year(
        "cin_assessments", "authorisation_date", "AssessmentAuthorisationDate", "8696", "TRUE", True
    ),
    _in_year(
        "cin_assessments",
        "start_date",
        "AssessmentActualStartDate",
        "8736",
        "authorisation_date IS NULL",
        True,
    ),
    _in_year("cin_section47", "icpc_date", "DateOfInitialCPC", "8715", "TRUE", True),
    _in_year(
        "cin_section47",
        "start_date",
        "S47ActualStartDate",
        "8740",
        "icpc_date IS NULL AND NOT icpc_not_required",
        True,
    ),
]

RULES = [
    *IN_YEAR,
    cin_rule(
        "cin.activity_after_closure",
        FATAL,
        ("cin_referrals",),
        "CINclosureDate",
        "no work of an episode dated after it closed",
        ("8565",),
        f"""
        SELECT w.source_file, w.source_row, strftime(w.day, ISO),
               'Child ' || w.la_child_id || ': the ' || w.what || ' (' || strftime(w.day, ISO)
                 || ') is after the episode closed (' || strftime(r.closure_date, ISO) || ').'
        FROM ({WORK}) w JOIN cin_referrals r USING (la, collection_year, la_child_id, referral_date)
        WHERE w.day > r.closure_date
        """,  # noqa: S608 (the store's own tables)
    ),
    cin_rule(
        "cin.activity_on_no_further_action",
        WARNING,
        ("cin_referrals",),
        "ReferralNFA",
        "no assessment, enquiry, conference or plan for a referral with no further action",
        ("4000", "8831", "8832"),
        f"""
        SELECT w.source_file, w.source_row, strftime(w.day, ISO),
               'Child ' || w.la_child_id || ': the referral of '
                 || strftime(w.referral_date, ISO) || ' led to no further action, yet has a '
                 || w.what || '.'
        FROM ({_work([*DATED, ("cin_cp_plans", "start_date", "child protection plan")])}) w
        JOIN cin_referrals r USING (la, collection_year, la_child_id, referral_date)
        WHERE r.referral_nfa AND w.day IS NOT NULL
        """,  # noqa: S608 (the store's own tables)
    ),
    cin_rule(
        "cin.activity_after_assessment_closure",
        WARNING,
        ("cin_referrals",),
        "ReasonForClosure",
        "no enquiry, conference or plan for a case closed after assessment (RC8, RC9)",
        ("2990",),
        """
        SELECT r.source_file, r.source_row, r.closure_reason,
               'Child ' || r.la_child_id || ': the episode closed after assessment ('
                 || r.closure_reason || ') but has a section 47 enquiry, conference or plan.'
        FROM cin_referrals r
        WHERE r.closure_reason IN ('RC8', 'RC9') AND (r.initial_cpc_date IS NOT NULL
            OR EXISTS (FROM cin_section47
                       WHERE collection_year = r.collection_year
                         AND la = r.la AND la_child_id = r.la_child_id
                           AND referral_date = r.referral_date)
            OR EXISTS (FROM cin_cp_plans
                       WHERE collection_year = r.collection_year
                         AND la = r.la AND la_child_id = r.la_child_id
                           AND referral_date = r.referral_date)
            OR EXISTS (FROM cin_plans
                       WHERE collection_year = r.collection_year
                         AND la = r.la AND la_child_id = r.la_child_id
                           AND referral_date = r.referral_date))
        """,
    ),
    cin_rule(
        "cin.closed_with_work_open",
        WARNING,
        ("cin_referrals",),
        "CINclosureDate",
        "a closed episode's assessments authorised and enquiries concluded",
        ("8867", "8868"),
        """
        SELECT w.source_file, w.source_row, strftime(r.closure_date, ISO),
               'Child ' || w.la_child_id || ': the episode closed on '
                 || strftime(r.closure_date, ISO) || ' but ' || w.what || '.'
        FROM (
            SELECT source_file, source_row, la, collection_year, la_child_id, referral_date,
                   'an assessment is not authorised' AS what
            FROM cin_assessments WHERE authorisation_date IS NULL
            UNION ALL SELECT source_file, source_row, la, collection_year, la_child_id,
                referral_date,
                   'a section 47 enquiry has neither a conference nor ICPCnotRequired'
            FROM cin_section47 WHERE icpc_date IS NULL AND NOT icpc_not_required
            UNION ALL SELECT source_file, source_row, la, collection_year, la_child_id,
                referral_date,
                   'a section 47 enquiry has both a conference and ICPCnotRequired'
            FROM cin_section47 WHERE icpc_date IS NOT NULL AND icpc_not_required
        ) w JOIN cin_referrals r USING (la, collection_year, la_child_id, referral_date)
        WHERE r.closure_date IS NOT NULL
        """,
    ),
    cin_rule(
        "cin.plan_during_cp_plan",
        WARNING,
        ("cin_plans", "cin_cp_plans"),
        "CINPlanStartDate",
        "a CIN plan never open while a child protection plan is",
        ("4001", "4003", "4016", "4017"),
        """
        SELECT p.source_file, p.source_row, strftime(p.start_date, ISO),
               'Child ' || p.la_child_id || ': the CIN plan from ' || strftime(p.start_date, ISO)
                 || ' is open during the child protection plan from '
                 || strftime(c.start_date, ISO) || '.'
        FROM cin_plans p JOIN cin_cp_plans c USING (la, collection_year, la_child_id)
        WHERE p.start_date < coalesce(c.end_date, DATE '9999-12-31')
          AND c.start_date < coalesce(p.end_date, DATE '9999-12-31')
        """,
    ),
    cin_rule(
        "cin.cp_plan_without_conference",
        WARNING,
        ("cin_cp_plans",),
        "CPPstartDate",
        "a child protection plan starting in the year on the day of its episode's conference",
        ("2885",),
        f"""
        SELECT p.source_file, p.source_row, strftime(p.start_date, ISO),
               'Child ' || p.la_child_id || ': the plan starts on '
                 || strftime(p.start_date, ISO) || ', not the day of an initial conference.'
        FROM cin_cp_plans p
        WHERE p.start_date BETWEEN {YEAR_STARTS} AND {YEAR_ENDS}
          AND NOT EXISTS (FROM ({WORK}) w
                          WHERE w.what = 'initial conference' AND w.day = p.start_date
                            AND w.collection_year = p.collection_year
                            AND w.la = p.la AND w.la_child_id = p.la_child_id
                            AND w.referral_date = p.referral_date)
        """,  # noqa: S608 (the store's own tables)
    ),
    cin_rule(
        "cin.conference_recorded_twice",
        WARNING,
        ("cin_referrals", "cin_section47"),
        "DateOfInitialCPC",
        "an initial conference recorded on its section 47 enquiry or its episode, not both",
        ("2884",),
        """
        SELECT r.source_file, r.source_row, strftime(r.initial_cpc_date, ISO),
               'Child ' || r.la_child_id || ': the conference of '
                 || strftime(r.initial_cpc_date, ISO)
                 || ' is recorded on the episode and on a section 47 enquiry.'
        FROM cin_referrals r JOIN cin_section47 s USING (la, collection_year, la_child_id)
        WHERE r.initial_cpc_date = s.icpc_date
        """,
    ),
    cin_rule(
        "cin.more_plans_than_conferences",
        WARNING,
        ("cin_cp_plans",),
        "CPPstartDate",
        "no more child protection plans starting in the year than initial conferences held",
        ("2883",),
        f"""
        SELECT any_value(source_file), NULL, count(*) FILTER (WHERE what = 'plan'),
               count(*) FILTER (WHERE what = 'plan') || ' child protection plans start in '
                 || 'the year to 31 March ' || collection_year || ', but only '
                 || count(*) FILTER (WHERE what <> 'plan') || ' initial conferences are held.'
        FROM (
            SELECT source_file, la, collection_year, start_date AS day, 'plan' AS what
            FROM cin_cp_plans
            UNION ALL SELECT source_file, la, collection_year, icpc_date, 'conference'
            FROM cin_section47
            UNION ALL SELECT source_file, la, collection_year, initial_cpc_date, 'conference'
            FROM cin_referrals
        )
        WHERE day BETWEEN {YEAR_STARTS} AND {YEAR_ENDS}
        GROUP BY la, collection_year
        HAVING count(*) FILTER (WHERE what = 'plan') > count(*) FILTER (WHERE what <> 'plan')
        """,  # noqa: S608 (the store's own tables)
    ),
    cin_rule(
        "cin.section47_overlap",
        WARNING,
        ("cin_section47",),
        "S47ActualStartDate",
        "a section 47 enquiry starting after the episode's previous one reached its conference",
        ("8839", "8890"),
        """
        SELECT a.source_file, a.source_row, strftime(a.start_date, ISO),
               'Child ' || a.la_child_id || ': the enquiry of ' || strftime(a.start_date, ISO)
                 || ' starts while the one of ' || strftime(b.start_date, ISO)
                 || ' is still going on.'
        FROM cin_section47 a
        JOIN cin_section47 b USING (la, collection_year, la_child_id, referral_date)
        WHERE a.start_date >= b.start_date
          AND NOT (a.start_date = b.start_date AND a.icpc_date IS NOT DISTINCT FROM b.icpc_date)
          AND (a.start_date <= b.icpc_date OR (b.icpc_date IS NULL AND NOT b.icpc_not_required))
        """,
    ),
    cin_rule(
        "cin.assessments_open_together",
        WARNING,
        ("cin_assessments",),
        "AssessmentAuthorisationDate",
        "at most one assessment of an episode not yet authorised",
        ("8896",),
        """
        SELECT any_value(source_file), min(source_row), count(*),
               'Child ' || la_child_id || ': the episode of ' || strftime(referral_date, ISO)
                 || ' has ' || count(*) || ' assessments not yet authorised.'
        FROM cin_assessments WHERE authorisation_date IS NULL
        GROUP BY la, collection_year, la_child_id, referral_date HAVING count(*) > 1
        """,
    ),
    cin_rule(
        "cin.factors_before_authorisation",
        WARNING,
        ("cin_assessments",),
        "AssessmentFactors",
        "factors identified only at an authorised (completed) assessment",
        ("8614",),
        """
        SELECT source_file, source_row, factors,
               'Child ' || la_child_id || ': the assessment of ' || strftime(start_date, ISO)
                 || ' gives factors but is not authorised.'
        FROM cin_assessments WHERE factors IS NOT NULL AND authorisation_date IS NULL
        """,
    ),
]
