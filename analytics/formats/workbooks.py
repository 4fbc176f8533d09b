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
                raise WorkbookTooLarge(
                    f"The sheet {sheet} has a cell at row {reach.rows:,}, column "
                    f"{reach.columns:,}: read whole it would be {reach.cells():,} cells, more "
                    f"than {max_cells:,}. Delete the rows and columns past the table (select "
                    "them, Delete) and save the workbook again."
                )


# A cell's (or a row's) row number, leading zeros aside (they would make a short number
# look long), and a cell's column letters.
_ROW = re.compile(rb' r="[A-Z]{0,3}0*(\d+)"')
_COLUMN = re.compile(rb' r="([A-Z]{1,3})\d')
# A cell or a row, referenced or not, with a namespace prefix or without (and a few other
# elements beginning so, <col> among them). Counted with bytes.count, four passes in C;
# text that happens to match only makes the count, and so the refusal, more cautious.
_ELEMENTS = (b"<c", b":c", b"<row", b":row")


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
        rows = _ROW.findall(text)
        elements = sum(text.count(element) for element in _ELEMENTS)
        self.unreferenced += max(0, elements - len(rows))
        if rows:
            # The largest number is the largest of the longest (no leading zeros).
            longest = max(map(len, rows))
            self.rows = max(self.rows, int(max(r for r in rows if len(r) == longest)))
        letters = set(_COLUMN.findall(text))
        if letters:
            self.columns = max(self.columns, *map(_column, letters))

    def cells(self) -> int:
        return (self.rows + self.unreferenced) * (self.columns + self.unreferenced)


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


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
