"""Reading dates written the ways authorities write them, strictly and column at a time.

The return's own format (DD/MM/YYYY for the SSDA903, YYYY-MM-DD in XML) is read silently;
a few unambiguous others are read and named so validation can warn; anything else (a
two-digit year, 31/02/2020, 'next week') is left unread for validation to refuse. Day
before month is never guessed at: 03/04/2020 is the 3rd of April.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

DMY = "DD/MM/YYYY"
ISO = "YYYY-MM-DD"
_TIME = r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?)?"
PATTERNS = {
    DMY: r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})" + _TIME + "$",
    ISO: r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME + "$",
    "DD-MM-YYYY": r"^(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})" + _TIME + "$",
    "DD.MM.YYYY": r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})" + _TIME + "$",
    "YYYY/MM/DD": r"^(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})" + _TIME + "$",
}
STRFTIME_LABELS = {"%d/%m/%Y": DMY, "%Y-%m-%d": ISO}
# The return's own format written in full (03/04/2020, 2020-04-03), most of every column, is
# read by position (where its year, month and day start) without a regular expression's
# groups: the other ways, and dates with a time, go through PATTERNS.
FULL = {
    DMY: (r"^\d{2}/\d{2}/\d{4}$", "01/01/2000", (6, 4), (3, 2), (0, 2)),
    ISO: (r"^\d{4}-\d{2}-\d{2}$", "2000-01-01", (0, 4), (5, 2), (8, 2)),
}
_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


@dataclass
class ParsedDates:
    """Dates read from a text column: values, and which rows each format read."""

    values: pa.Array
    formats: dict[str, np.ndarray]
    unreadable: np.ndarray
    had_time: np.ndarray


def _ints(parts: pa.StructArray, name: str) -> np.ndarray:
    field = pc.struct_field(parts, name)
    field = pc.if_else(pc.equal(field, ""), None, field)
    return np.asarray(pc.cast(field, pa.int64()).fill_null(0))


def _valid(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    month_ok = (m >= 1) & (m <= 12)
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    days = _DAYS[np.clip(m, 1, 12) - 1] + ((m == 2) & leap)
    return month_ok & (d >= 1) & (d <= days) & (y >= 1900) & (y <= 2100)


def _full(text: pa.Array, label: str) -> tuple[np.ndarray, np.ndarray]:
    """Rows written in the label's full form that are real dates, and their dates."""
    pattern, filler, *places = FULL[label]
    full = pc.match_substring_regex(text, pattern).fill_null(False)
    written = pc.if_else(full, text, filler)  # every row now has digits where they are read
    y, m, d = (
        np.asarray(pc.cast(pc.utf8_slice_codeunits(written, start, start + length), pa.int64()))
        for start, length in places
    )
    return np.asarray(full) & _valid(y, m, d), _seconds(y, m, d)


def _seconds(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    months = (y - 1970) * 12 + (m - 1)
    firsts = np.array(months, dtype="datetime64[M]").astype("datetime64[D]")
    return (firsts + (d - 1)).astype("datetime64[s]")


def parse(text: pa.Array, primary: str = DMY, with_time: bool = False) -> ParsedDates:
    """Parse a string array. `primary` is a label from PATTERNS (or a strftime format)."""
    primary = STRFTIME_LABELS.get(primary, primary)
    text = pc.utf8_trim_whitespace(text)
    n = len(text)
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[s]")
    read = np.zeros(n, dtype=bool)
    had_time = np.zeros(n, dtype=bool)
    formats: dict[str, np.ndarray] = {}
    present = np.asarray(pc.is_valid(text)) & np.asarray(pc.not_equal(text, "").fill_null(False))
    if primary in FULL:
        read, stamp = _full(text, primary)
        out[read] = stamp[read]
        formats[primary] = read.copy()
    order = [primary, *(label for label in PATTERNS if label != primary)]
    for label in order:
        if not (present & ~read).any():
            break  # every date is read: the other formats need not be tried
        parts = pc.extract_regex(text, PATTERNS[label])
        matched = np.asarray(parts.is_valid()) & ~read
        if not matched.any():
            continue
        y, m, d = (_ints(parts, k) for k in "ymd")
        hours, minutes = _ints(parts, "H"), _ints(parts, "M")
        ok = matched & _valid(y, m, d) & (hours < 24) & (minutes < 60)
        stamp = _seconds(y, m, d) + (hours * 3600 + minutes * 60).astype("timedelta64[s]")
        out[ok] = stamp[ok]
        had_time |= (
            ok
            & np.asarray(pc.is_valid(pc.struct_field(parts, "H")))
            & ((hours > 0) | (minutes > 0))
        )
        read |= ok
        formats[label] = formats[label] | ok if label in formats else ok
    values = pa.array(out, type=pa.timestamp("s"), mask=~read)
    if not with_time:
        values = pc.cast(values, pa.date32())
    return ParsedDates(values, formats, present & ~read, had_time)


def parse_many(
    texts: Sequence[pa.Array], primary: str = DMY, with_time: bool = False
) -> list[ParsedDates]:
    """`parse` for several columns at once: each row is read on its own, so each column's
    part is what parsing it alone gives, and the fixed cost of each step is paid once."""
    if len(texts) == 1:
        return [parse(texts[0], primary, with_time)]
    whole = parse(pa.concat_arrays([t.cast(pa.string()) for t in texts]), primary, with_time)
    found, start = [], 0
    for text in texts:
        end = start + len(text)
        found.append(
            ParsedDates(
                whole.values.slice(start, len(text)),
                {label: rows[start:end] for label, rows in whole.formats.items()},
                whole.unreadable[start:end],
                whole.had_time[start:end],
            )
        )
        start = end
    return found
