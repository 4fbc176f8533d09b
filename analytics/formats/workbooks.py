"""Excel workbooks are zip files, and a zip can unpack to thousands of times its size (a
decompression bomb: 2 MB that becomes 2 GB). Before a workbook is parsed, its parts are
unpacked once, a block at a time and thrown away, counting: one that unpacks to more than a
real return could, or far more than its packed size, is refused as soon as that is known,
whatever its headers claim, in well under a second and with a block of memory.

A reader (calamine, under both fastexcel and python-calamine) builds each sheet as a
rectangle from its first cell to its last, so one cell written at row 200,000, column 500
of an empty sheet makes a hundred million cells (3 GB). The same pass finds how far each
sheet's cells reach, and a sheet whose rectangle would hold more than MAX_CELLS is refused,
named, before any reader builds it."""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from pathlib import Path
from typing import IO

import numpy as np

# Kent's Annex A workbook (the largest authority's) is 4.7 MB and unpacks to about 45 MB;
# worksheets pack about 10 to 1.
MAX_UNPACKED = 256 * 1024 * 1024
MAX_RATIO = 100
RATIO_AFTER = 8 * 1024 * 1024  # small parts (styles, shared strings of blanks) pack tighter
BLOCK = 1 << 20
# What zipfile raises for a part it cannot unpack (damaged, an unknown method, encrypted):
# the reader that opens the workbook next refuses it in its own words.
UNREADABLE = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, RuntimeError)
MAX_CELLS = 5_000_000  # about 150 MB as calamine holds them; Kent's largest list has 0.6 M


class WorkbookTooLarge(Exception):
    """What the workbook would unpack to, in words for the person who uploaded it."""


