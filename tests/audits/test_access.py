"""Who may do what in case audit: auditors and managers run audits; analysts and the board
read the figures; an agency's action owner writes only their agency's returns; outsiders see
nothing; and an auditor of one partnership sees nothing of another's."""

import pytest
from django.test import Client
from django.urls import reverse

from assure.audits.models import AgencyReturn, AuditTool, CaseAudit, DipSample

pytestmark = pytest.mark.django_db

FIGURES = ["audits", "audit-scores", "audit-compliance", "audit-learning", "audit-tools"]
CASEWORK = ["case-audits", "audit-cases", "audit-programme", "audit-sample-new", "audit-caseload"]


def torbay_audit():
    return CaseAudit.objects.filter(partnership__slug="torbay", status="completed").first()


def case_pages(slug, audit):
    return [
        reverse("case-audit", args=[slug, audit.pk]),
        reverse("case-audit-edit", args=[slug, audit.pk]),
        reverse("audit-action-new", args=[slug, audit.pk]),
        reverse("moderation-assign", args=[slug, audit.pk]),
    ]


@pytest.mark.parametrize("persona", ["manager", "auditor", "administrator"])
def test_auditors_and_managers_run_audits(client_as, persona):
    client = client_as(persona)
    for name in FIGURES + CASEWORK:
        assert client.get(reverse(name, args=["torbay"])).status_code == 200, name
    for url in case_pages("torbay", torbay_audit()):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["analyst", "board"])
def test_analysts_and_the_board_read_the_figures_but_no_case(client_as, persona):
    client = client_as(persona)
    for name in FIGURES:
        assert client.get(reverse(name, args=["torbay"])).status_code == 200, name
    for url in [reverse(n, args=["torbay"]) for n in CASEWORK] + case_pages(
        "torbay", torbay_audit()
    ):
        assert client.get(url).status_code == 403, url


def test_an_action_owner_sees_only_their_agencys_returns(client_as):
    client = client_as("owner")
    for name in FIGURES + CASEWORK:
        assert client.get(reverse(name, args=["torbay"])).status_code == 403, name
    page = client.get(reverse("my-returns", args=["torbay"])).content.decode()
    assert "Devon and Cornwall Police" in page and "NHS Devon" not in page


def test_an_outsider_gets_not_found_everywhere(client_as):
    client = client_as("outsider")
    audit = torbay_audit()
    dip = DipSample.objects.filter(partnership__slug="torbay").first()
    urls = [reverse(n, args=["torbay"]) for n in FIGURES + CASEWORK + ["my-returns"]]
    urls += case_pages("torbay", audit) + [reverse("dip-sample", args=["torbay", dip.pk])]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert Client().get(urls[0]).status_code == 302  # signed out: to the sign-in page


def test_an_auditor_of_one_partnership_sees_nothing_of_another(client_as, stockton_auditor):
    user, stockton_audit = stockton_auditor
    stockton = Client()
    stockton.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    torbay_one = torbay_audit()
    # Torbay's pages: not found, as if Torbay did not exist.
    for url in case_pages("torbay", torbay_one) + [reverse("case-audits", args=["torbay"])]:
        assert stockton.get(url).status_code == 404, url
    # Torbay's records reached through Stockton's address: not found either.
    torbay_return = AgencyReturn.objects.filter(audit__partnership__slug="torbay").first()
    torbay_tool = AuditTool.objects.filter(partnership__slug="torbay").first()
    for url in case_pages("stockton", torbay_one) + [
        reverse("audit-return", args=["stockton", torbay_return.pk]),
        reverse("audit-tool", args=["stockton", torbay_tool.pk]),
    ]:
        assert stockton.get(url).status_code == 404, url
    # Stockton's own list holds Stockton's audit and no other.
    page = stockton.get(reverse("case-audits", args=["stockton"])).content.decode()
    assert stockton_audit.case.pseudonym in page and torbay_one.case.pseudonym not in page
    tools = stockton.get(reverse("audit-tools", args=["stockton"])).content.decode()
    assert "Stockton audit tool" in tools and torbay_tool.name not in tools
    # And Torbay's auditor, the other way round.
    assert (
        client_as("auditor")
        .get(reverse("case-audit", args=["torbay", stockton_audit.pk]))
        .status_code
        == 404
    )


def test_forms_offer_only_this_partnerships_records(client_as, stockton_auditor):
    page = client_as("auditor").get(reverse("case-audit-new", args=["torbay"])).content.decode()
    assert "Stockton audit tool" not in page and "Stockton QA lead" not in page


@pytest.mark.parametrize("name", FIGURES + CASEWORK + ["exploitation", "my-returns"])
def test_a_partnership_with_no_audits_yet_sees_empty_pages(client_as, name):
    response = client_as("outsider").get(reverse(name, args=["stockton"]))  # Stockton's manager
    assert response.status_code == 200, name


@pytest.mark.parametrize("name", ["audit-scores", "audit-compliance", "audit-learning"])
@pytest.mark.parametrize("to", ["9999-12", "0001-01", "2021-13", "x", "2021-05-01", "-1"])
def test_a_month_out_of_range_or_malformed_shows_the_latest_months(client_as, name, to):
    response = client_as("auditor").get(reverse(name, args=["torbay"]), {"to": to})
    assert response.status_code == 200, (name, to)
