"""The indicator reference page, docs/indicators.md, generated from the registry.

Run `python -m analytics.indicators.docs` after changing an indicator's SQL; a test fails
while the page is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from analytics.indicators.registry import DATASETS, indicators
from analytics.vocabulary import PeriodType, Polarity, Unit

PAGE = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"
DATASET_TITLES = {
    "ssda903": "Looked-after children (SSDA903 return)",
    "cin": "Children in need and child protection (CIN census)",
    "annex_a": "Ofsted Annex A lists",
    "missing": "Missing episodes and return home interviews (local extract)",
    "exploitation": "Exploitation toolkits (local extract)",
    "workforce": "Social work workforce (local extract)",
}


def _words(label: str) -> str:
    """A label inside a sentence: 'Higher is better' as 'higher is better'."""
    return label[:1].lower() + label[1:]


def render() -> str:
    lines = [
        "# Indicator reference",
        "",
        "Generated from the SQL files in `analytics/indicators/sql/` by",
        "`python -m analytics.indicators.docs`; do not edit by hand. Each indicator is computed",
        "by `assure compute` and by the performance framework from the latest snapshot of its",
        "dataset, with the parameters `$period_start`, `$period_end` and `$la`.",
        "",
    ]
    chosen = list(indicators().values())
    for dataset in DATASETS:
        group = [i for i in chosen if i.dataset == dataset]
        if not group:
            continue
        lines += [f"## {DATASET_TITLES[dataset]}", ""]
        for indicator in group:
            lines += [
                f"### {indicator.reference}: {indicator.title}",
                "",
                indicator.definition,
                "",
                f"- Unit: {_words(Unit(indicator.unit).label)}; "
                f"{_words(Polarity(indicator.polarity).label)}",
                f"- Period: {_words(PeriodType(indicator.period).label)}",
                f"- Definition version: {indicator.version}",
                f"- File: `analytics/indicators/sql/{indicator.path.name}`",
            ]
            if indicator.breakdowns:
                lines.append(f"- Broken down by: {', '.join(indicator.breakdowns)}")
            if indicator.source:
                lines.append(f"- Source: {indicator.source}")
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    PAGE.write_text(render())
    sys.stdout.write(f"Wrote {PAGE}\n")
