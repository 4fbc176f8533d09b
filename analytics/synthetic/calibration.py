"""The published figures a synthetic authority is calibrated to, one collection year at a time.

Reads the Department for Education's statistics in `reference/dfe/` (explore-education-
statistics CSVs and the Local Authority Interactive Tool's long table) into a `Profile`: the
volumes (referrals, section 47 enquiries, conferences, plans, children looked after) and rates
(re-referrals, second plans, placement stability, missing, distance) of one authority in one
year. A figure the Department suppressed ("c", "x", "-") or did not publish for that year falls
back to the authority's nearest published year, then to England's rate applied to the
authority's population of children, so every authority gets a complete profile; a count
the explore-education-statistics files suppress as "c" is one to five (`SUPPRESSED`), so its
fallback is held in that range (LAIT's "-" marks suppressed and missing alike, so says
less). The numbers looked after, starting and ceasing before 2021 are LAIT's
(`LAIT_EARLIER`), and before 2016, the first year published, are walked back from 2016's
flows (`_before_published`).
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENGLAND = "england"


def reference_dir() -> Path:
    """`ASSURE_REFERENCE_DIR`, else `shared/reference/dfe` beside the repository."""
    configured = os.environ.get("ASSURE_REFERENCE_DIR")
    if configured:
        return Path(configured)
    for candidate in (
        REPO.parent / "shared" / "reference" / "dfe",
        Path("/work/shared/reference/dfe"),
    ):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "The published figures are not there: set ASSURE_REFERENCE_DIR to reference/dfe"
    )


# measure -> (file, filter column, filter value, value column); counts unless named in RATES.
EES = {
    "population": (
        "ons_mid-year_population_estimates_2012_to_2024.csv",
        None,
        None,
        "population_estimate",
    ),
    "referrals": (
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        None,
        None,
        "referral_count",
    ),
    "rereferral_pct": (
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        None,
        None,
        "rereferral_percent",
    ),
    "nfa_pct": (
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        None,
        None,
        "no_further_action_percent",
    ),
    "not_in_need_pct": (
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        None,
        None,
        "not_in_need_percent",
    ),
    "cin_starts": ("b1_children_in_need_2013_to_2025.csv", None, None, "Started_episodes"),
    "cin_at31": ("b1_children_in_need_2013_to_2025.csv", None, None, "At31_episodes"),
    "cpp_starts": ("d3_cpps_subsequent_plan_2013_to_2025.csv", None, None, "CPP_start"),
    "cpp_second_pct": (
        "d3_cpps_subsequent_plan_2013_to_2025.csv",
        None,
        None,
        "CPP_subsequent_percent",
    ),
    "cpp_at31": ("d5_cpps_at31march_by_duration_2013_to_2025.csv", None, None, "CPP_At31"),
    "cpp_2years_pct": (
        "d5_cpps_at31march_by_duration_2013_to_2025.csv",
        None,
        None,
        "2_years_or_more_percent",
    ),
    "cla_at31": (
        "cla_number_and_rate_per_10k_children.csv",
        "population_type",
        "Children looked after on 31 March each year",
        "children_count",
    ),
    "cla_rate": (
        "cla_number_and_rate_per_10k_children.csv",
        "population_type",
        "Children looked after on 31 March each year",
        "rate_per_10000",
    ),
    "cla_starts": (
        "cla_number_and_rate_per_10k_children.csv",
        "population_type",
        "Children starting to be looked after each year",
        "children_count",
    ),
    "cla_ceased": (
        "cla_number_and_rate_per_10k_children.csv",
        "population_type",
        "Children ceasing to be looked after each year",
        "children_count",
    ),
    "three_placements_pct": (
        "la_cla_placement_stability.csv",
        "cla_group",
        "CLA on 31 March",
        "children_percent",
    ),
    "long_term_stable_pct": (
        "la_cla_placement_stability.csv",
        "cla_group",
        "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years",
        "children_percent",
    ),
    "social_workers_fte": ("csww_indicators_2017_to_2025.csv", None, None, "inpost_fte"),
    "turnover_pct": ("csww_indicators_2017_to_2025.csv", None, None, "turnover_rate_fte"),
    "agency_pct": ("csww_indicators_2017_to_2025.csv", None, None, "agency_rate_fte"),
    "vacancy_pct": ("csww_indicators_2017_to_2025.csv", None, None, "vacancy_rate_fte"),
    "caseload": ("csww_indicators_2017_to_2025.csv", None, None, "caseload_fte"),
}
# Stability rows come in pairs; only the row that is the measure itself is wanted.
STABILITY_ROWS = {
    "With 3 or more placements during the year",
    "Living with the same carer for at least 2 years",
}
LAIT = {
    "s47_rate": "Section_47",
    "icpc_rate": "ISCP_Conf",
    "icpc_10": "10_ICPC",
    "icpc_15": "15_ICPC",
    "icpc_20": "20_ICPC",
    "icpc_21": "21_ICPC",
    "adopted": "No_of LAC Adopted",
    "sgo": "LAC_ceased_SGO",
    "cao_pct": "LAC_ceased_CAO%",
    "returned_home_pct": "LAC_RetHome_CarePlan_%",
    "missing_pct": "Children_missing",
    "uasc_at31": "Unacc_Asylmn_Seek_Childn",
    "uasc_start_pct": "UASC_%_Starting",
    "distance_pct": "LACDistance",
    "cpp_reviewed": "CPP_Reviewed_InReqTimeScl",
}
# The looked-after counts of the years before the explore-education-statistics file begins
# (2021) are LAIT's (the same figures, from 2016).
LAIT_EARLIER = {"cla_at31": "LACnum", "cla_starts": "LACnum_Start", "cla_ceased": "LACceased"}
# Children looked after at 31 March by where they are placed, as a percentage of all of them
# (LAIT, from the Department's `la_cla_on_31_march_by_characteristics`, 2020 on). The rest,
# a few per cent, are placed for adoption or in residential schools, which LAIT leaves out.
PLACEMENTS = {
    "foster": "LAC_Foster_Placements",
    "homes": "LAC_SecHome_And_ChildHome",
    "independent": "LAC_Ind_SInd_Liv_Arr",
    "residential": "LAC_Other_Res_Settings",
    "other": "LAC_Other_Place_Inc_Unreg",
    "parents": "LAC_Parents_OR_Others",
}
# The codes of each placement group, as the Department groups the episode open at 31 March
# (a code in none of them is "other"). Placed for adoption and residential schools are not
# published by authority, so they are counted but never compared.
PLACEMENT_GROUPS = {
    "foster": ("U1", "U2", "U3", "U4", "U5", "U6"),
    "homes": ("K1", "K2"),
    "independent": ("H5", "P2", "K3"),
    "residential": ("R1", "R2", "R3", "R5"),
    "parents": ("P1",),
    "adoption": ("A3", "A4", "A5", "A6"),
    "schools": ("S1",),
}
# Figures that are rates or percentages: a fallback takes England's value as it is, where a
# count takes England's count scaled by the authority's share of England's children.
RATES = {name for name in (*EES, *LAIT) if name.endswith(("_pct", "_rate", "caseload"))}


# The Department suppresses a count of one to five as "c": none of the counts its files publish
# by authority is one to five (a test reads them all), so a suppressed count is known to lie
# here, though no nearer (the City of London's plans at 31 March 2025, where 2023's were 0).
SUPPRESSED = (1, 5)


def in_suppressed(count: float) -> bool:
    """Whether a count matches a figure the Department suppressed (`SUPPRESSED`)."""
    return SUPPRESSED[0] <= count <= SUPPRESSED[1]


TOLERANCE = 0.10  # a generated count is within 10% of the published figure (see `allowed`)


def tenths(generated: float, published: float) -> float:
    """How far a generated count is from the published figure, in tenths of it: within 10%
    is 1 or less (176 against 160 is exactly 1, where 176 / 160 - 1 is a little over 0.1 in
    floating point). None published is matched only by none generated."""
    if published <= 0:
        return 0.0 if generated == published else math.inf
    return abs(generated - published) / (TOLERANCE * published)


def allowed(published: float) -> float:
    """How far a generated count may be from the published figure: 10%, or for a figure
    under 400 twice its square root (chance alone moves a count that size more than 10%:
    Rutland's 38 plans started, or Torbay's 95 children starting care)."""
    return max(TOLERANCE * published, 2 * math.sqrt(max(published, 0.0)))


SHARE_TOLERANCE = 0.05  # a generated share is within 5 percentage points (see `allowed_share`)


def allowed_share(share: float, children: float) -> float:
    """How far a generated share of the children looked after (by placement, say) may be from
    the published share: 5 percentage points, or, among fewer than 400 children, twice the
    standard error chance alone gives a share of that many (a group of 10% among Rutland's
    40 children is four children: one more or fewer moves it 2.5 points)."""
    return max(SHARE_TOLERANCE, 2 * math.sqrt(share * (1 - share) / max(children, 1.0)))


@dataclass(frozen=True)
class Authority:
    code: str  # the Department's three-digit code, e.g. "880"
    gss: str  # the ONS code, e.g. "E06000027"
    name: str
    region: str


@dataclass
class Profile:
    """One authority's published figures for one collection year (the year ending 31 March)."""

    authority: Authority
    year: int
    figures: dict[str, float] = field(default_factory=dict)
    estimated: set[str] = field(default_factory=set)
    suppressed: set[str] = field(default_factory=set)  # counts published as "c": one to five

    def __getattr__(self, name: str) -> float:
        try:
            return self.__dict__["figures"][name]
        except KeyError as missing:
            raise AttributeError(name) from missing

    @property
    def icpc_bands(self) -> tuple[float, float, float, float]:
        """Shares of initial conferences held 0-10, 11-15, 16-20 and 21+ working days on."""
        counts = [self.figures[f"icpc_{band}"] for band in (10, 15, 20, 21)]
        total = sum(counts) or 1.0
        return tuple(count / total for count in counts)  # type: ignore[return-value]


