"""What a reader of the generated returns would count, set beside the published figures.

The counts are taken from the files `assure generate` writes, not from the simulation, the
way the Department counts its returns:

- looked after at 31 March: children with an SSDA903 episode open at 31 March (no DEC);
- starts of care: children with an episode starting a new period of care (RNE "S") in the
  year; ceases: children with an episode ending care (DEC in the year, REC other than X1);
  short breaks (legal status V3/V4) are left out of all three, as the Department leaves them;
- children in need at 31 March: CIN episodes of the census with no closure date;
- referrals: CIN episodes whose referral date falls in the year;
- plans at 31 March: child protection plans with no end date; plans started: plans whose
  start date falls in the year.

The children looked after at 31 March are also counted by the placement, legal status and
age group (age at 31 March) of the episode open that day (`SHAPES`), in the Department's
groups. Only the placement shape is published by authority (`calibration.placement_shares`);
the others are counted for the reader to judge.

`calibration_rows` generates authorities and sets each count beside the published figure of
the authority and year (`calibration.profile`; a figure the Department suppressed is the
fallback that profile names in `estimated`), for `benchmarks/calibration.py` and the tests.
A count is `within` 10% of the figure, or `near` it: within 10% or, under 400, within what
chance alone gives a count that size (`calibration.allowed`); a shape is `within` reason when
each published group's share is within what `calibration.allowed_share` allows.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from lxml import etree

from analytics import periods
from analytics.formats.ssda903_schema import SHORT_BREAKS
from analytics.synthetic import cin_census, ssda903, world
from analytics.synthetic.calibration import (
    PLACEMENT_GROUPS,
    allowed,
    allowed_share,
    in_suppressed,
    placement_shares,
    profile,
    tenths,
)
from analytics.synthetic.frame import age_on

STOCKS = ("cla_at31", "cpp_at31", "cin_at31")
FLOWS = ("referrals", "cla_starts", "cla_ceased", "cpp_starts")
MEASURES = STOCKS + FLOWS
# The Department's groups of the codes of the episode open at 31 March; a code in none of a
# kind's groups is "other" (placement groups: `calibration.PLACEMENT_GROUPS`).
LEGAL_GROUPS = {
    "care order": ("C1", "C2"),
    "placement order": ("E1", "D1"),
    "section 20": ("V2",),
}
AGE_GROUPS = {"under 1": 1, "1-4": 5, "5-9": 10, "10-15": 16, "16+": 99}  # upper bounds
SHAPES = ("placement", "legal status", "age")


def _date(text: str | None, form: str) -> dt.date | None:
    return dt.datetime.strptime(text.strip(), form).date() if text and text.strip() else None


def _care_episodes(folder: Path) -> Iterator[tuple[dict, dt.date | None, dt.date | None]]:
    """Each episode of `episodes.csv` other than a short break, with its start and end."""
    with (folder / "episodes.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["LS"] not in SHORT_BREAKS:
                yield row, _date(row["DECOM"], "%d/%m/%Y"), _date(row["DEC"], "%d/%m/%Y")


def _open_at31(folder: Path, year: int) -> dict[str, dict]:
    """The episode of each child looked after at 31 March (begun by then, not ended)."""
    end = periods.collection_year(year)[1]
    return {
        row["CHILD"]: row
        for row, began, left in _care_episodes(folder)
        if began and began <= end and left is None
    }


def ssda903_counts(folder: Path, year: int) -> dict[str, int]:
    """Looked after at 31 March, starts and ceases in the year, from `episodes.csv`."""
    start, end = periods.collection_year(year)
    starts: set[str] = set()
    ceased: set[str] = set()
    for row, began, left in _care_episodes(folder):
        if row["RNE"] == "S" and began and start <= began <= end:
            starts.add(row["CHILD"])
        if left and start <= left <= end and row["REC"] != "X1":
            ceased.add(row["CHILD"])
    at31 = len(_open_at31(folder, year))
    return {"cla_at31": at31, "cla_starts": len(starts), "cla_ceased": len(ceased)}


def _group(code: str, groups: dict[str, tuple[str, ...]]) -> str:
    return next((name for name, codes in groups.items() if code in codes), "other")


def _age_group(dob: dt.date, on: dt.date) -> str:
    age = int(age_on(np.array([dob], dtype="datetime64[D]"), np.datetime64(on, "D"))[0])
    return next(name for name, below in AGE_GROUPS.items() if age < below)


def ssda903_shapes(folder: Path, year: int) -> dict[str, Counter[str]]:
    """Children looked after at 31 March by placement, legal status and age group, from the
    episode open that day and the child's date of birth in `header.csv`."""
    on = periods.collection_year(year)[1]
    with (folder / "header.csv").open(encoding="utf-8", newline="") as handle:
        born = {row["CHILD"]: _date(row["DOB"], "%d/%m/%Y") for row in csv.DictReader(handle)}
    shapes: dict[str, Counter[str]] = {kind: Counter() for kind in SHAPES}
    for child, row in _open_at31(folder, year).items():
        shapes["placement"][_group(row["PLACE"], PLACEMENT_GROUPS)] += 1
        shapes["legal status"][_group(row["LS"], LEGAL_GROUPS)] += 1
        dob = born.get(child)
        shapes["age"][_age_group(dob, on) if dob else "unknown"] += 1
    return shapes


