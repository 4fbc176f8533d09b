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


def test_columns_read_at_once_read_as_each_alone():
    """A table's date columns are read together (`parse_many`): each one's dates, formats,
    unreadable cells and times are those it has read alone, whatever the others hold."""
    columns = [
        pa.array(WRITTEN, pa.string()),
        pa.array(["03/04/2020", None, "05/06/2021"], pa.string()),  # only its own format
        pa.array(["2020-04-03", "3.4.2020", "yesterday", "2021/06/05 12:00"], pa.string()),
    ]
    for primary, with_time in ((dates.DMY, False), (dates.ISO, True)):
        together = dates.parse_many(columns, primary, with_time=with_time)
        for column, found in zip(columns, together, strict=True):
            alone = dates.parse(column, primary, with_time=with_time)
            assert found.values.to_pylist() == alone.values.to_pylist()
            assert found.unreadable.tolist() == alone.unreadable.tolist()
            assert found.had_time.tolist() == alone.had_time.tolist()
            used = {label: rows.tolist() for label, rows in found.formats.items() if rows.any()}
            assert used == {
                label: rows.tolist() for label, rows in alone.formats.items() if rows.any()
            }
