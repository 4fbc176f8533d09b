"""Structure and values of one table: its columns, codes, dates and numbers, and its key.

Turns the text cells a reader found into typed Arrow columns, checking each against the
column spec of the collection year, a whole column at a time (so a national file takes
seconds, not minutes). Every problem names the file, row, column, rule and expectation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from analytics.formats import dates
from analytics.formats.tables import (
    CODE,
    DATE,
    DATETIME,
    FLAG,
    INTEGER,
    MONTH,
    NUMBER,
    POSTCODE,
    Column,
    RawTable,
    arrow_type,
)
from analytics.problems import FATAL, KEPT_PER_RULE, WARNING, Problem, Report

POSTCODE_PATTERN = r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"
TRUE = {"Y", "YES", "1", "TRUE", "T", "A) YES"}
FALSE = {"N", "NO", "0", "FALSE", "F", "B) NO"}
Converter = Callable[[RawTable, Column, pa.Array, Report], pa.Array]
Dated = dict[str, dates.ParsedDates]  # a table's date columns as read, by name


def _severity(column: Column) -> str:
    return FATAL if column.strict else WARNING


def _present(values: pa.Array) -> np.ndarray:
    return np.asarray(pc.is_valid(values))


def _report_rows(
    report: Report,
    raw: RawTable,
    column: Column,
    mask: np.ndarray,
    severity: str,
    rule: str,
    message: Callable[[str], str],
    expected: str,
    values: pa.Array,
) -> None:
    indices = np.flatnonzero(mask)
    if not len(indices):
        return
    rows = raw.rows.to_numpy()
    sample = [
        Problem(
            severity,
            raw.file,
            rule,
            message(str(values[int(i)].as_py() or "")),
            expected=expected,
            row=int(rows[i]),
            column=column.label,
            value=str(values[int(i)].as_py() or "")[:80],
        )
        for i in indices[:KEPT_PER_RULE]
    ]
    report.add_sample(sample, {raw.file: len(indices) - len(sample)})


def _required(raw: RawTable, column: Column, values: pa.Array, report: Report) -> None:
    if column.required:
        _report_rows(
            report,
            raw,
            column,
            ~_present(values),
            _severity(column),
            "value.blank",
            lambda _: "This cell is blank but must be filled in.",
            "a value",
            values,
        )


def _text(raw: RawTable, column: Column, values: pa.Array, report: Report) -> pa.Array:
    return values


def _code(raw: RawTable, column: Column, values: pa.Array, report: Report) -> pa.Array:
    upper = pc.utf8_upper(values)
    # Codes that differ only in case ('a) White', 'a) white', both in Annex A's lists) are
    # kept as one: the first in order, whatever order the set happens to hold them in.
    codes: dict[str, str] = {}
    for code in sorted(column.codes or ()):
        codes.setdefault(code.upper(), code)
    lookup = {**(column.aliases or {}), **codes}
    keys = pa.array(list(lookup), pa.string())
    index = pc.index_in(upper, keys)
    mapped = pc.take(pa.array(list(lookup.values()), pa.string()), index)
    found = np.asarray(pc.is_valid(index))
    if column.aliases and column.strict:
        _report_rows(
            report,
            raw,
            column,
            found & ~np.asarray(pc.is_in(upper, pa.array(list(codes), pa.string()))),
            WARNING,
            "code.alias",
            lambda v: f"'{v}' was read as the code {lookup.get(v.upper(), '')}.",
            "the code itself",
            values,
        )
    if column.codes is None:
        return upper
    shown = ", ".join(sorted(column.codes)[:40]) + (" ..." if len(column.codes) > 40 else "")
    _report_rows(
        report,
        raw,
        column,
        _present(upper) & ~found,
        _severity(column),
        "code.unknown",
        lambda v: f"'{v}' is not a code of this column in this collection year.",
        f"one of {shown}",
        values,
    )
    return pc.if_else(pa.array(found), mapped, upper if column.strict else values)


def texts(raw: RawTable) -> dict[str, pa.Array]:
    """A table's columns that hold anything (a column with every cell blank, a third of
    the date columns, has nothing to read), trimmed, a blank cell as null. Each on its own:
    trimmed together, the typed table kept every column's text, dates' too (a fifth more
    memory over England, for half a second of CPU)."""
    found = {}
    for column in raw.spec.columns:
        cells = raw.cells.get(column.name)
        if cells is not None and cells.null_count < len(cells):
            cells = pc.utf8_trim_whitespace(cells)
            found[column.name] = pc.if_else(pc.equal(cells, ""), None, cells)
    return found


def dates_of(tables: Sequence[tuple[RawTable, dict[str, pa.Array]]]) -> list[Dated]:
    """The date columns of the tables given (each with its `texts`) read at once, those
    written the same way together: each column's dates are what reading it alone gives, as
    each cell is read on its own, at a fraction of the cost."""
    ways: dict[tuple[str, bool], list[tuple[int, str]]] = {}
    for number, (raw, held) in enumerate(tables):
        for column in raw.spec.columns:
            if column.kind in (DATE, DATETIME) and column.name in held:
                way = (column.date_format, column.kind == DATETIME)
                ways.setdefault(way, []).append((number, column.name))
    found: list[Dated] = [{} for _ in tables]
    for (written, with_time), places in ways.items():
        columns = [tables[number][1][name] for number, name in places]
        parsed = dates.parse_many(columns, written, with_time=with_time)
        for (number, name), read in zip(places, parsed, strict=True):
            found[number][name] = read
    return found


def _date(
    raw: RawTable, column: Column, values: pa.Array, report: Report, parsed: dates.ParsedDates
) -> pa.Array:
    """A date column's problems, from its dates as `dates_of` read them."""
    expected = dates.STRFTIME_LABELS.get(column.date_format, column.date_format)
    _report_rows(
        report,
        raw,
        column,
        parsed.unreadable,
        _severity(column),
        "date.unreadable",
        lambda v: f"'{v}' is not a date that can be read without guessing.",
        f"a date written {expected}",
        values,
    )
    others = {label: m for label, m in parsed.formats.items() if label != expected and m.any()}
    used = [label for label, m in parsed.formats.items() if m.any()]
    for label, mask in others.items():
        mixed = f" (this column mixes {', '.join(used)})" if len(used) > 1 else ""
        _report_rows(
            report,
            raw,
            column,
            mask,
            WARNING,
            "date.format",
            _written_as(label, mixed),
            expected,
            values,
        )
    return parsed.values