def cin_counts(path: Path, year: int) -> dict[str, int]:
    """Children in need and plans at 31 March, referrals and plans started, from the census."""
    start, end = periods.collection_year(year)
    counts = dict.fromkeys(("cin_at31", "referrals", "cpp_at31", "cpp_starts"), 0)
    for _, episode in etree.iterparse(str(path), tag="CINdetails"):
        referral = _date(episode.findtext("CINreferralDate"), "%Y-%m-%d")
        closed = _date(episode.findtext("CINclosureDate"), "%Y-%m-%d")
        if referral and referral <= end and closed is None:
            counts["cin_at31"] += 1
        if referral and start <= referral <= end:
            counts["referrals"] += 1
        for plan in episode.iterfind("ChildProtectionPlans"):
            began = _date(plan.findtext("CPPstartDate"), "%Y-%m-%d")
            ended = _date(plan.findtext("CPPendDate"), "%Y-%m-%d")
            if began and began <= end and ended is None:
                counts["cpp_at31"] += 1
            if began and start <= began <= end:
                counts["cpp_starts"] += 1
        episode.clear()
    return counts


def ratio(generated: float, published: float) -> float:
    """Generated over published; none generated where none was published is exact."""
    if not published:
        return float("inf") if generated else 1.0
    return generated / published


@dataclass(frozen=True)
class Row:
    """One measure of one authority in one year: generated against published."""

    code: str
    name: str
    year: int
    measure: str
    generated: int
    published: float
    estimated: bool  # the published figure was suppressed: this is calibration's fallback
    suppressed: bool = False  # published as "c", one to five (`calibration.SUPPRESSED`)

    @property
    def ratio(self) -> float:
        return ratio(self.generated, self.published)

    @property
    def within(self) -> bool:
        """Within 10% of the published figure; of one suppressed, one to five."""
        if self.suppressed:
            return in_suppressed(self.generated)
        return tenths(self.generated, self.published) <= 1

    @property
    def near(self) -> bool:
        """Within what `calibration.allowed` allows (10%, or chance for a small count)."""
        if self.suppressed:
            return in_suppressed(self.generated)
        return abs(self.generated - self.published) <= allowed(self.published)


@dataclass(frozen=True)
class Shape:
    """One authority's children looked after at 31 March of one year by the groups of one
    kind (`SHAPES`): the generated counts beside the published shares, where published."""

    code: str
    name: str
    year: int
    kind: str
    counts: dict[str, int]
    published: dict[str, float] = field(default_factory=dict)  # group -> share, 0 to 1
    children: float = 0.0  # the published number looked after: how far chance moves a share

    def share(self, group: str) -> float:
        return self.counts.get(group, 0) / max(sum(self.counts.values()), 1)

    def miss(self, group: str) -> float:
        """How far the generated share of `group` is from the published one, as a multiple
        of what `calibration.allowed_share` allows (above 1 is outside)."""
        wanted = self.published[group]
        return abs(self.share(group) - wanted) / allowed_share(wanted, self.children)

    @property
    def worst(self) -> str | None:
        """The published group furthest from its published share, or None if none is."""
        return max(self.published, key=self.miss, default=None)

    @property
    def within(self) -> bool:
        """Every published group's share is within what `calibration.allowed_share` allows."""
        return all(self.miss(group) <= 1 for group in self.published)

    def describe(self, group: str) -> str:
        return f"{group} {self.share(group):.0%}/{self.published[group]:.0%}"


