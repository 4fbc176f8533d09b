"""Who may do what in case audit: auditors and managers run audits; analysts and the board
read the figures; an agency's action owner writes only their agency's returns; outsiders see
nothing; and an auditor of one partnership sees nothing of another's."""

import pytest
from django.test import Client
from django.urls import reverse

from assure.audits.models import AuditTool
from tests.factories import (
    LearningThemeFactory,
    MemberFactory,
    PartnershipFactory,
    signed_in,
)

from .factories import (
    AuditFactory,
    AuditorFactory,
    DipSampleFactory,
    ToolFactory,
    ask_returns,
    graded,
)

pytestmark = pytest.mark.django_db

FIGURES = ["audits", "audit-scores", "audit-compliance", "audit-learning", "audit-tools"]
CASEWORK = ["case-audits", "audit-cases", "audit-programme", "audit-sample-new", "audit-caseload"]


@pytest.fixture
def completed(partnership, small_tool, people):
    """A completed audit of the partnership, by its auditor."""
    audit = AuditFactory(partnership=partnership, tool=small_tool, auditor=people("auditor").person)
    return graded(audit, [2, 3, 4])


def case_pages(slug, audit):
    return [
        reverse("case-audit", args=[slug, audit.pk]),
        reverse("case-audit-edit", args=[slug, audit.pk]),
        reverse("audit-action-new", args=[slug, audit.pk]),
        reverse("moderation-assign", args=[slug, audit.pk]),
    ]


@pytest.mark.parametrize("persona", ["manager", "auditor", "administrator"])
def test_auditors_and_managers_run_audits(signed_in_as, partnership, completed, persona):
    client = signed_in_as(persona)
    for name in FIGURES + CASEWORK:
        assert client.get(reverse(name, args=[partnership.slug])).status_code == 200, name
    for url in case_pages(partnership.slug, completed):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["analyst", "board"])
def test_analysts_and_the_board_read_the_figures_but_no_case(
    signed_in_as, partnership, completed, persona
):
    client = signed_in_as(persona)
    slug = partnership.slug
    for name in FIGURES:
        assert client.get(reverse(name, args=[slug])).status_code == 200, name
    for url in [reverse(n, args=[slug]) for n in CASEWORK] + case_pages(slug, completed):
        assert client.get(url).status_code == 403, url


def test_an_action_owner_sees_only_their_agencys_returns(
    partnership, owner, police, health, people
):
    tool = ToolFactory(partnership=partnership, kind=AuditTool.Kind.MULTI)
    ours = AuditFactory(partnership=partnership, tool=tool, auditor=people("auditor").person)
    health_only = AuditFactory(partnership=partnership, tool=tool, auditor=ours.auditor)
    ask_returns(ours, police, health)
    ask_returns(health_only, health)
    client = signed_in(owner)
    for name in FIGURES + CASEWORK:
        assert client.get(reverse(name, args=[partnership.slug])).status_code == 403, name
    page = client.get(reverse("my-returns", args=[partnership.slug])).content.decode()
    assert "Devon and Cornwall Police" in page and "NHS Devon" not in page
    assert ours.case.pseudonym in page and health_only.case.pseudonym not in page


def test_an_outsider_gets_not_found_everywhere(partnership, completed):
    client = signed_in(MemberFactory(partnership=PartnershipFactory()))  # another's manager
    dip = DipSampleFactory(partnership=partnership)
    slug = partnership.slug
    urls = [reverse(n, args=[slug]) for n in FIGURES + CASEWORK + ["my-returns"]]
    urls += case_pages(slug, completed) + [reverse("dip-sample", args=[slug, dip.pk])]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert Client().get(urls[0]).status_code == 302  # signed out: to the sign-in page


def test_an_auditor_of_one_partnership_sees_nothing_of_another(
    signed_in_as, partnership, completed, police
):
    elsewhere = PartnershipFactory()
    their_auditor = MemberFactory(partnership=elsewhere, role="auditor")
    their_tool = ToolFactory(partnership=elsewhere, name="Their audit tool")
    their_audit = AuditFactory(partnership=elsewhere, tool=their_tool, auditor=their_auditor.person)
    multi = ToolFactory(partnership=partnership, kind=AuditTool.Kind.MULTI)
    (our_return,) = ask_returns(AuditFactory(partnership=partnership, tool=multi), police)
    theirs = signed_in(their_auditor)
    ours, there = partnership.slug, elsewhere.slug
    # Our pages: not found, as if our partnership did not exist.
    for url in case_pages(ours, completed) + [reverse("case-audits", args=[ours])]:
        assert theirs.get(url).status_code == 404, url
    # Our records reached through their own address: not found either.
    for url in case_pages(there, completed) + [
        reverse("audit-return", args=[there, our_return.pk]),
        reverse("audit-tool", args=[there, completed.tool.pk]),
    ]:
        assert theirs.get(url).status_code == 404, url
    # Their own list holds their audit and no other.
    page = theirs.get(reverse("case-audits", args=[there])).content.decode()
    assert their_audit.case.pseudonym in page and completed.case.pseudonym not in page
    tools = theirs.get(reverse("audit-tools", args=[there])).content.decode()
    assert "Their audit tool" in tools and completed.tool.name not in tools
    # And our auditor, the other way round.
    response = signed_in_as("auditor").get(reverse("case-audit", args=[ours, their_audit.pk]))
    assert response.status_code == 404


def test_forms_offer_only_this_partnerships_records(signed_in_as, partnership, small_tool):
    AuditorFactory(partnership=partnership, person__name="Our QA lead")
    elsewhere = PartnershipFactory()
    ToolFactory(partnership=elsewhere, name="Their audit tool")
    AuditorFactory(partnership=elsewhere, person__name="Their QA lead")
    page = signed_in_as("auditor").get(reverse("case-audit-new", args=[partnership.slug]))
    html = page.content.decode()
    assert small_tool.name in html and "Our QA lead" in html
    assert "Their audit tool" not in html and "Their QA lead" not in html


@pytest.mark.parametrize("name", FIGURES + CASEWORK + ["exploitation", "my-returns"])
def test_a_partnership_with_no_audits_yet_sees_empty_pages(signed_in_as, partnership, name):
    response = signed_in_as("manager").get(reverse(name, args=[partnership.slug]))
    assert response.status_code == 200, name


# The latest month with a completed audit (May 2021), as each page heads it.
LATEST = {"audit-scores": "May 21", "audit-compliance": "May 21", "audit-learning": "Q1 2021/22"}


@pytest.mark.parametrize("name", LATEST)
@pytest.mark.parametrize("to", ["9999-12", "0001-01", "2021-13", "x", "2021-05-01", "-1"])
def test_a_month_out_of_range_or_malformed_shows_the_latest_months(
    signed_in_as, partnership, completed, name, to
):
    LearningThemeFactory(partnership=partnership)  # the learning page heads its quarters
    response = signed_in_as("auditor").get(reverse(name, args=[partnership.slug]), {"to": to})
    page = response.content.decode()
    assert response.status_code == 200 and LATEST[name] in page, (name, to)
    assert "Jun 21" not in page and "Q2 2021/22" not in page, (name, to)
