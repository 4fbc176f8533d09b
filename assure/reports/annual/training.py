"""The annual report's "Multi-agency training": what the programme held in the year, who
came from each agency, what attendees said it changed, and whether the learning themes that
audits find were taught. Its counts are of professionals, not children, so nothing here is
suppressed; the public version leaves out attendees' own words (examples of changed
practice), which are written for the partnership, not for publication."""

from __future__ import annotations

from analytics.periods import financial_year_label, year_end, year_start
from assure.core.models import Partnership
from assure.reports.annual.tables import Section
from assure.training import queries
from assure.training.results import answers_of, attendances_of, counts_of, evaluations_of

EXAMPLES = 5


def training_section(partnership: Partnership, fy: int, public: bool) -> Section:
    first, last = year_start(fy), year_end(fy)
    year = financial_year_label(fy)
    section = Section("Multi-agency training", "training")
    rows = queries.course_rows(partnership, first, last)
    if not rows:
        section.paragraphs.append(f"No multi-agency training sessions were held in {year}.")
        return section
    counts = counts_of(attendances_of(partnership, first, last))
    agencies = len(
        {a.organisation.pk for a in queries.uptake(partnership, first, last) if a.counts.attended}
    )
    sessions = sum(row.sessions for row in rows)
    said = f"In {year} the partnership held {sessions} training sessions of {len(rows)} courses, "
    said += (
        f"forums and learning events; {counts.attended} people from {agencies} agencies attended"
    )
    if counts.dna_rate is not None:
        said += f", and {counts.dna_rate}% of those booked did not attend"
    section.paragraphs.append(said + ".")
    answers = answers_of(evaluations_of(partnership, held=(first, last)), [])
    if answers.change_shown:
        section.paragraphs.append(
            f"{answers.rose} of the {len(answers.changes)} attendees who rated their confidence "
            f"before and after a session felt more confident after it (an average change of "
            f"{answers.change_text} on a scale of 1 to 5)."
        )
    if answers.follow_ups_shown:
        section.paragraphs.append(
            f"Three months on, {answers.changed} of {len(answers.follow_ups)} attendees who "
            f"answered the follow-up said the training had changed their practice."
        )
    if not public and answers.examples and answers.follow_ups_shown:
        chosen = answers.examples[:EXAMPLES]
        section.paragraphs.append("In their words: " + " ".join(f"“{e}”" for e in chosen))
    section.tables += [
        queries.courses_table(partnership, first, last, f"Multi-agency training in {year}"),
        queries.uptake_table(partnership, first, last),
        queries.themes_table(partnership, first, last),
    ]
    return section