@dataclass
class Measured:
    """The rows and shapes of one or more authorities."""

    rows: list[Row] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)

    def extend(self, other: Measured) -> None:
        self.rows.extend(other.rows)
        self.shapes.extend(other.shapes)


def authority_rows(la: str, years: int, seed: int, end_year: int) -> Measured:
    """Simulate one authority, write its SSDA903 and CIN census files and count them."""
    w = world.simulate(la, end_year, years, seed)
    out = Measured()
    with tempfile.TemporaryDirectory() as temporary:
        for year in w.years:
            folder = Path(temporary) / str(year)
            ssda903.write(w, year, folder / "ssda903")
            cin_census.write(w, year, folder / "cin_census.xml")
            got = {
                **ssda903_counts(folder / "ssda903", year),
                **cin_counts(folder / "cin_census.xml", year),
            }
            code, name = w.authority.code, w.authority.name
            published = profile(code, year)
            for measure in MEASURES:
                figure, estimated = published.figures[measure], measure in published.estimated
                out.rows.append(
                    Row(
                        *(code, name, year, measure, got[measure], figure, estimated),
                        suppressed=measure in published.suppressed,
                    )
                )
            for kind, counts in ssda903_shapes(folder / "ssda903", year).items():
                shares = placement_shares(code, year) if kind == "placement" else {}
                out.shapes.append(
                    Shape(code, name, year, kind, dict(counts), shares, published.cla_at31)
                )
    return out


def _one(args: tuple[str, int, int, int]) -> Measured:
    return authority_rows(*args)


def calibration_rows(
    codes: Iterable[str],
    first: int,
    last: int,
    seed: int,
    workers: int = 1,
    each: Callable[[Measured], None] = lambda measured: None,
    separately: bool = False,
) -> Measured:
    """`authority_rows` of every authority in `codes` for the collection years `first` to
    `last`: one simulation over those years (as `assure generate --years` makes), or with
    `separately` one simulation of each year alone; in `workers` processes. `each` is called
    with each simulation's rows as they come (in the order of `codes`)."""
    if separately:
        jobs = [(code, 1, seed, year) for code in codes for year in range(first, last + 1)]
    else:
        jobs = [(code, last - first + 1, seed, last) for code in codes]
    out = Measured()
    if workers <= 1 or len(jobs) == 1:
        for measured in map(_one, jobs):
            each(measured)
            out.extend(measured)
        return out
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        for measured in pool.map(_one, jobs):
            each(measured)
            out.extend(measured)
    return out


def _worst_rows(rows: list[Row], worst: int) -> str:
    far = sorted(rows, key=_distance)[:worst]
    return ", ".join(f"{r.code} {r.year} {r.ratio:.2f}{'*' if r.estimated else ''}" for r in far)


def _worst_shapes(shapes: list[Shape], worst: int) -> str:
    far = sorted(shapes, key=lambda s: -s.miss(s.worst) if s.worst else 0)[:worst]
    return ", ".join(f"{s.code} {s.year} {s.describe(s.worst)}" for s in far if s.worst)


