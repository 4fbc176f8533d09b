"""The annual report's "Audits and learning": case audits completed in the year by tool and
quarter, the grades they gave by domain, the learning themes they and the dip samples found,
and the dip samples carried out. Every count is of children's cases, so each table is a
`CountTable` the public version suppresses.

The audits counted here are those completed in Assure. The key figures print the number of
cases audited reported in the performance framework (the tools' count indicator, 004's 4.2),
which may count audits recorded elsewhere or later; the section says which is which, with
both figures, so a reader finding 20 here and 29 there knows why."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

from django.db.models import QuerySet

from analytics import suppression
from analytics.periods import financial_year_label, year_end, year_start
from assure.audits import queries
from assure.audits.learning import theme_counts
from assure.audits.models import AuditTool, CaseAudit
from assure.audits.scores import average
from assure.core.models import Partnership
from assure.core.periods import Period
from assure.documents.model import Cell, Table
from assure.performance import units
from assure.performance.queries import gather, indicators_of
from assure.reports.annual.figures import hidden, year_figure
from assure.reports.annual.tables import CountTable, Derived, Key, Section, crossed

YEAR, TOTAL = "Year", "Total"


def _completed(partnership: Partnership, fy: int) -> QuerySet[CaseAudit]:
    return queries.audits_of(partnership).filter(
        status=CaseAudit.Status.COMPLETED,
        month__gte=year_start(fy),
        month__lte=year_end(fy),
    )


def _quarters(fy: int) -> list[str]:
    return [p.short_label.split()[0] for p in Period(fy, 1).quarters_of_year()]


def completed_table(audits: list[CaseAudit], fy: int) -> CountTable:
    """Completed audits by tool (rows, then the total) and quarter (columns, then the year)."""
    quarters = _quarters(fy)
    tools = sorted({a.tool.name for a in audits})
    counts: Counter[Key] = Counter()
    for audit in audits:
        quarter = quarters[Period.containing(audit.month).quarter - 1]
        for row in (audit.tool.name, TOTAL):
            counts[(row, quarter)] += 1
            counts[(row, YEAR)] += 1
    rows, columns = [*tools, TOTAL], [*quarters, YEAR]
    every = {(r, c): counts[(r, c)] for r in rows for c in columns}
    table = crossed("Case audits completed", rows, columns, every)
    table.heads = ["Audit tool"]
    return table


def grades_table(tool: AuditTool, audits: list[CaseAudit]) -> CountTable:
    """How many audits gave each grade in each domain; the average leaves N/A out."""
    levels = list(tool.scale.all())
    graded = queries.final_levels(CaseAudit.objects.filter(pk__in=[a.pk for a in audits]))
    domains = list(tool.domains.all())
    columns = [f"{level.score} {level.label}" for level in levels] + [TOTAL]
    counts: dict[Key, int | None] = {}
    averages: dict[Hashable, str | None] = {}
    for domain in domains:
        given = [g[domain.pk] for g in graded.values() if domain.pk in g]
        for level, column in zip(levels, columns, strict=False):
            counts[(domain.pk, column)] = sum(1 for g in given if g.pk == level.pk)
        counts[(domain.pk, TOTAL)] = len(given)
        mean = average(given)
        averages[domain.pk] = f"{mean:.2f}" if mean is not None else None
    rows = [d.pk for d in domains]

    def mean_of(row: Hashable) -> tuple[str | None, Sequence[Key]]:
        return averages[row], [(row, column) for column in columns]

    return CountTable(
        f"Grades by domain: {tool.name}",
        rows,
        columns,
        counts,
        groups=[[(row, column) for column in columns] for row in rows],
        heads=["Domain"],
        row_text={d.pk: [f"{d.number} {d.title}"] for d in domains},
        derived=[Derived("Average score", mean_of)],
        notes=["The grade that counts is the moderated, agreed grade where there is one."],
    )


def themes_table(partnership: Partnership, fy: int) -> CountTable:
    periods = Period(fy, 1).quarters_of_year()
    quarters = _quarters(fy)
    found = [t for t in theme_counts(partnership, periods) if t.total]
    counts: dict[Key, int | None] = {}
    for item in found:
        for period, quarter in zip(periods, quarters, strict=True):
            counts[(item.theme.pk, quarter)] = item.by_quarter[period.code]
        counts[(item.theme.pk, YEAR)] = item.total
    columns = [*quarters, YEAR]
    rows = [t.theme.pk for t in found]
    linked = {
        t.theme.pk: [
            t.theme.name,
            ", ".join(f"{p.code} {p.title}" for p in t.theme.priorities.all()),
        ]
        for t in found
    }
    return CountTable(
        "Learning themes found by audits and dip samples",
        rows,
        columns,
        counts,
        groups=[[(row, column) for column in columns] for row in rows],
        heads=["Theme", "Informs priorities"],
        row_text=linked,
    )


def _dip_samples(partnership: Partnership, fy: int, public: bool) -> Table:
    samples = queries.dip_samples_of(partnership).filter(
        carried_out_on__range=(year_start(fy), year_end(fy))
    )
    rows = []
    for dip in samples:
        size = dip.cases_sampled
        hidden = public and suppression.is_small(size)
        rows.append(
            [
                Cell(dip.title),
                Cell(f"{dip.carried_out_on:%-d %B %Y}"),
                Cell(suppression.show_count(size, hidden), numeric=True),
                Cell(dip.summary),
            ]
        )
    return Table("Dip samples", ["Dip sample", "Carried out", "Cases sampled", "Summary"], rows)


def reported_count(partnership: Partnership, fy: int, public: bool) -> str:
    """The sentence on the number of cases audited reported in the performance framework
    for the year, as the key figures print it; '' when the framework holds none."""
    references = AuditTool.objects.filter(partnership=partnership).exclude(count_indicator="")
    chosen = indicators_of(partnership).filter(
        reference__in=references.values_list("count_indicator", flat=True)
    )
    sentences = []
    for data in gather(partnership, chosen):
        figure = year_figure(data, fy)
        if figure is None:
            continue
        indicator = data.indicator
        text = units.format_figure(figure.value, indicator.unit, indicator.decimals)
        if public and hidden(indicator, figure):
            text = suppression.SUPPRESSED
        sentences.append(
            f"The key figures' {indicator.reference} {indicator.title} ({text} for "
            f"{figure.period}) is the figure reported in the performance framework, which "
            "may count audits recorded elsewhere or after the month they were reported for."
        )
    return " ".join(sentences)


def audits_section(partnership: Partnership, fy: int, public: bool) -> Section:
    audits = list(_completed(partnership, fy))
    year = financial_year_label(fy)
    total = len(audits)
    shown = suppression.show_count(total, public and suppression.is_small(total))
    section = Section("Audits and learning", "audits")
    counted = f"Case audits completed in {year}, counted from the audits recorded here: {shown}."
    section.paragraphs.append(f"{counted} {reported_count(partnership, fy, public)}".strip())
    if audits:
        completed = completed_table(audits, fy)
        section.tables.append(completed.table(public))
        hidden = completed.hidden(public)
        for tool in AuditTool.objects.filter(pk__in={a.tool_id for a in audits}):
            grades = grades_table(tool, [a for a in audits if a.tool_id == tool.pk])
            if (tool.name, YEAR) in hidden:
                # Each domain's total is the tool's count of audits, which is hidden above.
                grades.also = {(row, TOTAL) for row in grades.rows}
            section.tables.append(grades.table(public))
    themes = themes_table(partnership, fy)
    if themes.rows:
        section.tables.append(themes.table(public))
    dips = _dip_samples(partnership, fy, public)
    if dips.rows:
        section.tables.append(dips)
    if not section.tables:
        section.paragraphs.append(f"No audits, learning themes or dip samples in {year}.")
    return section