def check(
    source: Path | IO[bytes], max_unpacked: int = MAX_UNPACKED, max_cells: int = MAX_CELLS
) -> None:
    """Raise WorkbookTooLarge if the workbook unpacks beyond the limits or a sheet reaches
    beyond max_cells; a file that is not a zip at all, or is damaged or encrypted, is left
    for the reader to refuse in its own words."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        return
    total = 0
    with archive:
        names = _sheet_names(archive)
        for member in archive.infolist():
            unpacked = 0
            reach = _Reach() if member.filename.startswith("xl/worksheets/") else None
            try:
                with archive.open(member) as part:
                    while block := part.read(BLOCK):
                        unpacked += len(block)
                        total += len(block)
                        _limit(total, unpacked, member, max_unpacked)
                        if reach is not None:
                            reach.read(block)
            except UNREADABLE:
                return  # the reader says why it cannot open it
            if reach is not None and reach.cells() > max_cells:
                sheet = names.get(member.filename, member.filename)
                raise WorkbookTooLarge(_too_far(sheet, reach, max_cells))


def _too_far(sheet: str, reach: _Reach, max_cells: int) -> str:
    if reach.rows < BEYOND:
        where, size = f"row {reach.rows:,}", f"{reach.cells():,} cells, more than {max_cells:,}"
    else:
        where, size = f"a row past {BEYOND - 1:,}", f"more than {max_cells:,} cells"
    return (
        f"The sheet {sheet} has a cell at {where}, column {reach.columns:,}: read whole it "
        f"would be {size}. Delete the rows and columns past the table (select them, Delete) "
        "and save the workbook again."
    )


# A reference is ` r="` then up to 3 letters and the row's digits, leading zeros aside
# (they would make a short number look long), and a closing quote. One of more than 18
# digits (leading zeros, or a row no sheet has) is read on its own, by this:
_REFERENCE = re.compile(rb"([A-Z]{0,3})0*(\d+)")
DIGITS = 18  # as many as an int64 holds
BEYOND = 10**DIGITS  # a row of more digits is counted as this: no sheet is that long


class _Reach:
    """How far a sheet's cells reach, from its XML a block at a time (a cell written with
    only a format counts too). A cell or row written without its reference (or with one
    this does not recognise) follows the one before: those are counted on top."""

    def __init__(self) -> None:
        self.rows = self.columns = self.unreferenced = 0
        self.rest = b""

    def read(self, block: bytes) -> None:
        text = self.rest + block
        end = text.rfind(b">") + 1
        self.rest, text = text[end:], text[:end]
        if len(self.rest) > 16 * BLOCK:  # a cell holds at most 32,767 characters
            raise WorkbookTooLarge(
                "A sheet of the workbook is damaged: it has 16 MB in a row "
                "with no end of a tag, which no real workbook has."
            )
        references, rows, columns, elements = _scan(text)
        self.unreferenced += max(0, elements - references)
        self.rows = max(self.rows, rows)
        self.columns = max(self.columns, columns)

    def cells(self) -> int:
        return (self.rows + self.unreferenced) * (self.columns + self.unreferenced)


def _scan(text: bytes) -> tuple[int, int, int, int]:
    """In a piece of a sheet's XML: how many references name a row, the largest row and
    column named, and how many cells and rows there are. With NumPy, a pass over the bytes
    for each thing looked for, then over the references alone: a regular expression's
    match for each reference took two and a half times as long (decision 0042)."""
    size = len(text)
    a = np.frombuffer(text + bytes(4), np.uint8)  # every mark has four bytes after it
    body = a[:size]
    # A cell or a row, referenced or not, with a namespace prefix or without (and a few
    # other elements beginning so, <col> among them): `<c`, `:c`, `<row` and `:row`, as
    # bytes.count would count them. Text that happens to match only makes the count, and
    # so the refusal, more cautious.
    marks = np.flatnonzero((body == ord("<")) | (body == ord(":")))
    following = a[marks + 1]
    r_marks = marks[following == ord("r")]
    elements = np.count_nonzero(following == ord("c")) + np.count_nonzero(
        (a[r_marks + 2] == ord("o")) & (a[r_marks + 3] == ord("w"))
    )
    quotes = np.flatnonzero(body == ord('"'))
    opens = np.flatnonzero(
        (quotes >= 3)
        & (a[quotes - 3] == ord(" "))
        & (a[quotes - 2] == ord("r"))
        & (a[quotes - 1] == ord("="))
    )
    if not len(opens):
        return 0, 0, 0, int(elements)
    start = quotes[opens] + 1
    closed = opens + 1 < len(quotes)
    stop = np.where(closed, quotes[np.minimum(opens + 1, len(quotes) - 1)], size)
    length = stop - start
    letters = np.zeros(len(start), np.int64)
    leading = np.ones(len(start), bool)
    for k in range(3):  # a fourth letter is not a digit: no reference
        leading &= _between(a[start + k], "A", "Z")
        letters += leading
    named = (letters >= 1) & _between(a[start + letters], "0", "9")
    column = np.zeros(len(start), np.int64)
    for k in range(3):
        column = np.where(k < letters, column * 26 + a[start + k] - 64, column)
    columns = int(column[named].max(initial=0))
    digits = length - letters
    row = closed & (digits >= 1)
    short, long = row & (digits <= DIGITS), row & (digits > DIGITS)
    number = np.zeros(len(start), np.int64)
    for k in range(int(digits[short].max(initial=0))):  # from the last digit back
        digit = a[np.maximum(stop - 1 - k, 0)].astype(np.int64) - ord("0")
        among = k < digits
        short &= ~among | ((digit >= 0) & (digit <= 9))
        number += np.where(among, digit, 0) * 10**k
    references, rows = int(np.count_nonzero(short)), int(number[short].max(initial=0))
    for first, last in zip(start[long].tolist(), stop[long].tolist(), strict=True):
        found = _REFERENCE.fullmatch(text, first, last)
        if found:
            references += 1
            significant = found.group(2)
            rows = max(rows, int(significant) if len(significant) <= DIGITS else BEYOND)
    return references, rows, columns, int(elements)


def _between(values: np.ndarray, low: str, high: str) -> np.ndarray:
    return (values >= ord(low)) & (values <= ord(high))


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> the sheet's name, as the workbook and its relationships say."""
    try:  # a megabyte of each at most: these parts are read before the bomb check
        with archive.open("xl/workbook.xml") as part:
            book = part.read(BLOCK)
        with archive.open("xl/_rels/workbook.xml.rels") as part:
            rels = part.read(BLOCK)
    except (KeyError, *UNREADABLE):
        return {}  # no names: a sheet too large is named by its part instead
    targets = {}
    for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        found = dict(re.findall(rb'\b(Id|Target)="([^"]*)"', tag))
        if b"Id" in found and b"Target" in found:
            target = found[b"Target"].decode(errors="replace").lstrip("/")
            targets[found[b"Id"]] = target if target.startswith("xl/") else f"xl/{target}"
    names = {}
    for tag in re.findall(rb"<(?:\w+:)?sheet\b[^>]*>", book):
        name = re.search(rb'\bname="([^"]*)"', tag)
        rid = re.search(rb'\br:id="([^"]*)"', tag)
        if name and rid and rid.group(1) in targets:
            names[targets[rid.group(1)]] = html.unescape(name.group(1).decode(errors="replace"))
    return names


def _limit(total: int, unpacked: int, member: zipfile.ZipInfo, max_unpacked: int) -> None:
    if total > max_unpacked:
        raise WorkbookTooLarge(
            f"The workbook unpacks to more than {max_unpacked // 2**20} MB, far more than a "
            "return or a table of figures: it may be damaged or made to harm the server."
        )
    if unpacked > RATIO_AFTER and unpacked > MAX_RATIO * max(member.compress_size, 1):
        raise WorkbookTooLarge(
            f"A part of the workbook ({member.filename}) unpacks to more than {MAX_RATIO} "
            "times its size, which no real workbook does: it may be made to harm the server."
        )
