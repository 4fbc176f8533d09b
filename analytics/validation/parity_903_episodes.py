"""Planted breaches of the Department's SSDA903 rules on episodes (`looked_after`, and the
episodes' columns in `values`): codes and dates, their order, how care ends and starts again,
and the first episode against last year's open one.
"""

from __future__ import annotations

import datetime as dt

from analytics.validation.parity import (
    Files,
    Mutation,
    by_child,
    closed,
    day,
    first,
    pairs,
    setter,
    shift,
    text,
)
from analytics.validation.parity_903_rows import (
    BAD_DATE,
    OLD,
    YOUNG,
    _continuation,
    _episode,
    _first_episode,
    _leaving_age,
)


def _overlap(files: Files) -> None:
    earlier, later = first(
        pairs(files.this["episodes"], "DECOM"),
        lambda p: closed(p[0]) and day(p[0]["DEC"]) > day(p[0]["DECOM"]) + dt.timedelta(days=2),
    )
    later["DECOM"] = shift(earlier["DECOM"], 1)


def _still_open(files: Files) -> None:
    earlier, _ = first(pairs(files.this["episodes"], "DECOM"))
    earlier["DEC"] = earlier["REC"] = earlier["REASON_PLACE_CHANGE"] = ""


def _gap(files: Files) -> None:
    _, later = _continuation(
        files,
        lambda a, b: (
            b["RNE"] == "P"
            and a["DEC"] == b["DECOM"]
            and (not b["DEC"] or day(b["DEC"]) > day(b["DECOM"]) + dt.timedelta(days=3))
        ),
    )
    later["DECOM"] = shift(later["DECOM"], 2)


def _restart(files: Files) -> None:
    _, later = _continuation(files, lambda a, b: a["REC"] == "X1" and a["DEC"] == b["DECOM"])
    later["RNE"] = "S"


def _not_restarted(files: Files) -> None:
    earlier, _ = _continuation(files, lambda a, b: a["REC"] == "X1" and b["RNE"] != "S")
    earlier["REC"] = "E4A"


def _then_died(files: Files) -> None:
    earlier, _ = _continuation(files, lambda a, b: a["REC"] == "X1")
    earlier["REC"] = "E2"


def _x1_at_end(files: Files) -> None:
    runs = by_child(files.this["episodes"], "DECOM")
    last = first([r[-1] for r in runs.values()], lambda r: r["REC"] not in ("", "X1"))
    last["REC"] = "X1"


def _started_at(years: int):
    def plant(files: Files) -> None:
        row = first(files.this["episodes"], lambda r: r["RNE"] == "S")
        header = first(files.this["header"], lambda r: r["CHILD"] == row["CHILD"])
        header["DOB"] = text(day(row["DECOM"]) - dt.timedelta(days=int(365.25 * years) + 30))

    return plant


def _same_day(files: Files) -> None:
    row = first(files.this["episodes"], closed)
    row["DEC"] = row["DECOM"]


def _born_after(files: Files) -> None:
    row = first(files.this["episodes"], lambda r: day(r["DECOM"]) > day("01/05/2024"))
    first(files.this["header"], lambda r: r["CHILD"] == row["CHILD"])["DOB"] = shift(
        row["DECOM"], 10
    )