def _number(text: str | None) -> float | None:
    try:
        value = float(str(text).strip())
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


@lru_cache(maxsize=1)
def _published() -> dict[tuple[str, int, str], float]:
    """Every figure as (authority code or "england", year, measure) -> value."""
    return _read()[0]


@lru_cache(maxsize=1)
def _suppressed() -> frozenset[tuple[str, int, str]]:
    """The counts (authority code, year, measure) the Department published as "c"."""
    return _read()[1]


@lru_cache(maxsize=1)
def _read() -> tuple[dict[tuple[str, int, str], float], frozenset[tuple[str, int, str]]]:
    values: dict[tuple[str, int, str], float] = {}
    suppressed = set()
    base = reference_dir() / "csc_outcomes_and_enablers"
    for measure, (file, column, wanted, value_column) in EES.items():
        with (base / file).open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if column and row[column] != wanted:
                    continue
                if (
                    "placement_stability" in row
                    and row["placement_stability"] not in STABILITY_ROWS
                ):
                    continue
                where = _where(row["geographic_level"], row.get("old_la_code", ""))
                key = (where or "", int(row["time_period"][:4]), measure)
                value = _number(row[value_column])
                if where and value is not None:
                    values[key] = value
                elif where and (row[value_column] or "").strip() == "c" and measure not in RATES:
                    suppressed.add(key)
    for key, value in _lait().items():
        values.setdefault(key, value)
    return values, frozenset(suppressed - values.keys())


