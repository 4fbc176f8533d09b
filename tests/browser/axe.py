"""The automatic accessibility check: axe-core against WCAG 2.0, 2.1 and 2.2, levels A and AA.

axe-core comes with axe-playwright-python (its axe.min.js). Browser contexts of the suite add
it to every page as an init script (`SOURCE`), sent to the browser once; on a page without it,
it is put in through the DevTools protocol. Either way the site's Content Security Policy
needs no exception.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
# Rows after the 25th of a table body repeat the markup of those before them; leaving them
# out keeps a register of hundreds of rows from costing axe (colour contrast above all) tens
# of seconds. Every page is still checked whole apart from those rows.
CONTEXT = {"exclude": [["tbody > tr:nth-child(n+26)"]]}
# The rules whose outcome depends on the width the page is laid out at; the rest are run once.
LAYOUT_RULES = ["target-size", "scrollable-region-focusable", "meta-viewport"]

SOURCE = Axe().axe_script


class AccessibilityError(AssertionError):
    pass


def violations(page: Page, rules: list[str] | None = None) -> list[dict]:
    options = OPTIONS
    if rules:
        options = {**OPTIONS, "runOnly": {"type": "rule", "values": rules}}
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(SOURCE)
    script = "([context, options]) => window.axe.run(context, options)"
    return page.evaluate(script, [CONTEXT, options])["violations"]


def report(where: str, found: list[dict]) -> str:
    """A report a developer can act on: each rule broken, why it matters, and where."""
    lines = [f"{len(found)} WCAG A/AA rule(s) broken on {where}:"]
    for violation in found:
        lines.append(
            f"\n- {violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {' '.join(node['target'])}: {node['html'][:160]}")
            lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ...and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def check(page: Page, where: str, rules: list[str] | None = None) -> None:
    found = violations(page, rules)
    if found:
        raise AccessibilityError(report(where, found))
