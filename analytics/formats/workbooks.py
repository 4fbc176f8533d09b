"""Excel workbooks are zip files, and a zip can unpack to thousands of times its size (a
decompression bomb: 2 MB that becomes 2 GB). Before a workbook is parsed, its parts are
unpacked once, a block at a time and thrown away, counting: one that unpacks to more than a
real return could, or far more than its packed size, is refused as soon as that is known,
whatever its headers claim, in well under a second and with a block of memory."""

from __future__ import annotations

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


class WorkbookTooLarge(Exception):
    """What the workbook would unpack to, in words for the person who uploaded it."""


def check(source: Path | IO[bytes], max_unpacked: int = MAX_UNPACKED) -> None:
    """Raise WorkbookTooLarge if the workbook unpacks beyond the limits; a file that is not a
    zip at all is left for the reader to refuse in its own words."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        return
    total = 0
    with archive:
        for member in archive.infolist():
            unpacked = 0
            try:
                with archive.open(member) as part:
                    while block := part.read(BLOCK):
                        unpacked += len(block)
                        total += len(block)
                        _limit(total, unpacked, member, max_unpacked)
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError):
                return  # damaged: the reader says so
        return


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
