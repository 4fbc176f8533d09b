"""The checks themselves catch what they are for: a suite whose checks cannot fail proves
nothing. Each is run on a small page made to break one rule; no server is needed."""

from __future__ import annotations

import pytest

from . import axe, layout
from .visitor import Visitor

pytestmark = pytest.mark.browser

BROKEN = """<!DOCTYPE html><html lang="en"><head><title>Broken</title>
<style>.dark { background: #0b0c0c; } .dark a { color: #fff; }
.dark a:focus { color: #0b0c0c; outline: none; }</style>
</head><body><main>
<h1>A page that breaks the rules</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<div style="width: 500px">A banner wider than a phone</div>
<p style="width: 100px; height: 1.2em; overflow: hidden">A sentence too long for its box</p>
<div class="assure-table-wrapper" style="overflow-x: auto"><table style="width: 900px">
  <tr><th>A table may scroll inside its wrapper</th></tr></table></div>
<div class="dark"><a href="#" id="vanishing">A link that vanishes when focused</a></div>
</main></body></html>"""


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport=layout.DESKTOP)
    yield context.new_page()
    context.close()


def test_axe_reports_each_broken_rule_and_where(page):
    page.set_content(BROKEN)
    found = axe.violations(page)
    assert [v["id"] for v in found] == ["image-alt"]
    report = axe.report("the broken page", found)
    assert "image-alt (critical): Images must have alternative text" in report
    assert "at img" in report
    with pytest.raises(axe.AccessibilityError):
        axe.check(page, "the broken page")


def test_axe_reads_the_first_25_rows_of_a_table_and_leaves_the_repeats(page):
    rows = "".join(f"<tr><td>Row {n}</td></tr>" for n in range(1, 31))
    page.set_content(
        f'<html lang="en"><title>Rows</title><main><table><tbody>{rows}</tbody>'
        "</table></main></html>"
    )
    page.evaluate(
        """() => { for (const n of [3, 30]) {
             const img = document.createElement('img');
             document.querySelectorAll('tbody tr')[n - 1].cells[0].append(img); } }"""
    )
    [found] = axe.violations(page)
    assert [node["target"] for node in found["nodes"]] == [["tr:nth-child(3) > td > img"]]


def test_reflow_finds_what_sticks_out_or_is_cut_off_but_lets_tables_scroll(page):
    page.set_content(BROKEN)
    problems = layout.overflow(page, layout.PHONE)
    assert problems[0].startswith("the page scrolls sideways")
    assert any("A banner wider than a phone" in p and "sticks out" in p for p in problems)
    assert any("A sentence too long" in p and "cuts off" in p for p in problems)
    assert not any("A table may scroll" in p for p in problems)


def test_focus_that_hides_the_text_is_not_visible_focus(page):
    page.set_content(BROKEN)
    page.locator("#vanishing").focus()
    style = layout.focus_style(page)
    assert not style["visible"]
    assert style["unreadable"] == "rgb(11, 12, 12) on rgb(11, 12, 12): 1.00:1"


def test_a_page_seen_but_never_checked_fails_the_test(page):
    visitor = Visitor(page, base_url="", persona="tester")
    fine = '<html lang="en"><title>Fine</title><main><h1>Fine</h1></main></html>'
    page.set_content(fine)
    visitor.check()
    page.set_content(fine.replace("Fine", "Seen but not checked"))
    with pytest.raises(AssertionError, match="never checked with axe"):
        visitor.assert_every_page_checked()
    visitor.check()
    visitor.assert_every_page_checked()
