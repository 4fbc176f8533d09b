"""The annual report's "Case reviews and learning": serious incidents notified in the year
(and whether within five working days), rapid reviews sent to the national panel (and
whether within 15), their decisions; the partnership's practice reviews under way or
published in the year, with their recommendations and how many are met; the other sources
of learning; and the learning themes case reviews found. Incidents are children, so their
counts are a `CountTable` the public version suppresses; no child's reference is printed."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from analytics.periods import financial_year_label, year_end, year_start
from assure.audits.models import LearningTheme
from assure.core.models import Partnership
from assure.documents.model import Cell, Table, figure
from assure.plans.models import Recommendation
from assure.reports.annual.tables import CountTable, Key, Section
from assure.reviews import clocks, queries
from assure.reviews.models import Incident, Review

YEAR = "Year"
NOTIFIED = ["Notified within five working days", "Notified later", "Notified"]
SENT = ["Sent within 15 working days", "Sent later", "Rapid reviews sent to the panel"]
DECIDED = ["Decided on a practice review", "Decided on none", "Decisions made"]


def _in(day: dt.date | None, fy: int) -> bool:
    return day is not None and year_start(fy) <= day <= year_end(fy)


def incident_table(incidents: list[Incident], fy: int) -> CountTable:
    counts: Counter[Key] = Counter()
    for incident in incidents:
        if _in(incident.notified_panel_on, fy):
            counts[(NOTIFIED[0 if clocks.notified_in_time(incident) else 1], YEAR)] += 1
            counts[(NOTIFIED[2], YEAR)] += 1
        if _in(incident.sent_to_panel_on, fy):
            counts[(SENT[0 if clocks.rapid_review_in_time(incident) else 1], YEAR)] += 1
            counts[(SENT[2], YEAR)] += 1
        if _in(incident.decided_on, fy) and incident.decision:
            counts[(DECIDED[0 if incident.decision == Incident.Decision.LCSPR else 1], YEAR)] += 1
            counts[(DECIDED[2], YEAR)] += 1
    rows = [*NOTIFIED, *SENT, *DECIDED]
    return CountTable(
        f"Serious incidents and rapid reviews, {financial_year_label(fy)}",
        rows,
        [YEAR],
        {(row, YEAR): counts[(row, YEAR)] for row in rows},
        groups=[[(row, YEAR) for row in group] for group in (NOTIFIED, SENT, DECIDED)],
        heads=[""],
        notes=[
            "A serious incident is notified to the national panel within five working days of "
            "the local authority becoming aware; the rapid review reaches the panel within 15 "
            "working days of the notification."
        ],
    )


def _active(review: Review, fy: int) -> bool:
    started = review.decided_on or review.published_on
    return (
        started is not None
        and started <= year_end(fy)
        and (review.published_on is None or review.published_on >= year_start(fy))
    )


def _publication(review: Review) -> str:
    if review.published_on:
        return f"Published {review.published_on:%-d %B %Y}"
    expected = clocks.publication_expected(review)
    delays = list(review.delays.all())
    said = f"Expected by {expected:%-d %B %Y}" if expected else "Not yet published"
    return said + (f" (delayed: {delays[-1].reason})" if delays else "")


def practice_table(partnership: Partnership, fy: int) -> Table:
    ours = queries.reviews_of(partnership).filter(kind__in=[k.value for k in Review.OURS])
    rows = []
    for review in ours.prefetch_related("delays"):
        if not _active(review, fy):
            continue
        recommendations = queries.review_recommendations(review)
        met = sum(r.status == Recommendation.Status.MET for r in recommendations)
        rows.append(
            [
                Cell(f"{review.reference} {review.title}"),
                Cell(review.get_kind_display()),
                Cell(_publication(review)),
                figure(len(recommendations)),
                figure(met),
            ]
        )
    return Table(
        "Practice reviews under way or published in the year",
        ["Review", "Kind", "Publication", "Recommendations", "Met"],
        rows,
        empty="No practice reviews in the year.",
    )


def themes_table(partnership: Partnership, fy: int) -> Table:
    counts: Counter[int] = Counter(
        theme.pk
        for finding in queries.findings_of(partnership)
        if _in(finding.found_on, fy)
        for theme in finding.themes.all()
    )
    themes = LearningTheme.objects.filter(pk__in=counts).prefetch_related("priorities")
    ordered = sorted(themes, key=lambda t: (-counts[t.pk], t.name))
    rows = [
        [
            Cell(theme.name),
            Cell("; ".join(f"{p.code} {p.title}" for p in theme.priorities.all()) or "None"),
            figure(counts[theme.pk]),
        ]
        for theme in ordered
    ]
    return Table(
        "Learning themes case reviews found",
        ["Theme", "Informs priorities", "Findings"],
        rows,
        empty="No findings tagged to a learning theme in the year.",
    )


def reviews_section(partnership: Partnership, fy: int, public: bool) -> Section:
    year = financial_year_label(fy)
    section = Section("Case reviews and learning", "case-reviews")
    incidents = list(queries.incidents_of(partnership))
    section.tables.append(incident_table(incidents, fy).table(public))
    section.tables.append(practice_table(partnership, fy))
    others = [
        r
        for r in queries.reviews_of(partnership).exclude(kind__in=[k.value for k in Review.OURS])
        if _in(r.published_on, fy)
    ]
    if others:
        named = "; ".join(f"{r.title} ({r.get_kind_display().lower()})" for r in others)
        section.paragraphs.append(f"Other reviews we learned from in {year}: {named}.")
    section.tables.append(themes_table(partnership, fy))
    return section
