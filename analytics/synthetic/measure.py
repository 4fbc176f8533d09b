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

`calibration_rows` generates authorities and sets each count beside the published figure of
the authority and year (`calibration.profile`; a figure the Department suppressed is the
fallback that profile names in `estimated`), for `benchmarks/calibration.py` and the tests.
A count is `within` 10% of the figure, or `near` it: within 10% or, under 400, within what
chance alone gives a count that size (`calibration.allowed`).
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from analytics.synthetic import cin_census, ssda903, world
from analytics.synthetic.calibration import TOLERANCE, allowed, profile

STOCKS = ("cla_at31", "cpp_at31", "cin_at31")
FLOWS = ("referrals", "cla_starts", "cla_ceased", "cpp_starts")
MEASURES = STOCKS + FLOWS
SHORT_BREAKS = {"V3", "V4"}


def _date(text: str | None, form: str) -> dt.date | None:
    return dt.datetime.strptime(text.strip(), form).date() if text and text.strip() else None


def ssda903_counts(folder: Path, year: int) -> dict[str, int]:
    """Looked after at 31 March, starts and ceases in the year, from `episodes.csv`."""
    start, end = dt.date(year - 1, 4, 1), dt.date(year, 3, 31)
    at31: set[str] = set()
    starts: set[str] = set()
    ceased: set[str] = set()
    with (folder / "episodes.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["LS"] in SHORT_BREAKS:
                continue
            began = _date(row["DECOM"], "%d/%m/%Y")
            left = _date(row["DEC"], "%d/%m/%Y")
            if began and began <= end and left is None:
                at31.add(row["CHILD"])
            if row["RNE"] == "S" and began and start <= began <= end:
                starts.add(row["CHILD"])
            if left and start <= left <= end and row["REC"] != "X1":
                ceased.add(row["CHILD"])
    return {"cla_at31": len(at31), "cla_starts": len(starts), "cla_ceased": len(ceased)}


def cin_counts(path: Path, year: int) -> dict[str, int]:
    """Children in need and plans at 31 March, referrals and plans started, from the census."""
    start, end = dt.date(year - 1, 4, 1), dt.date(year, 3, 31)
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

    @property
    def ratio(self) -> float:
        return self.generated / self.published if self.published else float("inf")

    @property
    def within(self) -> bool:
        """Within 10% of the published figure."""
        return abs(self.ratio - 1) <= TOLERANCE

    @property
    def near(self) -> bool:
        """Within what `calibration.allowed` allows (10%, or chance for a small count)."""
        return abs(self.generated - self.published) <= allowed(self.published)


def authority_rows(la: str, years: int, seed: int, end_year: int) -> Iterator[Row]:
    """Simulate one authority, write its SSDA903 and CIN census files and count them."""
    w = world.simulate(la, end_year, years, seed)
    with tempfile.TemporaryDirectory() as out:
        for year in w.years:
            folder = Path(out) / str(year)
            ssda903.write(w, year, folder / "ssda903")
            cin_census.write(w, year, folder / "cin_census.xml")
            got = {
                **ssda903_counts(folder / "ssda903", year),
                **cin_counts(folder / "cin_census.xml", year),
            }
            published = profile(w.authority.code, year)
            for measure in MEASURES:
                yield Row(
                    w.authority.code,
                    w.authority.name,
                    year,
                    measure,
                    got[measure],
                    published.figures[measure],
                    measure in published.estimated,
                )


def _one(args: tuple[str, int, int, int]) -> list[Row]:
    return list(authority_rows(*args))


def calibration_rows(
    codes: Iterable[str],
    years: int,
    seed: int,
    end_year: int,
    workers: int = 1,
    each: Callable[[list[Row]], None] = lambda rows: None,
) -> list[Row]:
    """`authority_rows` of every authority in `codes`, in `workers` processes; `each` is
    called with each authority's rows as they come (in the order of `codes`)."""
    jobs = [(code, years, seed, end_year) for code in codes]
    out: list[Row] = []
    if workers <= 1 or len(jobs) == 1:
        results: Iterable[list[Row]] = map(_one, jobs)
        for rows in results:
            each(rows)
            out.extend(rows)
        return out
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        for rows in pool.map(_one, jobs):
            each(rows)
            out.extend(rows)
    return out


def summary(rows: list[Row], worst: int = 5) -> str:
    """Per measure: generated and published totals, the ratio, how many authority-years are
    within 10% and how many within what chance allows a small count (`calibration.allowed`),
    and the worst authority-years (furthest from 1)."""
    lines = [
        f"{'measure':<11} {'generated':>10} {'published':>10} {'ratio':>6} "
        f"{'within 10%':>11} {'or chance':>10}  worst (code year ratio)"
    ]
    for measure in MEASURES:
        mine = [r for r in rows if r.measure == measure]
        if not mine:
            continue
        generated = sum(r.generated for r in mine)
        published = sum(r.published for r in mine)
        far = sorted(mine, key=lambda r: -abs(r.ratio - 1))[:worst]
        lines.append(
            f"{measure:<11} {generated:>10,} {published:>10,.0f} {generated / published:>6.3f} "
            f"{sum(r.within for r in mine):>5}/{len(mine):<5} "
            f"{sum(r.near for r in mine):>4}/{len(mine):<5}  "
            + ", ".join(f"{r.code} {r.year} {r.ratio:.2f}{'*' if r.estimated else ''}" for r in far)
        )
    lines.append("* the published figure was suppressed: compared with calibration's fallback")
    return "\n".join(lines)