def _integer(raw: RawTable, column: Column, values: pa.Array, report: Report) -> pa.Array:
    whole = np.asarray(pc.match_substring_regex(values, r"^-?\d+(\.0+)?$").fill_null(True))
    _report_rows(
        report,
        raw,
        column,
        ~whole,
        _severity(column),
        "number.unreadable",
        lambda v: f"'{v}' is not a whole number.",
        "a whole number",
        values,
    )
    cleaned = pc.if_else(pa.array(whole), pc.replace_substring_regex(values, r"\.0+$", ""), None)
    numbers = pc.cast(cleaned, pa.int64())
    _range(raw, column, numbers, values, report)
    return numbers


def _number(raw: RawTable, column: Column, values: pa.Array, report: Report) -> pa.Array:
    ok = np.asarray(pc.match_substring_regex(values, r"^-?\d+(\.\d+)?$").fill_null(True))
    _report_rows(
        report,
        raw,
        column,
        ~ok,
        _severity(column),
        "number.unreadable",
        lambda v: f"'{v}' is not a number.",
        "a number such as 12.5",
        values,
    )
    numbers = pc.cast(pc.if_else(pa.array(ok), values, None), pa.float64())
    _range(raw, column, numbers, values, report)
    return numbers


def _range(raw: RawTable, column: Column, numbers: pa.Array, text: pa.Array, report: Report):
    low = np.zeros(len(numbers), bool)
    high = np.zeros(len(numbers), bool)
    if column.minimum is not None:
        low = np.asarray(pc.less(numbers, column.minimum).fill_null(False))
    if column.maximum is not None:
        high = np.asarray(pc.greater(numbers, column.maximum).fill_null(False))
    bounds = f"from {column.minimum} to {column.maximum}".replace("None", "any")
    _report_rows(
        report,
        raw,
        column,
        low | high,
        _severity(column),
        "number.range",
        lambda v: f"{v} is out of range.",
        bounds,
        text,
    )


