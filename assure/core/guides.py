"""The file formats, as pages a user can open: the guides in docs/ rendered in the service, so
an upload page links to its format rather than naming a file in the source; and templates to
download and fill in.

markdown-it-py (CommonMark, with tables) renders them, raw HTML off; GOV.UK classes are put
on the elements the guides use.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from markdown_it import MarkdownIt


@dataclass(frozen=True)
class Guide:
    title: str
    path: str  # under docs/


GUIDES = {
    "performance-files": Guide("Performance files: figures and benchmarks", "performance-files.md"),
    "local-extracts": Guide("Local extracts", "formats/local_extracts.md"),
    "ssda903": Guide("SSDA903: the children looked after return", "formats/ssda903.md"),
    "cin-census": Guide("The children in need census", "formats/cin-census.md"),
    "power-bi": Guide("Power BI and Excel: reading Assure's API", "power-bi.md"),
}

CLASSES = {
    "<h1>": '<h1 class="govuk-heading-l">',
    "<h2>": '<h2 class="govuk-heading-m">',
    "<h3>": '<h3 class="govuk-heading-s">',
    "<p>": '<p class="govuk-body">',
    "<ul>": '<ul class="govuk-list govuk-list--bullet">',
    "<ol>": '<ol class="govuk-list govuk-list--number">',
    "<table>": '<div class="assure-table-wrapper" tabindex="0" role="region" aria-label="Table">'
    '<table class="govuk-table">',
    "</table>": "</table></div>",
    "<thead>": '<thead class="govuk-table__head">',
    "<tbody>": '<tbody class="govuk-table__body">',
    "<tr>": '<tr class="govuk-table__row">',
    "<th>": '<th scope="col" class="govuk-table__header">',
    "<td>": '<td class="govuk-table__cell">',
    "<a href=": '<a class="govuk-link" href=',
}


def render(name: str) -> tuple[str, str] | None:
    """The guide's title and its body as HTML; None for no such guide."""
    guide = GUIDES.get(name)
    if guide is None:
        return None
    text = (Path(settings.BASE_DIR) / "docs" / guide.path).read_text(encoding="utf-8")
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    html = html.split("</h1>", 1)[-1]  # the page gives the title
    for plain, classed in CLASSES.items():
        html = html.replace(plain, classed)
    return guide.title, html


def csv_template(columns: Iterable[str], name: str) -> HttpResponse:
    """A CSV file of the column headings alone, to fill in (with a byte-order mark, so Excel
    opens it as UTF-8)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")
    csv.writer(response).writerow(columns)
    return response
