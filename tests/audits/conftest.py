"""Fixtures for case audit tests: a small tool of three domains (one usually N/A), a person to
audit with, and Stockton's own auditor with one audit of Stockton's own."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from assure.audits import arrangements
from assure.audits.models import AuditTool, Case, CaseAudit, Domain
from assure.core.models import Membership, Role
from assure.partnership.models import Person


@pytest.fixture
def small_tool(torbay) -> AuditTool:
    tool = arrangements.save_tool(
        None,
        torbay,
        None,
        name="Three-domain tool",
        kind="single_agency",
        description="",
        count_indicator="",
        is_active=True,
    )
    for number, title in enumerate(["Risk", "Voice of the child", "Quality of placement"], start=1):
        Domain.objects.create(tool=tool, number=str(number), title=title, position=number)
    return tool


def level(tool: AuditTool, score: int):
    return tool.scale.get(score=score)


@pytest.fixture
def stockton_auditor(stockton):
    """Stockton's quality assurance lead (the demo has none), and one Stockton audit."""
    user = get_user_model().objects.create_user("stockton.auditor")
    person = Person.objects.create(partnership=stockton, name="Stockton QA lead")
    Membership.objects.create(user=user, partnership=stockton, role=Role.AUDITOR, person=person)
    tool = arrangements.save_tool(
        None,
        stockton,
        None,
        name="Stockton audit tool",
        kind="single_agency",
        description="",
        count_indicator="",
        is_active=True,
    )
    case = arrangements.add_case(None, stockton, identifier="S-1", category="child_in_need")
    audit = CaseAudit.objects.create(
        partnership=stockton, case=case, tool=tool, month=dt.date(2021, 5, 1), auditor=person
    )
    return user, audit


def torbay_case(torbay, identifier: str = "TEST-1", category: str = "cared_for") -> Case:
    return arrangements.add_case(None, torbay, identifier=identifier, category=category)


@pytest.fixture(autouse=True)
def _reads_the_demo(demo) -> None:
    """The tests here read the demo partnerships (not yet built from tests/factories.py)."""