def _where(level: str, code: str) -> str | None:
    if level == "National":
        return ENGLAND
    return code.strip() if level == "Local authority" and code.strip() else None


def _lait() -> dict[tuple[str, int, str], float]:
    import duckdb

    path = reference_dir() / "lait" / "bds_long_0.parquet"
    rows = duckdb.execute(
        'SELECT "Short Desc", "Years", "LA and Regions", "LA Number", "Values" '
        'FROM read_parquet(?) WHERE "Short Desc" IN (SELECT unnest(?)) '
        "AND regexp_full_match(\"Years\", '[0-9]{4}')",
        [str(path), [*LAIT.values(), *LAIT_EARLIER.values(), *PLACEMENTS.values()]],
    ).fetchall()
    names = {short: measure for measure, short in (*LAIT.items(), *LAIT_EARLIER.items())}
    names.update({short: f"placed_{group}" for group, short in PLACEMENTS.items()})
    values = {}
    for short, year, place, number, text in rows:
        where = ENGLAND if place == "England" else (str(int(number)) if number else None)
        value = _number(text)
        if where and value is not None:
            values[(where, int(year), names[short])] = value
    return values


@lru_cache(maxsize=1)
def authorities() -> dict[str, Authority]:
    """Every authority with a looked-after count in the latest published year, by code."""
    found: dict[str, Authority] = {}
    path = reference_dir() / "csc_outcomes_and_enablers" / EES["cla_at31"][0]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["geographic_level"] == "Local authority"]
    latest = max(int(r["time_period"]) for r in rows)
    for row in rows:
        if int(row["time_period"]) == latest and _number(row["children_count"]) is not None:
            code = row["old_la_code"].strip()
            found[code] = Authority(code, row["new_la_code"], row["la_name"], row["region_name"])
    return dict(sorted(found.items()))


