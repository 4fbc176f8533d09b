"""The results of a round, as one set of tables every output prints (web, Word, Excel, PDF):
the partnership summary (per standard, how many organisations met, partly met or did not
meet it, and the change since the last round of the same kind), the heat map of standards by
organisation, the organisations that did not return, and each organisation's report. The
last round is the latest earlier one of the same framework, or a copy of it
(`queries.previous_round`).

Only submitted returns count, each standard at its agreed rating: the moderated rating where
the reviewers agreed one, else the organisation's own. The share met leaves out not
applicable, as the audits' averages leave out N/A.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from assure.assessments import queries
from assure.assessments.models import Level, Outcome, Rating, Return, Round, Standard
from assure.documents.model import Cell, Table, figure


@dataclass
class StandardRow:
    standard: Standard
    counts: Counter[str] = field(default_factory=Counter)
    before: Counter[str] | None = None  # the counts of the last round, if it had the standard

    @staticmethod
    def share(counts: Counter[str] | None) -> float | None:
        if counts is None:
            return None
        rated = counts[Outcome.MET] + counts[Outcome.PARTLY] + counts[Outcome.NOT_MET]
        return counts[Outcome.MET] / rated if rated else None

    @property
    def met_share(self) -> float | None:
        return self.share(self.counts)

    @property
    def change(self) -> int | None:
        """The change in the share met since the last round, in percentage points."""
        now, then = self.met_share, self.share(self.before)
        if now is None or then is None:
            return None
        return round(100 * now) - round(100 * then)


@dataclass
class Summary:
    round: Round
    rows: list[StandardRow]
    asked: list[Return]
    submitted: list[Return]
    previous: Round | None

    @property
    def not_returned(self) -> list[Return]:
        return [r for r in self.asked if not r.is_submitted]

    @property
    def on_time(self) -> int:
        return sum(1 for r in self.submitted if r.on_time)


def _agreed_counts(found: Round) -> dict[str, Counter[str]]:
    """Counts of agreed outcomes by standard number, over the round's submitted returns."""
    counts: dict[str, Counter[str]] = {}
    ratings = Rating.objects.filter(
        assessment__round=found, assessment__status=Return.Status.SUBMITTED
    ).select_related("standard", "level", "moderated_level")
    for rating in ratings:
        agreed = rating.agreed
        if agreed is not None:
            counts.setdefault(rating.standard.number, Counter())[agreed.outcome] += 1
    return counts


def summary(found: Round) -> Summary:
    now = _agreed_counts(found)
    previous = queries.previous_round(found)
    then = _agreed_counts(previous) if previous else {}
    rows = [
        StandardRow(s, now.get(s.number, Counter()), then.get(s.number) if previous else None)
        for s in found.framework.standards()
    ]
    asked = list(found.returns.select_related("organisation", "round"))
    return Summary(found, rows, asked, [r for r in asked if r.is_submitted], previous)


def _percent(share: float | None) -> Cell:
    return Cell("" if share is None else f"{round(100 * share)}%", numeric=True)


def _change(points: int | None) -> Cell:
    if points is None:
        return Cell("", numeric=True)
    return Cell(f"{points:+d} points" if points else "no change", numeric=True)


def summary_table(result: Summary) -> Table:
    header = ["Standard", "Met", "Partly met", "Not met", "Not applicable", "Share met"]
    notes = [
        f"{len(result.submitted)} of {len(result.asked)} organisations returned "
        f"({result.on_time} on time, by {result.round.due_on:%-d %B %Y}). Agreed ratings: the "
        "moderated rating where the reviewers agreed one, else the organisation's own. The share "
        "met leaves out not applicable."
    ]
    if result.previous:
        header.append(f"Change since {result.previous}")
    rows = []
    for row in result.rows:
        cells = [Cell(f"{row.standard.number} {row.standard.title}")]
        cells += [figure(row.counts[o]) for o in Outcome.values]
        cells.append(_percent(row.met_share))
        if result.previous:
            cells.append(_change(row.change))
        rows.append(cells)
    return Table(f"{result.round}: summary by standard", header, rows, row_header=0, notes=notes)


def not_returned_table(result: Summary) -> Table:
    rows = [[Cell(str(r.organisation)), Cell(r.get_status_display())] for r in result.not_returned]
    return Table(
        f"{result.round}: organisations that did not return",
        ["Organisation", "Return"],
        rows,
        empty="Every organisation asked has returned.",
    )


def level_cell(level: Level | None, href: str = "") -> Cell:
    """A rating in its colour with its word: colour is never the only signal."""
    if level is None:
        return Cell("Not rated", href=href)
    return Cell(level.label, colour=level.colour or None, href=href)


def heat_map(found: Round) -> Table:
    """Standards down, organisations across (those that returned), each cell the agreed rating."""
    submitted = list(
        found.returns.filter(status=Return.Status.SUBMITTED).select_related("organisation")
    )
    agreed: dict[tuple[int, int], Level | None] = {}
    for rating in Rating.objects.filter(assessment__in=submitted).select_related(
        "level", "moderated_level"
    ):
        agreed[(rating.standard_id, rating.assessment_id)] = rating.agreed
    rows = [
        [Cell(s.number)] + [level_cell(agreed.get((s.pk, r.pk))) for r in submitted]
        for s in found.framework.standards()
    ]
    return Table(
        f"{found}: agreed ratings by standard and organisation",
        ["Standard", *(str(r.organisation) for r in submitted)],
        rows,
        row_header=0,
        empty="No organisation has returned yet.",
        notes=["Each cell gives the rating in words as well as its colour."],
    )


def _queries(rating: Rating) -> str:
    return "\n".join(
        f"Q: {q.question}\nA: {q.answer or '(not answered yet)'}" for q in rating.queries.all()
    )


def organisation_table(assessment: Return) -> Table:
    """One organisation's return: each standard's self and agreed ratings, evidence, actions."""
    header = ["Standard", "Self rating", "Agreed rating", "Evidence", "Actions", "Queries"]
    rows = []
    for rating in queries.ratings_of(assessment):
        due = f" (by {rating.action_due:%-d %B %Y})" if rating.action_due else ""
        evidence = "\n".join(filter(None, [rating.evidence, *rating.links]))
        agreed = level_cell(rating.moderated_level) if rating.moderated_level else Cell("As self")
        if rating.moderated_level and rating.moderation_note:
            agreed.text += f": {rating.moderation_note}"
        rows.append(
            [
                Cell(f"{rating.standard.number} {rating.standard.title}"),
                level_cell(rating.level),
                agreed,
                Cell(evidence),
                Cell(rating.actions + due),
                Cell(_queries(rating)),
            ]
        )
    signed = (
        f"Submitted {assessment.submitted_on:%-d %B %Y}, signed off by "
        f"{assessment.signed_off_by} ({assessment.signed_off_role})."
        if assessment.is_submitted
        else f"{assessment.get_status_display()}: not submitted."
    )
    return Table(f"{assessment.organisation}: {assessment.round}", header, rows, notes=[signed])


def differences(assessment: Return) -> list[Rating]:
    """The standards where the agreed rating differs from the organisation's own."""
    return [
        r
        for r in queries.ratings_of(assessment)
        if r.moderated_level_id and r.moderated_level_id != r.level_id
    ]
