"""Dates are read strictly: the return's own format silently, a few unambiguous others named,
anything that would need a guess left unread (analytics/formats/dates.py)."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from analytics.formats import dates

WRITTEN = [
    "03/04/2020",  # the return's own format in full
    "3/4/2020",  # a short day and month: the same format, read by its pattern
    " 29/02/2024 ",  # spaces trimmed; a leap day
    "29/02/2023",  # no such day
    "31/02/2020",
    "12/13/2020",  # month 13: never read as American
    "01/01/1899",  # before 1900
    "2020-04-03",  # another format, named
    "03/04/2020 10:30",  # a time
    None,
    "",
    "next week",
]


def _read(primary: str, with_time: bool = False) -> dates.ParsedDates:
    return dates.parse(pa.array(WRITTEN, pa.string()), primary, with_time=with_time)


def test_each_way_of_writing_a_date_is_read_or_left_unread():
    parsed = _read(dates.DMY)
    d = dt.date
    assert parsed.values.to_pylist() == [
        d(2020, 4, 3), d(2020, 4, 3), d(2024, 2, 29), None, None, None, None,
        d(2020, 4, 3), d(2020, 4, 3), None, None, None,
    ]  # fmt: skip
    assert parsed.formats[dates.DMY].nonzero()[0].tolist() == [0, 1, 2, 8]
    assert parsed.formats[dates.ISO].nonzero()[0].tolist() == [7]
    assert parsed.unreadable.nonzero()[0].tolist() == [3, 4, 5, 6, 11]
    assert parsed.had_time.nonzero()[0].tolist() == [8]


def test_the_full_form_of_either_primary_format_reads_as_its_pattern_does():
    iso = _read(dates.ISO, with_time=True)
    assert iso.values[7].as_py() == dt.datetime(2020, 4, 3)
    assert iso.values[8].as_py() == dt.datetime(2020, 4, 3, 10, 30)
    assert iso.formats[dates.ISO].nonzero()[0].tolist() == [7]
    assert iso.formats[dates.DMY].nonzero()[0].tolist() == [0, 1, 2, 8]