# codes and dates, order, how care ends and starts again, the first episode
EPISODES: list[Mutation] = [
    Mutation("141", "903", "DECOM not a date", setter("episodes", "DECOM", BAD_DATE)),
    Mutation("143", "903", "RNE Z", setter("episodes", "RNE", "Z")),
    Mutation("144", "903", "LS Z9", setter("episodes", "LS", "Z9")),
    Mutation("145", "903", "CIN N9", setter("episodes", "CIN", "N9")),
    Mutation("146", "903", "PLACE Z9", setter("episodes", "PLACE", "Z9")),
    Mutation("147", "903", "DEC not a date", setter("episodes", "DEC", BAD_DATE, closed)),
    Mutation("149", "903", "REC X9", setter("episodes", "REC", "X9", closed)),
    Mutation("178", "903", "PLACE_PROVIDER PR9", setter("episodes", "PLACE_PROVIDER", "PR9")),
    Mutation(
        "1009",
        "903",
        "REASON_PLACE_CHANGE ZZZZ",
        setter("episodes", "REASON_PLACE_CHANGE", "ZZZZ", lambda r: bool(r["REASON_PLACE_CHANGE"])),
    ),
    Mutation(
        "392c",
        "903",
        "PL_POST not a postcode",
        setter("episodes", "PL_POST", "NOT A POSTCODE", lambda r: bool(r["PL_POST"])),
    ),
    Mutation("148", "903", "DEC without REC", setter("episodes", "REC", "", closed)),
    Mutation(
        "356", "903", "DEC before DECOM", _episode(closed, DEC="01/04/2024", DECOM="05/04/2024")
    ),
    Mutation("355", "903", "DEC the same day as DECOM", _same_day),
    Mutation("385", "903", "DEC after the year", setter("episodes", "DEC", "15/04/2025", closed)),
    Mutation("501", "903", "an episode starting before the previous one ended", _overlap),
    Mutation("142", "903", "a new episode while the previous one is open", _still_open),
    Mutation("302", "903", "an episode before the child's birth", _born_after),
    Mutation("433", "903", "a continuation (RNE P) two days after the last episode", _gap),
    Mutation("431", "903", "RNE S on the day the last episode ended X1", _restart),
    Mutation("432", "903", "care ended (E4A) but the next episode is not RNE S", _not_restarted),
    Mutation("388", "903", "the last episode ending X1", _x1_at_end),
    Mutation("437", "903", "an episode ending E2 (died) followed by another", _then_died),
    Mutation("386", "903", "adopted (E11) aged 18", _leaving_age("E11", OLD(18))),
    Mutation("387", "903", "independent living (E5) under 14", _leaving_age("E5", YOUNG(14))),
    Mutation("389", "903", "adult services (E7) under 16", _leaving_age("E7", YOUNG(16))),
    Mutation("352", "903", "care starting aged 18", _started_at(18)),
    Mutation(
        "380",
        "903",
        "care starting in a temporary placement",
        _episode(lambda r: r["RNE"] == "S", PLACE="T1"),
    ),
    Mutation(
        "381",
        "903",
        "care ending in a temporary placement",
        _episode(lambda r: r["REC"] not in ("", "X1"), PLACE="T1"),
    ),
    Mutation(
        "226",
        "903",
        "a reason for change of placement on a temporary placement",
        _episode(lambda r: bool(r["REASON_PLACE_CHANGE"]), PLACE="T1"),
    ),
    Mutation(
        "550",
        "903",
        "provider PR0 for a placement other than P1",
        _episode(lambda r: r["PLACE"] != "P1", PLACE_PROVIDER="PR0"),
    ),
    Mutation(
        "527",
        "903",
        "provider PR1 for placement R2",
        _episode(lambda r: True, PLACE="R2", PLACE_PROVIDER="PR1"),
    ),
    Mutation(
        "529",
        "903",
        "provider PR3 for placement U1",
        _episode(lambda r: True, PLACE="U1", PLACE_PROVIDER="PR3"),
    ),
    Mutation(
        "502",
        "903",
        "first episode's DECOM other than last year's open one",
        _first_episode("DECOM", "01/04/2023"),
    ),
    Mutation(
        "503B",
        "903",
        "first episode's LS other than last year's open one",
        _first_episode("LS", "E1"),
    ),
    Mutation(
        "503C",
        "903",
        "first episode's CIN other than last year's open one",
        _first_episode("CIN", "N8"),
    ),
]

# the first episode against last year's open one, and providers
FIRST_AND_PROVIDERS: list[Mutation] = [
    Mutation(
        "503A",
        "903",
        "first episode's RNE other than last year's open one",
        _first_episode("RNE", "B"),
    ),
    Mutation(
        "503E",
        "903",
        "first episode's provider other than last year's open one",
        _first_episode("PLACE_PROVIDER", "PR5"),
    ),
    Mutation(
        "528",
        "903",
        "provider PR2 for placement R5",
        _episode(lambda r: True, PLACE="R5", PLACE_PROVIDER="PR2"),
    ),
    Mutation(
        "530",
        "903",
        "provider PR4 for placement P1",
        _episode(lambda r: True, PLACE="P1", PLACE_PROVIDER="PR4"),
    ),
    Mutation(
        "531",
        "903",
        "provider PR5 for placement P1",
        _episode(lambda r: True, PLACE="P1", PLACE_PROVIDER="PR5"),
    ),
]
