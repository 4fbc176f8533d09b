"""Reading a CSV file into text columns, whatever Excel or a case-management export did to it.

Handles the byte-order marks Excel writes (UTF-8 and UTF-16), files saved in Windows-1252,
blank trailing lines and ragged rows; reports each as a problem naming the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from analytics.problems import Problem, fatal, warning

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass
class CsvContent:
    header: list[str] = field(default_factory=list)
    columns: dict[str, pa.Array] = field(default_factory=dict)
    rows: pa.Array = field(default_factory=lambda: pa.array([], pa.int64()))
    problems: list[Problem] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return not any(p.fatal for p in self.problems)


def _decode(data: bytes, name: str, problems: list[Problem]) -> bytes:
    """The file as UTF-8 bytes without a byte-order mark."""
    if data.startswith(UTF8_BOM):
        problems.append(
            warning(
                name,
                "encoding.bom",
                "The file starts with a byte-order mark (Excel's 'CSV UTF-8'); it was read "
                "correctly.",
            )
        )
        return data[len(UTF8_BOM) :]
    if data[:2] in UTF16_BOMS:
        problems.append(
            warning(
                name,
                "encoding.utf16",
                "The file is UTF-16 (Excel's 'Unicode text'); it was read as such.",
                expected="UTF-8",
            )
        )
        return data.decode("utf-16").encode("utf-8")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(
            warning(
                name,
                "encoding.windows1252",
                f"The file is not UTF-8 (byte {error.start}); it was read as Windows-1252.",
                expected="UTF-8",
            )
        )
        return data.decode("cp1252", errors="replace").encode("utf-8")
    return data


def _header(data: bytes) -> list[str]:
    first = data.split(b"\n", 1)[0].decode("utf-8").rstrip("\r")
    return [name.strip() for name in next(csv.reader(io.StringIO(first)), [])]


def read_csv(path: Path, name: str) -> CsvContent:
    """Every cell as text (null when empty); fatal problems when there is nothing to read."""
    content = CsvContent()
    data = path.read_bytes()
    if not data.strip():
        content.problems.append(
            fatal(name, "file.empty", "The file is empty.", expected="a header row and data")
        )
        return content
    data = _decode(data, name, content.problems)
    content.header = _header(data)
    duplicates = sorted({h for h in content.header if content.header.count(h) > 1})
    if duplicates:
        content.problems.append(
            fatal(
                name,
                "columns.duplicated",
                f"The header names {', '.join(duplicates)} more than once.",
                row=1,
            )
        )
        return content
    return _parse(data, name, content)


def _parse(data: bytes, name: str, content: CsvContent) -> CsvContent:
    options = pacsv.ConvertOptions(
        column_types={h: pa.string() for h in content.header},
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
        null_values=[""],
    )
    read = pacsv.ReadOptions(column_names=content.header, skip_rows=1, block_size=1 << 24)
    try:
        table = pacsv.read_csv(pa.BufferReader(data), read_options=read, convert_options=options)
    except pa.ArrowInvalid as error:
        content.problems.append(
            fatal(
                name,
                "file.unreadable",
                f"The file could not be read as CSV: {str(error).splitlines()[0]}",
                expected=f"{len(content.header)} cells in every row, as in the header",
            )
        )
        return content
    content.columns = {h: table.column(h).combine_chunks() for h in content.header}
    content.rows = pa.array(range(2, table.num_rows + 2), pa.int64())
    return content
