"""Case sampling and assignment, deterministic for a seed so a sample can be drawn again.

Random: any open case. Stratified: each team in proportion to its open cases (largest
remainder). Theme: only cases with the theme, such as neglect. Cases go to auditors with
audits still owed that month, an auditor's own team first (003: "auditors will audit cases
from their own team / area of service"), then whoever owes most.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from assure.audits.models import Auditor, Case, Sample

Method = Sample.Method


def allocate(available: dict[int | None, int], size: int) -> dict[int | None, int]:
    """How many to draw from each stratum: proportional, by largest remainder, never more
    than a stratum holds."""
    total = sum(available.values())
    if total <= size:
        return dict(available)
    quotas = {k: size * n / total for k, n in available.items()}
    shares = {k: int(q) for k, q in quotas.items()}
    order = sorted(available, key=lambda k: (-(quotas[k] - shares[k]), str(k)))
    for key in order[: size - sum(shares.values())]:
        shares[key] += 1
    return shares


def draw(
    cases: Sequence[Case],
    size: int,
    method: str,
    seed: int,
    with_theme: set[int] | None = None,
) -> list[Case]:
    """The sample: `with_theme` holds the ids of the cases that have the sample's theme."""
    rng = random.Random(seed)  # noqa: S311 (a sample must be repeatable, not secret)
    pool = sorted(cases, key=lambda c: c.pseudonym)
    if method == Method.THEME:
        pool = [c for c in pool if c.pk in (with_theme or set())]
    if method != Method.STRATIFIED:
        return rng.sample(pool, min(size, len(pool)))
    by_team: dict[int | None, list[Case]] = defaultdict(list)
    for case in pool:
        by_team[case.team_id].append(case)
    shares = allocate({team: len(group) for team, group in by_team.items()}, size)
    chosen: list[Case] = []
    for team in sorted(by_team, key=str):
        chosen += rng.sample(by_team[team], shares[team])
    return chosen


@dataclass
class Slot:
    auditor: Auditor
    owed: int


def assign(cases: Sequence[Case], slots: list[Slot]) -> list[tuple[Case, Auditor | None]]:
    """Each case with the auditor who will audit it (None when no one owes another audit)."""
    pairs: list[tuple[Case, Auditor | None]] = []
    for case in cases:
        open_slots = [s for s in slots if s.owed > 0]
        own_team = [
            s for s in open_slots if s.auditor.team_id and s.auditor.team_id == case.team_id
        ]
        choice = sorted(own_team or open_slots, key=lambda s: (-s.owed, s.auditor.person.name))
        if choice:
            choice[0].owed -= 1
            pairs.append((case, choice[0].auditor))
        else:
            pairs.append((case, None))
    return pairs
