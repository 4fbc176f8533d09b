"""The indicator reference page, docs/indicators.md, generated from the registry.

Run `python -m analytics.indicators.docs` after changing an indicator's SQL; a test fails
while the page is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from analytics.indicators.periods import SPAN_LABELS
from analytics.indicators.registry import DATASETS, indicators

PAGE = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"
DATASET_TITLES = {
    "ssda903": "Looked-after children (SSDA903 return)",
    "cin": "Children in need and child protection (CIN census)",
    "annex_a": "Ofsted Annex A lists",
    "missing": "Missing episodes and return home interviews (local extract)",
    "exploitation": "Exploitation toolkits (local extract)",
    "workforce": "Social work workforce (local extract)",
}
UNITS = {
    "count": "number",
    "percent": "percentage",
    "rate_per_10000": "rate per 10,000 children aged 0-17",
    "average": "average",
    "days": "days (average)",
}
POLARITY = {"high": "higher is better", "low": "lower is better", "none": "neither"}


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
                f"- Unit: {UNITS[indicator.unit]}; {POLARITY[indicator.polarity]}",
                f"- Period: {SPAN_LABELS[indicator.period]}",
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
