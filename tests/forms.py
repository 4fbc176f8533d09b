"""A page's form as a browser would post it back: every named field with its current value."""

from __future__ import annotations

import lxml.html


def form_values(page: str, index: int = -1) -> dict[str, str]:
    """The values of the page's form (the last one unless told: the header's sign-out is
    first), as the browser would send them unchanged."""
    form = lxml.html.fromstring(page).forms[index]
    values = {name: "" if value is None else value for name, value in form.form_values()}
    for area in form.xpath(".//textarea[@name]"):  # a browser drops the newline after <textarea>
        values[area.get("name")] = (area.text or "").removeprefix("\n")
    return values
