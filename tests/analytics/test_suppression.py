"""Small-number suppression, case by case, each table built by hand with the cells a reader
of the public report would see."""

from __future__ import annotations

from analytics.suppression import (
    crossed_groups,
    is_small,
    primary,
    show_count,
    show_derived,
    suppress,
)


def printed(counts: dict, groups: list | None = None) -> dict:
    hidden = suppress(counts, groups or [])
    return {key: show_count(count, key in hidden) for key, count in counts.items()}


def test_a_single_small_cell_is_shown_as_c():
    assert printed({"missing": 3}) == {"missing": "c"}


def test_zero_stays_zero_and_is_never_picked_to_hide_another_cell():
    counts = {"a": 0, "b": 4, "c": 0, "d": 12, "total": 16}
    shown = printed(counts, [["a", "b", "c", "d", "total"]])
    assert shown == {"a": "0", "b": "c", "c": "0", "d": "c", "total": "16"}


def test_five_is_suppressed_and_six_is_shown():
    assert [is_small(n) for n in (0, 1, 5, 6)] == [False, True, True, False]
    assert printed({"five": 5, "six": 6}) == {"five": "c", "six": "6"}


def test_a_total_would_reveal_a_lone_small_cell_so_the_next_smallest_goes_too():
    # High 4, medium 9, low 20: total 33. Showing 9, 20 and 33 would give away the 4.
    row = {"high": 4, "medium": 9, "low": 20, "total": 33}
    shown = printed(row, [["high", "medium", "low", "total"]])
    assert shown == {"high": "c", "medium": "c", "low": "20", "total": "33"}


def test_the_total_goes_only_when_no_other_cell_can():
    row = {"high": 2, "medium": 0, "total": 2}  # the total is itself small
    assert printed(row, [list(row)]) == {"high": "c", "medium": "0", "total": "c"}
    row = {"in_date": 3, "out_of_date": 0, "unknown": None, "total": 9}
    assert printed(row, [list(row)])["total"] == "c"


def test_two_groups_sharing_a_cell_are_both_protected():
    # Teams down the side, in date and out of date across, totals last both ways.
    rows, columns = ["North", "South", "Total"], ["In date", "Out of date", "Total"]
    table = [[2, 30, 32], [40, 50, 90], [42, 80, 122]]
    counts = {(r, c): table[i][j] for i, r in enumerate(rows) for j, c in enumerate(columns)}
    hidden = suppress(counts, crossed_groups(rows, columns))
    # The 2 is primary; North's row then hides 30; each column left with one c hides South.
    assert hidden == {
        ("North", "In date"),
        ("North", "Out of date"),
        ("South", "In date"),
        ("South", "Out of date"),
    }
    for group in crossed_groups(rows, columns):
        assert sum(key in hidden for key in group) != 1


def test_ties_go_to_the_earlier_cell():
    row = {"a": 1, "b": 7, "c": 7, "total": 15}
    assert printed(row, [list(row)]) == {"a": "c", "b": "c", "c": "7", "total": "15"}


def test_a_percentage_of_a_suppressed_count_is_suppressed():
    counts = {"in date": 3, "total": 40}
    hidden = suppress(counts)
    assert show_derived("8%", ["in date", "total"], hidden) == "c"
    counts = {"in date": 30, "total": 40}
    assert show_derived("75%", ["in date", "total"], suppress(counts)) == "75%"
    assert show_derived(None, ["in date"], set()) == "z"


def test_a_table_of_only_small_numbers_shows_nothing_but_c_and_zeros():
    rows, columns = ["North", "South", "Total"], ["High", "Medium", "Total"]
    table = [[1, 2, 3], [0, 2, 2], [1, 4, 5]]
    counts = {(r, c): table[i][j] for i, r in enumerate(rows) for j, c in enumerate(columns)}
    hidden = suppress(counts, crossed_groups(rows, columns))
    assert {key for key, count in counts.items() if count} == set(hidden)
    assert show_count(counts[("South", "High")], ("South", "High") in hidden) == "0"


def test_no_figure_is_x_and_primary_ignores_it():
    assert show_count(None) == "x"
    assert primary({"a": None, "b": 2}) == {"b"}


def test_a_figure_another_table_hides_is_hidden_and_protected_here_too():
    # The number of audits with one tool (19) is hidden in the table of audits by tool, and
    # is also the total of that tool's grades in a domain.
    row = {"exceeds": 2, "meets": 6, "does not meet": 11, "total": 19}
    hidden = suppress(row, [list(row)], also={"total"})
    assert hidden == {"exceeds", "total"}
    shown = {key: show_count(count, key in hidden) for key, count in row.items()}
    assert shown == {"exceeds": "c", "meets": "6", "does not meet": "11", "total": "c"}
