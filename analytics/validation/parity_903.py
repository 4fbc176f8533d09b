"""Planted breaches of the Department's SSDA903 rules (csc-validator-be-903), one per rule.

Each is a small change to this year's tables (or last year's) that breaks exactly one rule;
see `parity` for what a mutation is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from analytics.validation.parity import (
    Files,
    Mutation,
    Row,
    age,
    by_child,
    closed,
    day,
    first,
    pairs,
    setter,
    shift,
    text,
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


def _continuation(files: Files, fits: Callable[[Row, Row], bool]) -> tuple[Row, Row]:
    found = [p for p in pairs(files.this["episodes"], "DECOM") if fits(*p)]
    if not found:
        raise LookupError("no pair of episodes fits this mutation")
    return found[0]


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


def _leaving_age(code: str, fits: Callable[[float], bool]):
    def plant(files: Files) -> None:
        row = first(
            files.this["episodes"],
            lambda r: r["REC"] not in ("", "X1") and fits(age(files, r["CHILD"], r["DEC"])),
        )
        row["REC"] = code

    return plant


def _started_at(years: int):
    def plant(files: Files) -> None:
        row = first(files.this["episodes"], lambda r: r["RNE"] == "S")
        header = first(files.this["header"], lambda r: r["CHILD"] == row["CHILD"])
        header["DOB"] = text(day(row["DECOM"]) - dt.timedelta(days=int(365.25 * years) + 30))

    return plant


def _episode(where: Callable[[Row], bool], **values: str):
    def plant(files: Files) -> None:
        first(files.this["episodes"], where).update(values)

    return plant


def _first_episode(column: str, value: str):
    def plant(files: Files) -> None:
        last_open = {r["CHILD"] for r in files.last["episodes"] if not r["DEC"]}
        runs = by_child(files.this["episodes"], "DECOM")
        row = first([r[0] for c, r in runs.items() if c in last_open], lambda r: r[column] != value)
        row[column] = value

    return plant


def _mother(sex: str, mother: str, child_born: str):
    def plant(files: Files) -> None:
        row = first(
            files.this["header"],
            lambda r: r["SEX"] == sex and age(files, r["CHILD"], "31/03/2025") > 15,
        )
        row["MOTHER"], row["MC_DOB"] = mother, child_born or ""
        if child_born == "before":
            row["MC_DOB"] = shift(row["DOB"], -400)

    return plant


def _changed(column: str, value: Callable[[str], str]):
    def plant(files: Files) -> None:
        last = {r["CHILD"] for r in files.last["header"]}
        row = first(files.this["header"], lambda r: r["CHILD"] in last)
        row[column] = value(row[column])

    return plant


def _duplicate(table: str):
    def plant(files: Files) -> None:
        files.this[table].append(dict(files.this[table][0]))

    return plant


def _stranger(table: str):
    """A row of `table` for a child the header does not know."""

    def plant(files: Files) -> None:
        files.this[table].append({**files.this[table][0], "CHILD": "9999999999"})

    return plant


def _unheaded(files: Files) -> None:
    child = files.this["episodes"][0]["CHILD"]
    files.this["header"] = [r for r in files.this["header"] if r["CHILD"] != child]


def _sw_gap(open_previous: bool):
    def plant(files: Files) -> None:
        earlier, later = first(
            pairs(files.this["social_worker"], "SW_DECOM"),
            lambda p: (
                bool(p[0]["SW_DEC"])
                and (
                    not p[1]["SW_DEC"]
                    or day(p[1]["SW_DEC"]) > day(p[1]["SW_DECOM"]) + dt.timedelta(days=30)
                )
            ),
        )
        if open_previous:
            earlier["SW_DEC"] = ""
        else:
            later["SW_DECOM"] = shift(earlier["SW_DEC"], 20)
            later["SW_REASON"] = "MANAGE"

    return plant


def _outcomes_blank(files: Files) -> None:
    first(files.this["oc2"], lambda r: r["IMMUNISATIONS"] != "")["IMMUNISATIONS"] = ""


def _outcomes_not_due(files: Files) -> None:
    started = first(
        files.this["episodes"], lambda r: r["RNE"] == "S" and r["LS"] not in ("V3", "V4")
    )
    dob = first(files.this["header"], lambda r: r["CHILD"] == started["CHILD"])["DOB"]
    files.this["oc2"].append(
        {
            **{k: "" for k in files.this["oc2"][0]},
            "CHILD": started["CHILD"],
            "DOB": dob,
            "IMMUNISATIONS": "1",
            "TEETH_CHECK": "1",
            "HEALTH_ASSESSMENT": "1",
            "SUBSTANCE_MISUSE": "0",
        }
    )


def _oc2_age(column: str, fits: Callable[[float], bool]):
    def plant(files: Files) -> None:
        row = first(
            files.this["oc2"], lambda r: fits((day("31/03/2025") - day(r["DOB"])).days / 365.25)
        )
        row[column] = "1"

    return plant


def _missing_open(files: Files) -> None:
    earlier, _ = first(pairs(files.this["missing"], "MIS_START"))
    earlier["MIS_END"] = ""


def _missing_after_care(files: Files) -> None:
    runs = by_child(files.this["episodes"], "DECOM")
    last = first(
        [r[-1] for r in runs.values()],
        lambda r: r["REC"] not in ("", "X1") and day(r["DEC"]) < day("01/03/2025"),
    )
    files.this["missing"].append(
        {
            "CHILD": last["CHILD"],
            "DOB": first(files.this["header"], lambda r: r["CHILD"] == last["CHILD"])["DOB"],
            "MISSING": "M",
            "MIS_START": shift(last["DEC"], 5),
            "MIS_END": shift(last["DEC"], 6),
        }
    )


def _missing(column: str, value: Callable[[Row], str]):
    def plant(files: Files) -> None:
        row = first(files.this["missing"], lambda r: bool(r["MIS_END"]))
        row[column] = value(row)

    return plant


def _uasc_late(files: Files) -> None:
    row = first(files.this["uasc"])
    row["DUC"] = shift(row["DOB"], int(365.25 * 18) + 60)


def _review_code(code: str, fits: Callable[[float], bool]):
    def plant(files: Files) -> None:
        row = first(
            files.this["reviews"], lambda r: fits((day(r["REVIEW"]) - day(r["DOB"])).days / 365.25)
        )
        row["REVIEW_CODE"] = code

    return plant


def _placed(files: Files, **values: Callable[[Row], str]) -> None:
    row = first(files.this["placed_adoption"])
    for column, value in values.items():
        row[column] = value(row)


def _same_day(files: Files) -> None:
    row = first(files.this["episodes"], closed)
    row["DEC"] = row["DECOM"]


def _born_after(files: Files) -> None:
    row = first(files.this["episodes"], lambda r: day(r["DECOM"]) > day("01/05/2024"))
    first(files.this["header"], lambda r: r["CHILD"] == row["CHILD"])["DOB"] = shift(
        row["DECOM"], 10
    )


def _uasc_sex(files: Files) -> None:
    row = first(files.this["uasc"])
    row["SEX"] = "F" if row["SEX"] == "M" else "M"


def _ad1_swap(files: Files) -> None:
    row = first(files.this["ad1"])
    row["DATE_MATCH"] = shift(row["DATE_INT"], -10)


BAD_DATE = "31/02/2024"
YOUNG = lambda years: lambda a: a < years  # noqa: E731 (a predicate on an age)
OLD = lambda years: lambda a: a >= years  # noqa: E731
SSDA903: list[Mutation] = [
    Mutation("101", "903", "SEX 9", setter("header", "SEX", "9")),
    Mutation("102", "903", "DOB not a date", setter("header", "DOB", BAD_DATE)),
    Mutation("103", "903", "ETHNIC ZZZZ", setter("header", "ETHNIC", "ZZZZ")),
    Mutation("168", "903", "UPN 123", setter("header", "UPN", "123")),
    Mutation("171", "903", "MC_DOB not a date", _mother("F", "1", BAD_DATE)),
    Mutation("174", "903", "a boy with a child's date of birth", _mother("M", "1", "01/01/2024")),
    Mutation("611", "903", "a mother with no child's date of birth", _mother("F", "1", "")),
    Mutation("612", "903", "a child's date of birth, MOTHER 0", _mother("F", "0", "01/01/2024")),
    Mutation("621", "903", "a mother younger than her child", _mother("F", "1", "before")),
    Mutation("301", "903", "DOB after the year", setter("header", "DOB", "01/06/2025")),
    Mutation("351", "903", "DOB in 1990", setter("header", "DOB", "01/01/1990")),
    Mutation("203", "903", "DOB other than last year's", _changed("DOB", lambda v: shift(v, 3))),
    Mutation(
        "204",
        "903",
        "ETHNIC other than last year's",
        _changed("ETHNIC", lambda v: "WBRI" if v != "WBRI" else "WIRI"),
    ),
    Mutation("INT32", "903", "a child twice in the header", _duplicate("header")),
    Mutation("INT03", "903", "a child with episodes but no header row", _unheaded),
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
    Mutation("166", "903", "REVIEW not a date", setter("reviews", "REVIEW", BAD_DATE)),
    Mutation("167", "903", "REVIEW_CODE PN9", setter("reviews", "REVIEW_CODE", "PN9")),
    Mutation("440", "903", "PN0 (under 4) for an older child", _review_code("PN0", OLD(5))),
    Mutation("441", "903", "PN1 for a child under 4", _review_code("PN1", YOUNG(3.5))),
    Mutation("INT17", "903", "a review with another DOB", setter("reviews", "DOB", "01/01/2001")),
    Mutation("104", "903", "DUC not a date", setter("uasc", "DUC", BAD_DATE)),
    Mutation("304", "903", "UASC ceasing after the 18th birthday", _uasc_late),
    Mutation("INT21", "903", "UASC with another sex", _uasc_sex),
    Mutation("1004", "903", "MIS_START not a date", setter("missing", "MIS_START", BAD_DATE)),
    Mutation(
        "1005",
        "903",
        "MIS_END not a date",
        setter("missing", "MIS_END", BAD_DATE, lambda r: bool(r["MIS_END"])),
    ),
    Mutation("1006", "903", "MISSING X", setter("missing", "MISSING", "X")),
    Mutation(
        "567",
        "903",
        "MIS_END before MIS_START",
        _missing("MIS_END", lambda r: shift(r["MIS_START"], -1)),
    ),
    Mutation("574", "903", "a missing episode while the previous one is open", _missing_open),
    Mutation(
        "586",
        "903",
        "a missing episode before the child's birth",
        _missing("MIS_START", lambda r: shift(r["DOB"], -30)),
    ),
    Mutation(
        "570", "903", "MIS_START after the year", _missing("MIS_START", lambda r: "10/04/2025")
    ),
    Mutation("571", "903", "MIS_END after the year", _missing("MIS_END", lambda r: "10/04/2025")),
    Mutation("578", "903", "a missing episode after care ended", _missing_after_care),
    Mutation(
        "INT13", "903", "a missing episode with another DOB", setter("missing", "DOB", "01/01/2001")
    ),
    Mutation("112", "903", "DATE_INT not a date", setter("ad1", "DATE_INT", BAD_DATE)),
    Mutation("113", "903", "DATE_MATCH not a date", setter("ad1", "DATE_MATCH", BAD_DATE)),
    Mutation("114", "903", "FOSTER_CARE 7", setter("ad1", "FOSTER_CARE", "7")),
    Mutation("151", "903", "DATE_MATCH blank on an AD1 row", setter("ad1", "DATE_MATCH", "")),
    Mutation("175", "903", "NB_ADOPTR 5", setter("ad1", "NB_ADOPTR", "5")),
    Mutation("176", "903", "SEX_ADOPTR ZZ", setter("ad1", "SEX_ADOPTR", "ZZ")),
    Mutation("177", "903", "LS_ADOPTR L99", setter("ad1", "LS_ADOPTR", "L99")),
    Mutation("333", "903", "matched before the decision to place for adoption", _ad1_swap),
    Mutation("INT31", "903", "a child twice in AD1", _duplicate("ad1")),
    Mutation(
        "115", "903", "DATE_PLACED not a date", lambda f: _placed(f, DATE_PLACED=lambda r: BAD_DATE)
    ),
    Mutation(
        "116",
        "903",
        "DATE_PLACED_CEASED not a date",
        lambda f: _placed(
            f, DATE_PLACED_CEASED=lambda r: BAD_DATE, REASON_PLACED_CEASED=lambda r: "RD1"
        ),
    ),
    Mutation(
        "120",
        "903",
        "REASON_PLACED_CEASED RD9",
        lambda f: _placed(
            f,
            DATE_PLACED_CEASED=lambda r: shift(r["DATE_PLACED"], 30),
            REASON_PLACED_CEASED=lambda r: "RD9",
        ),
    ),
    Mutation(
        "119",
        "903",
        "DATE_PLACED_CEASED without its reason",
        lambda f: _placed(f, DATE_PLACED_CEASED=lambda r: shift(r["DATE_PLACED"], 30)),
    ),
    Mutation(
        "184",
        "903",
        "DATE_PLACED before the child's birth",
        lambda f: _placed(f, DATE_PLACED=lambda r: shift(r["DOB"], -30)),
    ),
    Mutation(
        "522",
        "903",
        "DATE_PLACED_CEASED before DATE_PLACED",
        lambda f: _placed(
            f,
            DATE_PLACED_CEASED=lambda r: shift(r["DATE_PLACED"], -30),
            REASON_PLACED_CEASED=lambda r: "RD1",
        ),
    ),
    Mutation(
        "INT12",
        "903",
        "a placed-for-adoption row with another DOB",
        setter("placed_adoption", "DOB", "01/01/2001"),
    ),
    Mutation("131", "903", "IN_TOUCH MAYBE", setter("oc3", "IN_TOUCH", "MAYBE")),
    Mutation("132", "903", "ACTIV Z9", setter("oc3", "ACTIV", "Z9")),
    Mutation("133", "903", "ACCOM Z9", setter("oc3", "ACCOM", "Z9")),
    Mutation("153", "903", "ACTIV blank", setter("oc3", "ACTIV", "")),
    Mutation("INT15", "903", "an OC3 row with another DOB", setter("oc3", "DOB", "01/01/2001")),
    Mutation(
        "180",
        "903",
        "SDQ_SCORE 99",
        setter("oc2", "SDQ_SCORE", "99", lambda r: bool(r["SDQ_SCORE"])),
    ),
    Mutation(
        "196",
        "903",
        "SDQ_REASON SDQ9",
        setter("oc2", "SDQ_REASON", "SDQ9", lambda r: bool(r["SDQ_REASON"])),
    ),
    Mutation(
        "191", "903", "IMMUNISATIONS blank for a child looked after 12 months", _outcomes_blank
    ),
    Mutation("190", "903", "OC2 items for a child who started care in the year", _outcomes_not_due),
    Mutation("542", "903", "CONVICTED for a child under 10", _oc2_age("CONVICTED", YOUNG(9))),
    Mutation(
        "546", "903", "HEALTH_CHECK for a child of 5 or over", _oc2_age("HEALTH_CHECK", OLD(6))
    ),
    Mutation("INT14", "903", "an OC2 row with another DOB", setter("oc2", "DOB", "01/01/2001")),
    Mutation("631", "903", "PREV_PERM P9", setter("prev_perm", "PREV_PERM", "P9")),
    Mutation(
        "635",
        "903",
        "PREV_PERM blank with LA_PERM given",
        setter("prev_perm", "PREV_PERM", "", lambda r: bool(r["LA_PERM"])),
    ),
    Mutation(
        "INT16",
        "903",
        "a previous-permanence row with another DOB",
        setter("prev_perm", "DOB", "01/01/2001"),
    ),
    Mutation(
        "SW01aSTG1",
        "903",
        "SW_ID blank on an episode begun before April 2023",
        setter("social_worker", "SW_ID", "", lambda r: day(r["SW_DECOM"]) < day("01/04/2023")),
    ),
    Mutation(
        "SW01bSTG1",
        "903",
        "SW_REASON blank on an episode begun from April 2023",
        setter("social_worker", "SW_REASON", "", lambda r: day(r["SW_DECOM"]) >= day("01/04/2023")),
    ),
    Mutation("SW02STG1", "903", "SW_ID AB123", setter("social_worker", "SW_ID", "AB123")),
    Mutation(
        "SW04STG1", "903", "SW_DECOM not a date", setter("social_worker", "SW_DECOM", BAD_DATE)
    ),
    Mutation(
        "SW05STG1",
        "903",
        "SW_DEC not a date",
        setter("social_worker", "SW_DEC", BAD_DATE, lambda r: bool(r["SW_DEC"])),
    ),
    Mutation(
        "SW13STG1",
        "903",
        "SW_REASON ZZZZZZ",
        setter("social_worker", "SW_REASON", "ZZZZZZ", lambda r: bool(r["SW_REASON"])),
    ),
    Mutation(
        "SW10STG2",
        "903",
        "a social worker episode starting 20 days after the last ended",
        _sw_gap(False),
    ),
    Mutation(
        "SW08STG2", "903", "a social worker episode while the previous one is open", _sw_gap(True)
    ),
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
    Mutation("INT01", "903", "an AD1 row for a child not in the header", _stranger("ad1")),
    Mutation(
        "INT02",
        "903",
        "a placed-for-adoption row for a child not in the header",
        _stranger("placed_adoption"),
    ),
    Mutation("INT04", "903", "a missing row for a child not in the header", _stranger("missing")),
    Mutation("INT05", "903", "an OC2 row for a child not in the header", _stranger("oc2")),
    Mutation("INT06", "903", "an OC3 row for a child not in the header", _stranger("oc3")),
    Mutation(
        "INT07",
        "903",
        "a previous-permanence row for a child not in the header",
        _stranger("prev_perm"),
    ),
    Mutation("INT08", "903", "a review for a child not in the header", _stranger("reviews")),
    Mutation("INT09", "903", "a UASC row for a child not in the header", _stranger("uasc")),
    Mutation("INT11", "903", "an AD1 row with another DOB", setter("ad1", "DOB", "01/01/2001")),
    Mutation("INT18", "903", "a UASC row with another DOB", setter("uasc", "DOB", "01/01/2001")),
    Mutation("INT33", "903", "a child twice in OC2", _duplicate("oc2")),
    Mutation("INT34", "903", "a child twice in OC3", _duplicate("oc3")),
    Mutation("INT35", "903", "a child twice in previous permanence", _duplicate("prev_perm")),
    Mutation("INT36", "903", "a child twice in UASC", _duplicate("uasc")),
]