def authority(code_or_name: str) -> Authority:
    """An authority by its three-digit code, ONS code or name (case-insensitive)."""
    wanted = code_or_name.strip().lower()
    for found in authorities().values():
        if wanted in (found.code, found.gss.lower(), found.name.lower()):
            return found
    raise KeyError(f"no local authority '{code_or_name}' in the published figures")


def latest_year() -> int:
    return max(year for (_, year, measure) in _published() if measure == "cla_at31")


def _lookup(where: str, year: int, measure: str) -> float | None:
    values = _published()
    for distance in range(0, 15):
        for candidate in (year - distance, year + distance):
            value = values.get((where, candidate, measure))
            if value is not None:
                return value
    return None


def profile(code: str, year: int) -> Profile:
    """The figures of authority `code` for collection year `year`, gaps filled (see module)."""
    found = authority(code)
    result = Profile(found, year)
    population = _lookup(found.code, year - 1, "population") or 0.0
    england_population = _lookup(ENGLAND, year - 1, "population") or 1.0
    for measure in (*EES, *LAIT):
        if measure == "population":
            continue
        exact = _published().get((found.code, year, measure))
        value = exact if exact is not None else _lookup(found.code, year, measure)
        if value is None:
            national = _lookup(ENGLAND, year, measure) or 0.0
            value = national if measure in RATES else national * population / england_population
        if exact is None:
            result.estimated.add(measure)
        if (found.code, year, measure) in _suppressed():
            result.suppressed.add(measure)
            value = min(max(value, SUPPRESSED[0]), SUPPRESSED[1])
        result.figures[measure] = value
    result.figures["population"] = population
    _before_published(result)
    _derive(result)
    return result


CARE_FLOWS = tuple(LAIT_EARLIER)  # looked after at 31 March, starting, ceasing


@cache
def _first_care_year(code: str) -> int | None:
    """The first year with the authority's children looked after, starting and ceasing."""
    values = _published()
    years = {y for (c, y, m) in values if c == code and m == "cla_at31"}
    return min((y for y in years if all((code, y, m) in values for m in CARE_FLOWS)), default=None)


def _before_published(result: Profile) -> None:
    """Before the first year the Department publishes an authority's children looked after
    (2016 for most), the nearest year's figures would hold an authority whose numbers were
    falling or rising fast at the level they reached: Wolverhampton looked after 654 at 31
    March 2016, with 254 ceasing and 132 starting in the year, so 776 a year before. The year
    before the first is walked back from its flows (the stock, less who started, plus who
    ceased), and before that as many start a year as ceased in the first year, as a stock held
    steady has (those ceasing in the first year came into care in the years before it). The
    authorities made since (Dorset and Bournemouth, Christchurch and Poole in 2019, North and
    West Northamptonshire in 2021, Cumberland and Westmorland and Furness in 2023) walk back
    from their own first year."""
    first = _first_care_year(result.authority.code)
    if first is None or result.year >= first:
        return
    values = _published()
    stock, starts, ceased = (values[(result.authority.code, first, m)] for m in CARE_FLOWS)
    result.figures["cla_starts"] = result.figures["cla_ceased"] = ceased
    result.figures["cla_at31"] = max(stock - starts + ceased, 0.0)
    result.suppressed -= set(CARE_FLOWS)  # walked back, not a suppressed figure's fallback


def placement_shares(code: str, year: int) -> dict[str, float]:
    """The published shares (0 to 1) of authority `code`'s children looked after at 31 March
    of `year` in each placement group (`PLACEMENTS`), only as published for that year: a
    group the Department suppressed, or a year it did not publish, is left out, not filled."""
    values = _published()
    shares = {group: values.get((code, year, f"placed_{group}")) for group in PLACEMENTS}
    return {group: share / 100 for group, share in shares.items() if share is not None}


def placement_targets(code: str, year: int) -> dict[str, float]:
    """The shares the generator aims at for authority `code`'s children looked after at 31
    March of `year`: those published for the year, or for the nearest year published (the
    Department publishes them by authority from 2020); a suppressed group is left out."""
    years = {y for (c, y, name) in _published() if c == code and name.startswith("placed_")}
    nearest = min(years, key=lambda y: (abs(y - year), -y), default=None)
    return placement_shares(code, nearest) if nearest is not None else {}


def _derive(result: Profile) -> None:
    """Counts the Department publishes only as rates per 10,000 children."""
    figures, per_10k = result.figures, result.figures["population"] / 10_000
    figures["s47"] = figures["s47_rate"] * per_10k
    figures["icpc"] = figures["icpc_rate"] * per_10k
