"""Small-number suppression for published tables, in the Department for Education's way.

A public report must not let a reader pick out a child. The Department's statistics (and
the reference files in ../shared/reference/dfe) mark what they hold back with the
Government Statistical Service symbols: ``c`` confidential, ``z`` not applicable, ``x`` not
available, ``low`` a figure that rounds to 0. This module decides which counts to show as
``c``. The rules:

1. **Primary**: a count of children (or of their cases) from 1 to 5 inclusive is shown as
   ``c``. Zero is shown as 0: it discloses nothing about a child.
2. **Secondary**: a *group* is a set of cells that add up, written with its total last (a
   row and its row total, a column and its column total). A group with exactly one ``c``
   would let a reader recover it by subtraction, so another cell of that group is also
   shown as ``c``: the smallest non-zero cell that is still shown, a part before the total
   (ties go to the earlier cell); the total only when no part can be. Groups that share a
   cell are checked again until no group has exactly one ``c``.
3. **Derived figures**: a percentage, rate or average is shown as ``c`` when any count it
   is worked out from (its numerator, its denominator, or a cell of the same group that
   would give it away) is ``c``. A percentage of nothing is ``z``.
4. A figure nobody has (None) is ``x``.
5. **Linked tables**: a figure that another table of the same report hides (say the number
   of audits with one tool, which is also the total of that tool's grades) is hidden here
   too, and rule 2 then protects it.

The secondary rule is the usual heuristic of the Department's publications; it protects a
row or column on its own, not every combination of several tables, so a table is published
whole or not at all. Free text written by people (progress narratives) is not scanned.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

SUPPRESSED = "c"
NOT_APPLICABLE = "z"
UNAVAILABLE = "x"
SMALLEST, LARGEST = 1, 5

K = TypeVar("K", bound=Hashable)


def is_small(count: int | None) -> bool:
    """Whether a count is small enough to identify a child: 1 to 5."""
    return count is not None and SMALLEST <= count <= LARGEST


def primary(counts: Mapping[K, int | None]) -> set[K]:
    return {key for key, count in counts.items() if is_small(count)}


def _complement(counts: Mapping[K, int | None], group: Sequence[K], hidden: set[K]) -> K | None:
    """The cell to hide with a lone hidden cell: the smallest non-zero one still shown, a part
    before the total; None when there is none."""
    parts, total = list(group[:-1]), group[-1]
    for candidates in (parts, [total]):
        shown = [
            (counts.get(key) or 0, position, key)
            for position, key in enumerate(candidates)
            if key not in hidden and (counts.get(key) or 0) > 0
        ]
        if shown:
            return min(shown, key=lambda item: (item[0], item[1]))[2]
    return None


def secondary(
    counts: Mapping[K, int | None], groups: Iterable[Sequence[K]], hidden: set[K]
) -> set[K]:
    """`hidden` grown until no group has exactly one hidden cell that could be recovered."""
    hidden = set(hidden)
    groups = [list(group) for group in groups if group]
    changed = True
    while changed:
        changed = False
        for group in groups:
            if sum(key in hidden for key in group) != 1:
                continue
            extra = _complement(counts, group, hidden)
            if extra is not None:
                hidden.add(extra)
                changed = True
    return hidden


def suppress(
    counts: Mapping[K, int | None], groups: Iterable[Sequence[K]] = (), also: Iterable[K] = ()
) -> frozenset[K]:
    """The keys of `counts` to show as ``c``: small counts, the cells in `also` (figures
    another table of the same report hides), then what would reveal any of them."""
    return frozenset(secondary(counts, groups, primary(counts) | set(also)))


def crossed_groups(
    rows: Sequence[Hashable], columns: Sequence[Hashable]
) -> list[list[tuple[Hashable, Hashable]]]:
    """The groups of a table keyed (row, column) whose last row and last column are totals:
    every row, then every column, each with its total last."""
    by_row = [[(row, column) for column in columns] for row in rows]
    by_column = [[(row, column) for row in rows] for column in columns]
    return by_row + by_column


def show_count(count: int | None, hidden: bool = False) -> str:
    """A count as printed: ``c`` when hidden, ``x`` when there is none, else 1,234."""
    if count is None:
        return UNAVAILABLE
    return SUPPRESSED if hidden else f"{count:,}"


def show_derived(text: str | None, sources: Iterable[K], hidden: Iterable[K]) -> str:
    """A percentage, rate or average worked out from the counts at `sources`: ``c`` when any
    of them is hidden, ``z`` when there is nothing to work it out from (None)."""
    if set(sources) & set(hidden):
        return SUPPRESSED
    return NOT_APPLICABLE if text is None else text
