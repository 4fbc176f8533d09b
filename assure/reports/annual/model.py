"""The partnership's statutory annual report (Working Together: each year a report on what
the safeguarding partners have done and how effective it has been) as plain dataclasses:
the one model the browser page, the PDF and the Word document read.

`annual_report(partnership, fy, public=...)` gathers, for a financial year (April to March):
the priorities of the partnership's plans and their progress, the key figures with
benchmarks, audits and learning, exploitation and missing counts, partner funding and a
summary of the risk register. The internal version holds every number; the public version
is built with small counts of children already replaced by "c" (see
`analytics.suppression`), so no renderer can let an unsuppressed number through.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from analytics import suppression
from analytics.periods import financial_year_label
from assure.core.access import roles_for
from assure.core.models import Partnership
from assure.documents.model import Cell, Table
from assure.partnership.models import FundingContribution
from assure.reports.annual.assessments import assessments_section
from assure.reports.annual.exploitation import exploitation_section
from assure.reports.annual.figures import key_figures
from assure.reports.annual.progress import progress_section
from assure.reports.annual.quality import audits_section
from assure.reports.annual.reviews import reviews_section
from assure.reports.annual.tables import Section
from assure.reports.annual.training import training_section
from assure.risks.queries import register

INTERNAL_READERS = roles_for("read_internal_annual")
PUBLIC, INTERNAL = "public", "internal"
BANDS = ["very high", "high", "medium", "low"]
SUPPRESSION_NOTE = (
    "To protect children's privacy, counts of 1 to 5 children are shown as c, and so are "
    "other figures that would let them be worked out (a total less the other cells, or a "
    "percentage of them). 0 is a true zero; x means the figure is not available; z means "
    "there is nothing to work it out from."
)


@dataclass
class AnnualReport:
    partnership: str
    slug: str
    fy: int
    public: bool
    produced_on: dt.date
    sections: list[Section] = field(default_factory=list)

    @property
    def year_label(self) -> str:
        return financial_year_label(self.fy)

    @property
    def version(self) -> str:
        return PUBLIC if self.public else INTERNAL

    @property
    def version_label(self) -> str:
        return "Public version" if self.public else "Internal version: not for publication"

    @property
    def title(self) -> str:
        return f"{self.partnership}: annual report {self.year_label}"

    def section(self, heading: str) -> Section:
        for top in self.sections:
            for found in top.walk():
                if found.heading == heading:
                    return found
        raise KeyError(heading)

    def tables(self) -> list[Table]:
        return [t for top in self.sections for s in top.walk() for t in s.tables]


def _about(partnership: Partnership, fy: int, public: bool, produced_on: dt.date) -> Section:
    year = financial_year_label(fy)
    section = Section("About this report", "about")
    section.paragraphs.append(
        f"This is the {partnership.name}'s report for the financial year {year} "
        f"(1 April {fy} to 31 March {fy + 1}) on what the safeguarding partners have done "
        "and how effective it has been. It was produced from Assure on "
        f"{produced_on:%-d %B %Y}; edit the narrative before it is published."
    )
    section.paragraphs.append(
        SUPPRESSION_NOTE
        if public
        else "Internal version: it holds every number, including small counts of children. "
        "Publish the public version."
    )
    return section


def _funding(partnership: Partnership, fy: int) -> Section:
    section = Section("Partner funding", "funding")
    items = FundingContribution.objects.filter(
        partnership=partnership, financial_year=fy
    ).select_related("organisation")
    rows = [[Cell(str(i.organisation)), Cell(f"£{i.amount:,.2f}", numeric=True)] for i in items]
    if not rows:
        section.paragraphs.append(
            f"No partner contributions recorded for {financial_year_label(fy)}."
        )
        return section
    total = sum((i.amount for i in items), Decimal(0))
    rows.append([Cell("Total"), Cell(f"£{total:,.2f}", numeric=True)])
    section.tables.append(Table("Partner contributions", ["Partner", "Contribution"], rows))
    return section


def _risks(partnership: Partnership, produced_on: dt.date) -> Section:
    section = Section("Risks", "risks")
    risks = register(partnership, include_closed=False)
    section.paragraphs.append(
        f"Open risks and issues on the register as it stands on {produced_on:%-d %B %Y}: "
        f"{len(risks)}."
    )
    bands = Counter(r.band for r in risks)
    colours = {"very high": "red", "high": "amber"}
    rows = [
        [Cell(b.capitalize(), colours.get(b)), Cell(str(bands[b]), numeric=True)] for b in BANDS
    ]
    section.tables.append(Table("Open risks by score band", ["Band", "Open risks"], rows))
    highest = [
        [
            Cell(r.reference),
            Cell(r.description),
            Cell(", ".join(r.owners())),
            Cell(str(r.score), "red", numeric=True),
        ]
        for r in risks
        if r.score >= 15
    ]
    if highest:
        header = ["Ref", "Risk or issue", "Owner", "Score"]
        section.tables.append(Table("Risks scoring 15 or more", header, highest))
    return section


def annual_report(
    partnership: Partnership, fy: int, *, public: bool, produced_on: dt.date | None = None
) -> AnnualReport:
    """The annual report of `partnership` for the financial year starting April `fy`."""
    produced_on = produced_on or dt.date.today()
    figures = Section("Key figures", "figures", tables=[key_figures(partnership, fy, public)])
    if not figures.tables[0].rows:
        figures.paragraphs.append(f"No figures recorded for {financial_year_label(fy)}.")
    return AnnualReport(
        partnership.name,
        partnership.slug,
        fy,
        public,
        produced_on,
        [
            _about(partnership, fy, public, produced_on),
            progress_section(partnership, fy),
            figures,
            audits_section(partnership, fy, public),
            reviews_section(partnership, fy, public),
            assessments_section(partnership, fy, public),
            training_section(partnership, fy, public),
            exploitation_section(partnership, fy, public),
            _funding(partnership, fy),
            _risks(partnership, produced_on),
        ],
    )


def suppressed_cells(report: AnnualReport) -> int:
    """How many figures the report shows as c."""
    return sum(c.text == suppression.SUPPRESSED for t in report.tables() for r in t.rows for c in r)
