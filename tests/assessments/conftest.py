"""Small self-assessment worlds built with the factories (tests/assessments/factories.py) on a
partnership of its own: a framework of three standards in two areas rated met / partly met /
not met / not applicable, agencies each with a contributor (its lead), a round sent to them,
the reviewers and readers of the partnership, and helpers to rate and submit as the agency
would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from assure.assessments import services
from assure.assessments.models import Framework, Level, Return, Round
from assure.core.models import Membership, Partnership
from tests.factories import MemberFactory

from .factories import DUE, Agency, FrameworkFactory, RoundFactory, make_agency


def level(assessment: Return, label: str) -> Level:
    return Level.objects.get(framework=assessment.round.framework_id, label=label)


def rate(agency: Agency, assessment: Return, ratings: dict[str, str]) -> Return:
    """Save a draft rating each standard number as labelled, with what each rating needs."""
    entries = {}
    for rating in assessment.ratings.select_related("standard"):
        label = ratings.get(rating.standard.number)
        if label is None:
            continue
        chosen = level(assessment, label)
        entries[rating.standard_id] = services.Entry(
            level=chosen,
            evidence="Policy reviewed in 2024" if chosen.outcome != "na" else "Not our service",
            actions="Refresh it by June" if chosen.needs_action else "",
        )
    return services.save_draft(agency.member, assessment, entries)


def submit(agency: Agency, assessment: Return, on: dt.date = DUE) -> Return:
    return services.submit_return(
        agency.member,
        assessment,
        signed_off_by="Chief Executive",
        signed_off_role="Chief Executive of the agency",
        today=on,
    )


@pytest.fixture
def framework(partnership) -> Framework:
    return FrameworkFactory(partnership=partnership)


@pytest.fixture
def agencies(partnership) -> list[Agency]:
    return [make_agency(partnership, name) for name in ("Alpha Trust", "Beta Care", "Gamma Aid")]


@pytest.fixture
def sent(partnership, framework, agencies) -> Round:
    return RoundFactory(
        partnership=partnership,
        framework=framework,
        organisations=[a.organisation for a in agencies],
    )


@pytest.fixture
def return_of(sent) -> Callable[[Agency], Return]:
    def find(agency: Agency) -> Return:
        return sent.returns.get(organisation=agency.organisation)

    return find


@pytest.fixture
def auditor(member) -> Membership:
    """A reviewer: sends rounds, queries, agrees ratings, reopens returns, chases."""
    return member("auditor")


@pytest.fixture
def board(member) -> Membership:
    """A board member: reads submitted returns and results."""
    return member("board")


@pytest.fixture
def manager(member) -> Membership:
    return member("manager")


@pytest.fixture
def outsider(db) -> Membership:
    """The business manager of another partnership."""
    return MemberFactory()


@pytest.fixture
def url(partnership: Partnership) -> Callable[[str], str]:
    """The address of a self-assessment page of `partnership`: url("rounds/new/")."""
    return lambda tail: f"/p/{partnership.slug}/self-assessments/{tail}"
