"""Learning briefings: a short document per review (what happened, what was found, what is
recommended and done about it) or per learning theme (where it keeps being found), as Word
and PDF. One model (`Briefing`: parts of headed paragraphs and bullets, and tables of the
one table model) is written by both renderers of `assure.documents`."""

from __future__ import annotations

from dataclasses import dataclass, field

from docx import Document

from assure.audits.models import LearningTheme
from assure.documents import pdf, word
from assure.documents.model import Cell, Table
from assure.reviews import clocks, queries
from assure.reviews.learning import source_label
from assure.reviews.models import Finding, Review

PDF = "application/pdf"


@dataclass
class Part:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Briefing:
    title: str
    subtitle: str
    parts: list[Part]


def _date(day: object) -> str:
    return f"{day:%-d %B %Y}" if day else "Not yet"


def _findings(findings: list[Finding]) -> Part:
    part = Part("What was found")
    for finding in findings:
        themes = ", ".join(t.name for t in finding.themes.all())
        part.bullets.append(finding.text + (f" (themes: {themes})" if themes else ""))
    if not findings:
        part.paragraphs.append("No findings recorded yet.")
    return part


def _recommendations(review: Review) -> Part:
    rows = []
    for recommendation in queries.review_recommendations(review):
        actions = "; ".join(str(a) for a in recommendation.actions.all()) or "None yet"
        rows.append(
            [
                Cell(recommendation.reference),
                Cell(recommendation.text),
                Cell(actions),
                Cell(recommendation.get_status_display()),
            ]
        )
    table = Table(
        "Recommendations and what is being done",
        ["Ref", "Recommendation", "Actions", "Status"],
        rows,
        empty="No recommendations yet.",
    )
    return Part("What we are doing about it", tables=[table])


def review_briefing(review: Review) -> Briefing:
    about = Part("About the review")
    about.paragraphs.append(f"{review.get_kind_display()}.")
    if review.is_ours:
        expected = clocks.publication_expected(review)
        about.paragraphs.append(
            f"Decided on: {_date(review.decided_on)}. Published: {_date(review.published_on)}"
            + (f" (expected {_date(expected)})" if expected and not review.published_on else "")
            + "."
        )
    elif review.source:
        about.paragraphs.append(f"Published by {review.source}, {_date(review.published_on)}.")
    if review.summary:
        about.paragraphs.append(review.summary)
    findings = list(review.findings.prefetch_related("themes"))
    parts = [about, _findings(findings), _recommendations(review)]
    return Briefing(f"Learning briefing: {review.title}", review.reference, parts)


def theme_briefing(theme: LearningTheme) -> Briefing:
    about = Part("The theme")
    if theme.description:
        about.paragraphs.append(theme.description)
    priorities = [f"{p.code} {p.title}" for p in theme.priorities.all()]
    about.paragraphs.append(
        "It informs the plan's priorities: " + "; ".join(priorities) + "."
        if priorities
        else "It is not yet linked to a plan priority."
    )
    findings = list(
        queries.findings_of(theme.partnership).filter(themes=theme).order_by("-found_on")
    )
    rows = [[Cell(_date(f.found_on)), Cell(source_label(f)), Cell(f.text)] for f in findings]
    found = Part(
        "Where case reviews found it",
        tables=[Table("Findings", ["Found", "Where", "Finding"], rows, empty="Not found yet.")],
    )
    return Briefing(f"Learning briefing: {theme.name}", str(theme.partnership), [about, found])


def render_docx(briefing: Briefing) -> bytes:
    document = Document()
    word.landscape(document, briefing.title)
    document.add_heading(briefing.title, level=0)
    document.add_paragraph(briefing.subtitle)
    for part in briefing.parts:
        document.add_heading(part.heading, level=1)
        for text in part.paragraphs:
            document.add_paragraph(text)
        for text in part.bullets:
            document.add_paragraph(text, style="List Bullet")
        for table in part.tables:
            word.table(document, table, level=None)
    return word.saved(document)


def render_pdf(briefing: Briefing) -> bytes:
    blocks = [pdf.meta(briefing.subtitle)]
    for part in briefing.parts:
        blocks.append(pdf.heading(part.heading, level=1))
        blocks += [pdf.paragraph(text) for text in part.paragraphs]
        if part.bullets:
            blocks.append(pdf.bullets(part.bullets))
        blocks += [pdf.table(table) for table in part.tables]
    return pdf.document_pdf(briefing.title, briefing.title, blocks)


def render(briefing: Briefing, kind: str) -> tuple[bytes, str]:
    """The briefing as `kind` ("docx" or "pdf") and its content type."""
    if kind == "pdf":
        return render_pdf(briefing), PDF
    return render_docx(briefing), word.DOCX