def _postcode(raw: RawTable, column: Column, values: pa.Array, report: Report) -> pa.Array:
    upper = pc.utf8_upper(pc.replace_substring_regex(values, r"\s+", ""))
    spaced = pc.replace_substring_regex(upper, r"^(.+)(...)$", r"\1 \2")
    ok = np.asarray(pc.match_substring_regex(spaced, POSTCODE_PATTERN).fill_null(True))
    _report_rows(
        report,
        raw,
        column,
        ~ok,
        WARNING,
        "postcode.malformed",
        lambda v: f"'{v}' is not a postcode; distances from it cannot be worked out.",
        "a postcode such as TQ1 1AA",
        values,
    )
    return pc.if_else(pa.array(ok), spaced, None)


def _flag(raw: RawTable, column: Column, values: pa.Array, report: Report) -> pa.Array:
    upper = pc.utf8_upper(values)
    yes = pc.is_in(upper, pa.array(sorted(TRUE)))
    no = pc.is_in(upper, pa.array(sorted(FALSE)))
    unknown = _present(upper) & ~np.asarray(yes) & ~np.asarray(no)
    _report_rows(
        report,
        raw,
        column,
        unknown,
        _severity(column),
        "flag.unknown",
        lambda v: f"'{v}' is not yes or no.",
        "Y or N",
        values,
    )
    return pc.if_else(yes, True, pc.if_else(no, False, pa.nulls(len(values), pa.bool_())))


def _month(raw: RawTable, column: Column, values: pa.Array, report: Report) -> pa.Array:
    ok = np.asarray(pc.match_substring_regex(values, r"^\d{4}-(0?[1-9]|1[0-2])$").fill_null(True))
    _report_rows(
        report,
        raw,
        column,
        ~ok,
        _severity(column),
        "month.unreadable",
        lambda v: f"'{v}' is not a month.",
        "a month written YYYY-MM",
        values,
    )
    firsts = pc.binary_join_element_wise(pc.if_else(pa.array(ok), values, None), "1", "-")
    return dates.parse(firsts, dates.ISO).values


UPN_LETTERS = np.array(list("ABCDEFGHJKLMNPQRTUVWXYZ"))


def upn_check_letters(bodies: pa.Array) -> np.ndarray:
    """The check letter of each UPN's twelve digits (`bodies`): each digit times its place
    (2 to 13), summed, modulo 23, read in UPN_LETTERS (the Department's UPN guide)."""
    total = np.zeros(len(bodies), np.int64)
    for place in range(2, 14):
        digit = pc.cast(pc.utf8_slice_codeunits(bodies, place - 2, place - 1), pa.int64())
        total += np.asarray(digit) * place
    return UPN_LETTERS[total % 23]


def _upn_check_letter(raw: RawTable, column: Column, values: pa.Array, report: Report) -> None:
    """A UPN of a letter and 12 digits starts with its check letter (`upn_check_letters`)."""
    upper = pc.utf8_upper(values).fill_null("")
    numbered = np.asarray(pc.match_substring_regex(upper, r"^[A-Z][0-9]{12}$"))
    digits = pc.if_else(pa.array(numbered), upper, pa.scalar("A000000000000"))
    letters = upn_check_letters(pc.utf8_slice_codeunits(digits, 1, 13))
    first = np.asarray(pc.utf8_slice_codeunits(upper, 0, 1).to_pylist(), dtype=object)
    _report_rows(
        report,
        raw,
        column,
        numbered & (first != letters),
        WARNING,
        "upn.check_letter",
        lambda v: f"'{v}' does not start with the check letter its digits give.",
        "a UPN starting with its check letter",
        values,
    )