def _measure_lines(rows: list[Row], shapes: list[Shape], worst: int) -> list[str]:
    lines = [
        f"{'measure':<11} {'generated':>10} {'published':>10} {'ratio':>6} "
        f"{'within 10%':>11} {'or chance':>10}  worst (code year ratio)"
    ]
    for measure in MEASURES:
        mine = [r for r in rows if r.measure == measure]
        if mine:
            generated, published = sum(r.generated for r in mine), sum(r.published for r in mine)
            lines.append(
                f"{measure:<11} {generated:>10,} {published:>10,.0f} "
                f"{ratio(generated, published):>6.3f} "
                f"{sum(r.within for r in mine):>5}/{len(mine):<5} "
                f"{sum(r.near for r in mine):>4}/{len(mine):<5}  {_worst_rows(mine, worst)}"
            )
    placed = [s for s in shapes if s.kind == "placement" and s.published]
    if placed:
        lines.append(
            f"{'placement':<11} {'':>40} {sum(s.within for s in placed):>4}/{len(placed):<5}  "
            f"{_worst_shapes(placed, worst)} (share generated/published)"
        )
    return lines


def _by_year(rows: list[Row], shapes: list[Shape], worst: int) -> list[str]:
    """Per year: how many authorities are within 10% (and within chance) per measure, and
    how many placement shapes within reason; then each year's worst outside 10%."""
    years = sorted({r.year for r in rows})
    lines = ["\nauthorities within 10% (within 10% or chance) / measured, by year"]
    lines.append("year " + "".join(f"{m:>14}" for m in (*MEASURES, "placement")))
    for year in years:
        cells = []
        for measure in MEASURES:
            mine = [r for r in rows if r.year == year and r.measure == measure]
            near = f"({sum(r.near for r in mine)})"
            cells.append(f"{sum(r.within for r in mine)} {near}/{len(mine)}" if mine else "-")
        placed = [s for s in shapes if s.year == year and s.kind == "placement" and s.published]
        cells.append(f"{sum(s.within for s in placed)}/{len(placed)}" if placed else "-")
        lines.append(f"{year} " + "".join(f"{c:>14}" for c in cells))
    for year in years:
        far = sorted((r for r in rows if r.year == year and not r.within), key=_distance)
        placed = [s for s in shapes if s.year == year and s.kind == "placement" and s.published]
        named = [f"{r.code} {r.measure} {r.ratio:.2f}{'*' if r.estimated else ''}" for r in far]
        lines.append(
            f"{year} worst: {', '.join(named[:worst]) or 'none outside 10%'}"
            + (f"; placement {_worst_shapes(placed, 1)}" if placed else "")
        )
    return lines


def _distance(row: Row) -> float:
    """Nearest first: how far a row's ratio is from 1, but a figure published as "c" matched
    by one to five is exact (its ratio is to the fallback)."""
    return 0.0 if row.suppressed and row.within else -abs(row.ratio - 1)


def _generated_shapes(shapes: list[Shape]) -> list[str]:
    """The generated shares by legal status and age, all authorities of a year together."""
    groups = {"legal status": [*LEGAL_GROUPS, "other"], "age": list(AGE_GROUPS)}
    lines = ["\ngenerated shares looked after at 31 March (not published by authority)"]
    lines.append("year  " + " ".join(f"{g:>8.8}" for kind in groups for g in groups[kind]))
    for year in sorted({s.year for s in shapes}):
        cells = []
        for kind, names in groups.items():
            total: Counter[str] = Counter()
            for s in shapes:
                if s.year == year and s.kind == kind:
                    total.update(s.counts)
            cells += [f"{total[g] / max(total.total(), 1):>8.0%}" for g in names]
        lines.append(f"{year}  " + " ".join(cells))
    return lines


def summary(measured: Measured, worst: int = 5) -> str:
    """Per measure: generated and published totals, the ratio, how many authority-years are
    within 10% and how many within what chance allows a small count (`calibration.allowed`),
    and the worst authority-years (furthest from 1); how many placement shapes are within
    reason and the worst; over several years, the same counts year by year; and the
    generated shares by legal status and age."""
    rows, shapes = measured.rows, measured.shapes
    lines = _measure_lines(rows, shapes, worst)
    if len({r.year for r in rows}) > 1:
        lines += _by_year(rows, shapes, worst)
    if shapes:
        lines += _generated_shapes(shapes)
    lines.append(
        "* the published figure was suppressed: compared with calibration's fallback, or with"
        ' one to five where it was published as "c"'
    )
    return "\n".join(lines)
