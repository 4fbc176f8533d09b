"""The annual report's "Safeguarding self-assessments": the Section 11 and section 175/157
rounds whose returns were due in the year, how many organisations returned (on time), the
share of standards met, each standard's counts with the change since the last round, the
organisations that did not return, and the challenge events held.

Every count here is of organisations, never of children, so nothing is suppressed in the
public version; it names the organisations that did not return, as a board's annual
challenge of its partners does."""

from __future__ import annotations

from analytics.periods import financial_year_label, year_end, year_start
from assure.assessments import indicators, results
from assure.assessments.models import ChallengeEvent, Round
from assure.core.models import Partnership
from assure.reports.annual.tables import Section, percent


def _rounds(partnership: Partnership, fy: int) -> list[Round]:
    due = Round.objects.filter(
        partnership=partnership, due_on__gte=year_start(fy), due_on__lte=year_end(fy)
    )
    return list(due.select_related("framework").order_by("due_on"))


def _round_section(found: Round) -> Section:
    summary = results.summary(found)
    met, rated = indicators.figures(found)[indicators.MET]
    events = ChallengeEvent.objects.filter(round=found).select_related("meeting")
    actions = sum(event.actions.count() for event in events)
    paragraphs = [
        f"{found.framework} sent on {found.opens_on:%-d %B %Y}, due {found.due_on:%-d %B %Y}: "
        f"{len(summary.submitted)} of {len(summary.asked)} organisations returned, "
        f"{summary.on_time} on time.",
        f"Of the {rated} standards rated, {met} were met "
        f"({percent(met, rated) or 'none rated'}), at the rating agreed after scrutiny.",
    ]
    if events:
        days = ", ".join(f"{e.meeting.held_on:%-d %B %Y}" for e in events)
        paragraphs.append(
            f"{len(events)} challenge event{'s' if len(events) != 1 else ''} held ({days}), "
            f"agreeing {actions} action{'s' if actions != 1 else ''} tracked to completion."
        )
    tables = [results.summary_table(summary)]
    if summary.not_returned:
        tables.append(results.not_returned_table(summary))
    return Section(str(found), f"assessment-{found.pk}", paragraphs, tables)


def assessments_section(partnership: Partnership, fy: int, public: bool) -> Section:
    rounds = _rounds(partnership, fy)
    section = Section("Safeguarding self-assessments", "self-assessments")
    if not rounds:
        section.paragraphs.append(
            f"No Section 11 or section 175/157 returns were due in {financial_year_label(fy)}."
        )
        return section
    section.paragraphs.append(
        "Partner agencies (Section 11 of the Children Act 2004) and schools and colleges "
        "(sections 175 and 157 of the Education Act 2002) assess their safeguarding "
        "arrangements against the partnership's standards; the partnership scrutinises and "
        "challenges the returns."
    )
    section.subsections = [_round_section(found) for found in rounds]
    return section