# Dates are read for a whole reading at once (`dates_of`), not a column at a time.
CONVERTERS: dict[str, Converter] = {
    CODE: _code,
    INTEGER: _integer,
    NUMBER: _number,
    POSTCODE: _postcode,
    FLAG: _flag,
    MONTH: _month,
}


def _missing_columns(raw: RawTable, report: Report) -> bool:
    missing = [c for c in raw.spec.columns if c.name not in raw.cells]
    labels = [c.label for c in raw.spec.columns]
    for column in missing:
        blocking = column.required and column.strict
        severity = FATAL if blocking else WARNING
        report.add(
            Problem(
                severity,
                raw.file,
                "columns.missing",
                f"The column {column.label} is missing"
                + (" and is required." if blocking else "; it was read as blank."),
                expected=f"the columns of {raw.spec.title}: {', '.join(labels)}",
                row=1,
                column=column.label,
            )
        )
    return any(c.required and c.strict for c in missing)


def convert(
    raw: RawTable,
    report: Report,
    held: dict[str, pa.Array] | None = None,
    dated: Dated | None = None,
) -> pa.Table | None:
    """The typed table, or None when a required column is missing (reported as fatal).
    `held` and `dated`: its `texts` and their dates (`dates_of`), if read already with
    other tables'."""
    for extra in raw.extra_columns:
        report.add(
            Problem(
                WARNING,
                raw.file,
                "columns.extra",
                f"The column {extra} is not part of {raw.spec.title}; it was ignored.",
                row=1,
                column=extra,
            )
        )
    if _missing_columns(raw, report):
        return None
    if held is None:
        held = texts(raw)
    if dated is None:
        [dated] = dates_of([(raw, held)])
    arrays: dict[str, pa.Array] = {}
    for column in raw.spec.columns:
        if column.name not in held:
            arrays[column.name] = pa.nulls(raw.length, arrow_type(column.kind))
            _required(raw, column, arrays[column.name], report)
            continue
        values = held[column.name]
        _required(raw, column, values, report)
        if column.name in dated:
            arrays[column.name] = _date(raw, column, values, report, dated[column.name])
        else:
            arrays[column.name] = CONVERTERS.get(column.kind, _text)(raw, column, values, report)
        if column.label == "UPN":
            _upn_check_letter(raw, column, values, report)
    arrays["source_row"] = raw.rows
    return pa.table(arrays)


def check_key(raw: RawTable, table: pa.Table, report: Report) -> None:
    """Two rows with the same key (the same child twice in the header, say) are fatal."""
    key = list(raw.spec.key)
    if not key or table.num_rows == 0:
        return
    counts = table.group_by(key).aggregate([("source_row", "list")])
    repeated = counts.filter(pc.greater(pc.list_value_length(counts["source_row_list"]), 1))
    sample = []
    for entry in repeated.to_pylist()[:KEPT_PER_RULE]:
        rows = sorted(entry["source_row_list"])
        label = ", ".join(f"{k} {_show(entry[k])}" for k in key)
        sample.append(
            Problem(
                FATAL,
                raw.file,
                "key.duplicated",
                f"{label} appears {len(rows)} times (rows {', '.join(map(str, rows[:10]))}).",
                expected=f"one row for each {' and '.join(key)}",
                row=rows[1],
                column=key[0],
                value=_show(entry[key[0]]),
            )
        )
    report.add_sample(sample, {raw.file: repeated.num_rows - len(sample)})


def _show(value: object) -> str:
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return re.sub(r"\s+", " ", str(value))


def _written_as(label: str, mixed: str) -> Callable[[object], str]:
    return lambda v: f"'{v}' is written {label}{mixed}; read as day, month, year."
