"""The exception report laid out as sections of tables: the one shape the browser, PDF, Word
and Excel all print, so every format shows the same lines in the same order. Each line keeps
the address of what lies behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

from assure.documents.model import Cell, Table, line
from assure.reports.exception.model import Count, Entry, ExceptionReport, ToolkitCounts


@dataclass
class Section:
    key: str
    heading: str
    note: str
    tables: list[Table] = field(default_factory=list)
    count: int | None = None  # what the summary shows; by default, the lines found

    def __post_init__(self) -> None:
        if self.count is None:
            self.count = sum(len(t.rows) for t in self.tables)


def _entries(
    caption: str, header: list[str], entries: list[Entry], empty: str, detail: bool = True
) -> Table:
    lines = [
        line(
            [Cell(e.reference), Cell(e.title), Cell(e.owner)]
            + [Cell(e.finding, e.colour, e.value)]
            + ([Cell(e.detail)] if detail else []),
            e.href,
        )
        for e in entries
    ]
    return Table(caption, header, lines, empty=empty)


def _reds(report: ExceptionReport) -> Section:
    quarter = report.quarter_label
    note = (
        f"Ratings and figures for {report.month_label}: the newest rating at or before "
        f"{quarter}, and each measure's figure for the month and the year to date."
    )
    if report.red_measures and report.missing_figures:  # some in, some not
        note += " " + report.missing_figures
    return Section(
        "reds",
        "Red ratings",
        note,
        [
            _entries(
                "Plans and themes rated red",
                ["Ref", "Plan or theme", "Lead", "Rating", "Overview"],
                report.red_ratings,
                "No plan or theme is rated red.",
            ),
            _entries(
                "Actions rated red",
                ["Ref", "Action", "Owner", "Rating", "Barriers or progress"],
                report.red_actions,
                "No open action is rated red.",
            ),
            _entries(
                "Performance measures rated red",
                ["Ref", "Measure", "Theme", "Red figures"],
                report.red_measures,
                report.missing_figures or "No measure is rated red this month.",
                detail=False,
            ),
        ],
    )


def _registers(report: ExceptionReport) -> list[Section]:
    on = f"{report.report_date:%-d %B %Y}"
    updates = _entries(
        "Actions with an overdue update",
        ["Ref", "Action", "Owner", "Overdue", "Plan"],
        report.overdue_updates,
        "No update is overdue.",
    )
    risks = _entries(
        "Open risks scoring 15 or more",
        ["Ref", "Risk", "Owner", "Score", "Mitigation"],
        report.high_risks,
        "No open risk scores 15 or more.",
    )
    return [
        Section(
            "updates",
            "Overdue updates",
            f"Open actions whose update for their plan's open quarter is past due, on {on}.",
            [updates],
        ),
        Section("risks", "Risks scoring 15 or more", f"The open risk register on {on}.", [risks]),
    ]


def _counts(caption: str, label: str, counts: list[Count], href: str) -> Table:
    lines = [
        line(
            [
                Cell(c.label),
                Cell(str(c.current), value=c.current),
                Cell(str(c.out_of_date), "red" if c.out_of_date else None, c.out_of_date),
                Cell(
                    "n/a" if c.percent_out_of_date is None else f"{c.percent_out_of_date}%",
                    value=c.percent_out_of_date,
                    numeric=True,
                ),
            ],
            href,
        )
        for c in counts
    ]
    header = [label, "Current toolkits", "Out of date", "% out of date"]
    return Table(caption, header, lines, empty="No current toolkits.")


def _toolkits(counts: ToolkitCounts) -> Section:
    total = counts.total
    note = (
        f"On {counts.on:%-d %B %Y}, {total.out_of_date} of {total.current} current toolkits "
        "were out of date (not reviewed within three months). Counts only: the children are "
        "on the toolkit register, for exploitation leads."
    )
    return Section(
        "toolkits",
        "Out-of-date exploitation toolkits",
        note,
        [
            _counts("Toolkits by team", "Team", counts.by_team, counts.href),
            _counts("Toolkits by risk level", "Risk", counts.by_risk, counts.href),
        ],
        total.out_of_date,
    )


def _audits(report: ExceptionReport, entries: list[Entry]) -> Section:
    table = _entries(
        "Overdue case audits and moderations",
        ["Kind", "Audit", "Auditor or moderator", "Overdue"],
        entries,
        "No case audit or moderation is overdue.",
        detail=False,
    )
    on = f"{report.report_date:%-d %B %Y}"
    note = f"Assigned audits and moderations not done by their due date, on {on}."
    return Section("audits", "Overdue case audits", note, [table])


def _deadlines(report: ExceptionReport) -> list[Section]:
    on = f"{report.report_date:%-d %B %Y}"
    found = []
    if report.late_reviews is not None:
        table = _entries(
            "Case review deadlines past due",
            ["Kind", "What is owed", "Owner", "Overdue"],
            report.late_reviews,
            "No case review deadline is past due.",
            detail=False,
        )
        note = (
            "Notifications, agencies' summaries, rapid review reports and practice reviews' "
            f"publication not done by the statutory or agreed date (in working days), on {on}."
        )
        found.append(Section("reviews", "Case review deadlines past due", note, [table]))
    table = _entries(
        "Self-assessment returns past due",
        ["Kind", "Return", "Organisation's lead", "Overdue"],
        report.late_returns,
        "No self-assessment return is past due.",
        detail=False,
    )
    note = f"Section 11 and section 175/157 returns not submitted by the round's due date, on {on}."
    found.append(Section("returns", "Self-assessment returns past due", note, [table]))
    return found


def sections(report: ExceptionReport) -> list[Section]:
    """The report's sections in order; those the reader may not see are left out."""
    found = [_reds(report), *_registers(report)]
    if report.toolkits is not None:
        found.append(_toolkits(report.toolkits))
    if report.overdue_audits is not None:
        found.append(_audits(report, report.overdue_audits))
    return found + _deadlines(report)
