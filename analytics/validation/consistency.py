"""Rules across rows and tables: children known to the header, dates in order, the right year.

Each rule is a plain DuckDB query over the typed tables of the load; it returns the rows
that break it with a message. A rule runs only when the tables it reads were loaded.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from analytics.formats.ssda903_schema import SHORT_BREAK_MACRO
from analytics.problems import FATAL, KEPT_PER_RULE, WARNING, Problem, Report
from analytics.validation import (
    children_in_need,
    children_in_need_episodes,
    looked_after,
    looked_after_adoption,
    looked_after_header,
    looked_after_history,
    looked_after_outcomes,
    looked_after_placements,
    looked_after_records,
)
from analytics.validation.rule import Rule

BASIC = [
    Rule(
        "903.child_not_in_header",
        FATAL,
        ("ssda903_header",),
        "CHILD",
        "every child to have a row in the header file of the same year",
        """
        SELECT t.source_file, t.source_row, t.CHILD AS value,
               'Child ' || t.CHILD || ' is not in the header of the '
                 || t.collection_year || ' return.' AS message
        FROM (
            SELECT source_file, source_row, la, CHILD, collection_year FROM ssda903_episodes
            UNION ALL SELECT source_file, source_row, la, CHILD, collection_year
                FROM ssda903_reviews
            UNION ALL SELECT source_file, source_row, la, CHILD, collection_year
                FROM ssda903_missing
            UNION ALL SELECT source_file, source_row, la, CHILD, collection_year FROM ssda903_uasc
            UNION ALL SELECT source_file, source_row, la, CHILD, collection_year FROM ssda903_oc2
            UNION ALL SELECT source_file, source_row, la, CHILD, collection_year FROM ssda903_oc3
            UNION ALL SELECT source_file, source_row, la, CHILD, collection_year FROM ssda903_ad1
            UNION ALL SELECT source_file, source_row, la, CHILD, collection_year
                FROM ssda903_placed_adoption
            UNION ALL SELECT source_file, source_row, la, CHILD, collection_year
                FROM ssda903_prev_perm
            UNION ALL SELECT source_file, source_row, la, CHILD, collection_year
                FROM ssda903_social_worker
        ) t
        ANTI JOIN ssda903_header h USING (la, CHILD, collection_year)
        """,
        dfe=("INT01", "INT02", "INT03", "INT04", "INT05", "INT06", "INT07", "INT08", "INT09"),
    ),
    Rule(
        "903.episode_ends_before_start",
        FATAL,
        ("ssda903_episodes",),
        "DEC",
        "DEC on or after DECOM",
        """
        SELECT source_file, source_row, strftime(DEC, '%d/%m/%Y') AS value,
               'The episode ends (' || strftime(DEC, '%d/%m/%Y') || ') before it starts ('
                 || strftime(DECOM, '%d/%m/%Y') || ').' AS message
        FROM ssda903_episodes WHERE DEC < DECOM
        """,
        dfe=("356",),
    ),
    Rule(
        "903.episodes_overlap",
        FATAL,
        ("ssda903_episodes",),
        "DECOM",
        "each episode to start on or after the previous one ended",
        """
        SELECT source_file, source_row, strftime(DECOM, '%d/%m/%Y') AS value,
               'Child ' || CHILD || ': this episode starts before the previous one ('
                 || coalesce(strftime(previous_end, '%d/%m/%Y'), 'still open')
                 || ') ended.' AS message
        FROM ssda903_spells
        WHERE previous_start IS NOT NULL AND (previous_end IS NULL OR DECOM < previous_end)
        """,
        dfe=("501", "142"),
    ),
    Rule(
        "903.born_after_episode",
        FATAL,
        ("ssda903_episodes", "ssda903_header"),
        "DECOM",
        "episodes to start on or after the child's date of birth",
        """
        SELECT e.source_file, e.source_row, strftime(e.DECOM, '%d/%m/%Y') AS value,
               'Child ' || e.CHILD || ' starts an episode before their date of birth ('
                 || strftime(h.DOB, '%d/%m/%Y') || ').' AS message
        FROM ssda903_episodes e JOIN ssda903_header h USING (la, CHILD, collection_year)
        WHERE e.DECOM < h.DOB
        """,
        dfe=("302",),
    ),
    Rule(
        "903.dob_differs",
        WARNING,
        ("ssda903_header",),
        "DOB",
        "the date of birth given in the header",
        """
        SELECT t.source_file, t.source_row, strftime(t.DOB, '%d/%m/%Y') AS value,
               'Child ' || t.CHILD || ' has another date of birth in the header ('
                 || strftime(h.DOB, '%d/%m/%Y') || ').' AS message
        FROM (
            SELECT source_file, source_row, la, CHILD, DOB, collection_year FROM ssda903_ad1
            UNION ALL SELECT source_file, source_row, la, CHILD, DOB, collection_year
                FROM ssda903_placed_adoption
            UNION ALL SELECT source_file, source_row, la, CHILD, DOB, collection_year
                FROM ssda903_missing
            UNION ALL SELECT source_file, source_row, la, CHILD, DOB, collection_year
                FROM ssda903_oc2
            UNION ALL SELECT source_file, source_row, la, CHILD, DOB, collection_year
                FROM ssda903_oc3
            UNION ALL SELECT source_file, source_row, la, CHILD, DOB, collection_year
                FROM ssda903_prev_perm
            UNION ALL SELECT source_file, source_row, la, CHILD, DOB, collection_year
                FROM ssda903_reviews
            UNION ALL SELECT source_file, source_row, la, CHILD, DOB, collection_year
                FROM ssda903_uasc
        ) t
        JOIN ssda903_header h USING (la, CHILD, collection_year)
        WHERE t.DOB <> h.DOB
        """,
        dfe=("INT11", "INT12", "INT13", "INT14", "INT15", "INT16", "INT17", "INT18"),
    ),
    Rule(
        "903.missing_ends_before_start",
        FATAL,
        ("ssda903_missing",),
        "MIS_END",
        "MIS_END on or after MIS_START",
        """
        SELECT source_file, source_row, strftime(MIS_END, '%d/%m/%Y') AS value,
               'The missing episode ends before it starts.' AS message
        FROM ssda903_missing WHERE MIS_END < MIS_START
        """,
        dfe=("567",),
    ),
    Rule(
        "903.wrong_year",
        FATAL,
        ("ssda903_episodes",),
        "DECOM",
        "dates on or before the end of the collection year (31 March)",
        """
        SELECT source_file, source_row, strftime(greatest(DECOM, coalesce(DEC, DECOM)), '%d/%m/%Y'),
               'This episode has a date after 31/03/' || collection_year
                 || ', the end of the ' || (collection_year - 1) || '-'
                 || (collection_year % 100) || ' collection year: are these the files of a '
                 || 'later year?' AS message
        FROM ssda903_episodes
        WHERE greatest(DECOM, coalesce(DEC, DECOM)) > make_date(collection_year, 3, 31)
        """,
        dfe=("385", "354"),
    ),
    Rule(
        "903.no_episode_in_year",
        FATAL,
        ("ssda903_episodes",),
        "DEC",
        "episodes open at some time in the collection year",
        """
        SELECT any_value(source_file), min(source_row), max(strftime(DEC, '%d/%m/%Y')),
               'No episode is open in the ' || (collection_year - 1) || '-'
                 || (collection_year % 100) || ' collection year (the latest ended on '
                 || max(strftime(DEC, '%d/%m/%Y')) || '): are these the files of an '
                 || 'earlier year?' AS message
        FROM ssda903_episodes
        GROUP BY la, collection_year
        HAVING bool_and(DEC IS NOT NULL AND DEC < make_date(collection_year - 1, 4, 1))
        """,
    ),
    Rule(
        "cin.closed_before_referral",
        FATAL,
        ("cin_referrals",),
        "CINclosureDate",
        "CINclosureDate on or after CINreferralDate",
        """
        SELECT source_file, source_row, strftime(closure_date, '%Y-%m-%d'),
               'Child ' || la_child_id || ': the case closes before the referral.' AS message
        FROM cin_referrals WHERE closure_date < referral_date
        """,
        dfe=("8630",),
    ),
    Rule(
        "cin.plan_ends_before_start",
        FATAL,
        ("cin_cp_plans",),
        "CPPendDate",
        "CPPendDate on or after CPPstartDate",
        """
        SELECT source_file, source_row, strftime(end_date, '%Y-%m-%d'),
               'Child ' || la_child_id || ': the plan ends before it starts.' AS message
        FROM cin_cp_plans WHERE end_date < start_date
        """,
        dfe=("8925",),
    ),
    Rule(
        "cin.assessment_authorised_before_start",
        FATAL,
        ("cin_assessments",),
        "AssessmentAuthorisationDate",
        "AssessmentAuthorisationDate on or after the start",
        """
        SELECT source_file, source_row, strftime(authorisation_date, '%Y-%m-%d'),
               'Child ' || la_child_id || ': the assessment is authorised before it starts.'
        FROM cin_assessments WHERE authorisation_date < start_date
        """,
        dfe=("8608",),
    ),
    Rule(
        "cin.conference_before_s47",
        FATAL,
        ("cin_section47",),
        "DateOfInitialCPC",
        "the initial conference on or after the section 47 enquiry started",
        """
        SELECT source_file, source_row, strftime(icpc_date, '%Y-%m-%d'),
               'Child ' || la_child_id || ': the initial conference is before the enquiry.'
        FROM cin_section47 WHERE icpc_date < start_date
        """,
        dfe=("8615",),
    ),
    Rule(
        "cin.wrong_year",
        FATAL,
        ("cin_referrals",),
        "CINreferralDate",
        "dates on or before the census reference date (31 March of its year)",
        """
        SELECT source_file, source_row, strftime(referral_date, '%Y-%m-%d'),
               'Child ' || la_child_id || ' has a date after the census reference date, 31 March '
                 || collection_year || ': is this the census of a later year?'
        FROM cin_referrals
        WHERE greatest(referral_date, coalesce(closure_date, referral_date))
              > make_date(collection_year, 3, 31)
        """,
        dfe=("8600", "8620"),
    ),
    Rule(
        "cin.no_referral_in_year",
        FATAL,
        ("cin_referrals",),
        "CINclosureDate",
        "cases open at some time in the census year",
        """
        SELECT any_value(source_file), min(source_row), NULL,
               'No case in the census is open in the year to 31 March ' || collection_year
                 || ': is this the census of another year?'
        FROM cin_referrals GROUP BY la, collection_year
        HAVING bool_and(closure_date IS NOT NULL
                        AND closure_date < make_date(collection_year - 1, 4, 1))
        """,
    ),
    Rule(
        "missing.ends_before_start",
        FATAL,
        ("missing_episodes",),
        "missing_end",
        "missing_end on or after missing_start",
        """
        SELECT source_file, source_row, CAST(missing_end AS VARCHAR),
               'Child ' || child_id || ': the episode ends before it starts.'
        FROM missing_episodes WHERE missing_end < missing_start
        """,
    ),
    Rule(
        "toolkit.review_before_toolkit",
        FATAL,
        ("exploitation_toolkits",),
        "review_date",
        "review_date on or after toolkit_date",
        """
        SELECT source_file, source_row, strftime(review_date, '%d/%m/%Y'),
               'Child ' || child_id || ': the review is before the toolkit was completed.'
        FROM exploitation_toolkits WHERE review_date < toolkit_date
        """,
    ),
    Rule(
        "local.future_date",
        FATAL,
        ("missing_episodes",),
        "missing_start",
        "dates no later than today",
        """
        SELECT source_file, source_row, CAST(missing_start AS VARCHAR),
               'Child ' || child_id || ': the episode starts in the future.'
        FROM missing_episodes WHERE CAST(missing_start AS DATE) > $today
        """,
    ),
    Rule(
        "local.future_date",
        FATAL,
        ("exploitation_toolkits",),
        "toolkit_date",
        "dates no later than today",
        """
        SELECT source_file, source_row, strftime(toolkit_date, '%d/%m/%Y'),
               'Child ' || child_id || ': the toolkit is dated in the future.'
        FROM exploitation_toolkits WHERE toolkit_date > $today
        """,
    ),
]
RULES = (
    BASIC
    + looked_after.RULES
    + looked_after_adoption.RULES
    + looked_after_header.RULES
    + looked_after_history.RULES
    + looked_after_records.RULES
    + looked_after_outcomes.RULES
    + looked_after_placements.RULES
    + children_in_need.RULES
    + children_in_need_episodes.RULES
)


def check(tables: dict[str, pa.Table], report: Report, today: dt.date | None = None) -> None:
    """Run every rule whose tables were loaded, adding what they find to the report."""
    check_many({"": tables}, {"": report}, today)


def check_many(
    tables: Mapping[str, Mapping[str, pa.Table]],
    reports: Mapping[str, Report],
    today: dt.date | None = None,
) -> None:
    """Every rule once over the tables of several authorities (`tables[la]`, each row with its
    `la`), each authority's findings to its own report, as if each were checked alone: every
    rule keys a child by authority, and a rule runs for an authority only if its tables were
    loaded. One query a rule, not one a rule and authority: each has a fixed cost of a few
    milliseconds, which for England is most of the checking."""
    from analytics.formats.files import all_specs  # here: formats imports this package
    from analytics.formats.tables import arrow_schema

    many = len(tables) > 1
    joined: dict[str, list[pa.Table]] = defaultdict(list)
    for la, own in tables.items():
        for name, table in own.items():
            # Several authorities: each row's file is named with its authority, which says
            # whose report a finding goes to (an authority's code holds no /).
            joined[name].append(_with_authority(table, la) if many else table)
    connection = duckdb.connect()
    connection.execute(SHORT_BREAK_MACRO)
    for name, spec in all_specs().items():
        # A table not loaded is there but empty, so rules across tables still bind.
        parts = joined.get(name)
        whole = pa.concat_tables(parts, promote_options="default") if parts else None
        connection.register(name, whole if whole is not None else arrow_schema(spec).empty_table())
    # Made once as tables, not views: a view's window would be worked out again by each of
    # the 21 rules that read it (half their time).
    for view, sql in looked_after.VIEWS.items():
        connection.execute(f"CREATE TEMP TABLE {view} AS {sql}")
    today = today or dt.date.today()
    for rule in RULES:
        running = [la for la, own in tables.items() if all(t in own for t in rule.tables)]
        if not running:
            continue
        params = {"today": today} if "$today" in rule.sql else None
        # A row a rule's joins find more than once is one problem, reported once.
        found = dict.fromkeys(connection.execute(rule.sql, params).fetchall())
        whose: dict[str, list[tuple]] = defaultdict(list)
        for file, row, value, message in found:
            la, file = str(file).split("/", 1) if many else (running[0], file)
            whose[la].append((file, row, value, message))
        for la in running:
            _report(rule, whose.get(la, []), reports[la])
    connection.close()


def _with_authority(table: pa.Table, la: str) -> pa.Table:
    """`table` with each row's file named with its authority: the few names each chunk holds
    are renamed, not every row's (a third of the time)."""
    chunks = []
    for chunk in table["source_file"].chunks:
        encoded = chunk.dictionary_encode()
        named = pc.binary_join_element_wise(la, encoded.dictionary, "/")
        chunks.append(pa.DictionaryArray.from_arrays(encoded.indices, named))
    files = pa.chunked_array(chunks, pa.dictionary(pa.int32(), pa.string()))
    return table.set_column(table.schema.get_field_index("source_file"), "source_file", files)


def _report(rule: Rule, found: list[tuple], report: Report) -> None:
    sample = [
        Problem(
            rule.severity,
            str(file),
            rule.code,
            str(message),
            expected=rule.expected,
            row=int(row) if row is not None else None,
            column=rule.column,
            value=str(value or ""),
        )
        for file, row, value, message in found[:KEPT_PER_RULE]
    ]
    report.add_sample(sample, Counter(str(file) for file, *_ in found[KEPT_PER_RULE:]))
