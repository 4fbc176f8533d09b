"""A rule across rows and tables: a DuckDB query over the typed tables of a load.

The query returns the rows that break the rule, each as (file, row, value, message).
`dfe` names the rules of the Department's validators (csc-validator-be-903, -cin) the rule
answers, so the parity table (`benchmarks/rule_parity.py`) can say who checks what.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    tables: tuple[str, ...]
    column: str
    expected: str
    sql: str
    dfe: tuple[str, ...] = ()


def dated_rule(
    code: str,
    severity: str,
    tables: tuple[str, ...],
    column: str,
    expected: str,
    dfe: tuple[str, ...],
    sql: str,
    *,
    dates: tuple[str, str],
) -> Rule:
    """A rule whose SQL names its date format by a word, `dates` = (word, strftime format),
    so each format's rules write dates as its files do (SSDA903 dd/mm/yyyy, CIN ISO)."""
    word, written = dates
    return Rule(code, severity, tables, column, expected, sql.replace(word, written), dfe)
