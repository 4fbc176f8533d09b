"""Loads a demo partnership's performance framework from `demo/data/<slug>/performance/*.yaml`.

Each file holds the performance tables of one theme of a plan, laid out as the report prints
them: a table's month columns once, then each measure's cells in the same order, as printed
("9.6%", "n/a", "not available for March"). A cell saying there is no figure becomes a
missing figure with that text as its note, never a zero; an empty cell records nothing. The
figures go through the same services as the web pages, so they are checked the same way.
See demo/FORMAT.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from analytics.periods import ReportingPeriod, parse_financial_year
from assure.core.models import Partnership
from assure.performance import services, units
from assure.performance.models import Benchmark, Indicator, Observation
from assure.plans.models import Priority

INDICATOR_FIELDS = (
    "title",
    "sub_heading",
    "unit",
    "decimals",
    "polarity",
    "period_type",
    "year_to_date",
    "definition",
    "numerator_definition",
    "denominator_definition",
    "source",
)


class PerformanceDataError(Exception):
    pass


def load_performance(partnership: Partnership, folder: Path) -> None:
    """Load every file of the partnership's performance folder, if it has one."""
    for position, path in enumerate(sorted((folder / "performance").glob("*.yaml"))):
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        try:
            _load_file(partnership, spec, 1000 * position)
        except (KeyError, ValueError) as error:
            raise PerformanceDataError(f"{path}: {error}") from error


def _load_file(partnership: Partnership, spec: dict[str, Any], position: int) -> None:
    theme = Priority.objects.get(
        plan__partnership=partnership, plan__title=spec["plan"], code=spec["theme"]
    )
    for table in spec["tables"]:
        for item in table["indicators"]:
            position += 1
            indicator = _indicator(partnership, theme, table, item, position)
            _figures(indicator, table, item, spec["source"])
            _target(indicator, table, item)
            _benchmarks(indicator, table, item)


def _indicator(
    partnership: Partnership,
    theme: Priority,
    table: dict[str, Any],
    item: dict[str, Any],
    position: int,
) -> Indicator:
    fields = {name: item.get(name, table.get(name, "")) for name in INDICATOR_FIELDS}
    fields["sub_heading"] = table.get("sub_heading") or ""
    fields["decimals"] = item.get("decimals", table.get("decimals", 0))
    fields["source"] = Indicator.Source.FILE
    baseline = item.get("baseline_year", table.get("baseline_year"))
    fields |= {
        "reference": str(item["reference"]),
        "theme": theme,
        "standing_notes": (item.get("notes") or "").strip(),
        "baseline_year": parse_financial_year(baseline) if baseline else None,
        "position": position,
    }
    return services.save_indicator(None, partnership, None, **fields)


def _cells(table: dict[str, Any], item: dict[str, Any]) -> list[tuple[ReportingPeriod, Any, Any]]:
    """(period, printed cell, [numerator, denominator] or None) for every cell of the row."""
    months = [ReportingPeriod.parse(str(month)) for month in table.get("months") or []]
    values = item.get("values") or []
    if len(values) != len(months):
        raise ValueError(f"{item['reference']}: {len(values)} values for {len(months)} months")
    fractions = item.get("fractions") or [None] * len(months)
    cells = list(zip(months, values, fractions, strict=True))
    for key, period in (
        ("baseline", _year(item.get("baseline_year", table.get("baseline_year")))),
        ("final", _year(table.get("final"))),
        ("ytd", _ytd(table.get("ytd_through"))),
    ):
        if key in item and period is not None:
            cells.append((period, item[key], item.get(f"{key}_fraction")))
    return cells


def _year(text: Any) -> ReportingPeriod | None:
    return ReportingPeriod.year(parse_financial_year(str(text))) if text else None


def _ytd(text: Any) -> ReportingPeriod | None:
    return ReportingPeriod.parse(f"YTD {text}") if text else None


def _figures(
    indicator: Indicator, table: dict[str, Any], item: dict[str, Any], source: str
) -> None:
    provisional_from = ReportingPeriod.parse(str(table["provisional_from"])).end
    for period, printed, fraction in _cells(table, item):
        value, missing = units.read_number(printed)
        if value is None and not missing:
            continue
        note = _missing_note(missing) if value is None else ""
        if period.span == "year_to_date" and table.get("ytd_note"):
            note = " ".join(part for part in (note, table["ytd_note"]) if part)
        if fraction:
            note = " ".join(part for part in (note, item.get("fraction_note", "")) if part)
        status = "provisional" if period.end >= provisional_from else "final"
        numerator, denominator = (units.read_number(p)[0] for p in fraction or (None, None))
        figures = services.Figures(
            value,
            numerator,
            denominator,
            status,
            note,
            Observation.Source.FILE,
            f"{source}, measure {indicator.reference}",
        )
        services.record_observation(None, indicator, period, figures)


def _missing_note(printed: str) -> str:
    if len(printed) > 4:
        return printed
    return f"Printed as '{printed}': no figure"


def _target_end(cell: Any) -> tuple[Any, str]:
    if str(cell).strip().upper() == "TBC":
        return None, "TBC"
    return units.read_number(cell)


def _target(indicator: Indicator, table: dict[str, Any], item: dict[str, Any]) -> None:
    """The band as printed: numbers, or words such as TBC and n/a kept as the note."""
    printed = item.get("target")
    if not printed:
        return
    (minimum, first), (upper, second) = (_target_end(cell) for cell in printed)
    services.save_target(
        None,
        indicator,
        None,
        financial_year=parse_financial_year(str(table["target_year"])),
        minimum=minimum,
        upper=upper,
        note=", ".join(dict.fromkeys(text for text in (first, second) if text)),
    )


def _benchmarks(indicator: Indicator, table: dict[str, Any], item: dict[str, Any]) -> None:
    year = parse_financial_year(str(table["benchmark_year"]))
    columns = table.get("benchmarks") or []
    for column, printed in zip(columns, item.get("benchmarks") or [], strict=False):
        kind, _, label = column.partition("|")
        cell = printed if isinstance(printed, dict) else {"value": printed}
        value, _ = units.read_number(cell["value"])
        if value is None:
            continue
        services.save_benchmark(
            None,
            indicator,
            None,
            financial_year=parse_financial_year(str(cell.get("year", year))),
            kind=Benchmark.Kind(kind),
            label=label,
            value=value,
            source=table.get("benchmark_source", ""),
            note=cell.get("note", table.get("benchmark_note", "")),
        )
