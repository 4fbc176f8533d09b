"""Audit tools are data: an auditor adds a tool, its domains and edits its scale through the
web; a new tool starts with 004's scale; a tool's domain numbers are its own."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from assure.audits.models import AuditTool, Programme
from assure.core.models import ChangeRecord, Membership

pytestmark = pytest.mark.django_db


def test_an_auditor_builds_a_multi_agency_tool(client_as, torbay):
    client = client_as("auditor")
    response = client.post(
        reverse("audit-tool-new", args=["torbay"]),
        {
            "name": "Neglect thematic audit",
            "kind": "multi_agency",
            "description": "",
            "count_indicator": "",
            "is_active": "on",
        },
    )
    tool = AuditTool.objects.get(partnership=torbay, name="Neglect thematic audit")
    assert response["Location"] == reverse("audit-tool", args=["torbay", tool.pk])
    scale = [(lv.score, lv.label, lv.counts) for lv in tool.scale.all()]
    assert scale[0] == (1, "Exceeds good", True) and scale[2] == (3, "Does not meet good", True)
    assert scale[3] == (4, "N/A", False)  # N/A: left out of every average
    new_domain = reverse("audit-domain-new", args=["torbay", tool.pk])
    client.post(
        new_domain,
        {
            "number": "1",
            "title": "Neglect is recognised early",
            "guidance": "",
            "indicator": "",
            "position": "0",
        },
    )
    clash = client.post(
        new_domain,
        {"number": "1", "title": "Again", "guidance": "", "indicator": "", "position": "1"},
    )
    assert clash.status_code == 400 and "already has a domain 1" in clash.content.decode()
    page = client.get(reverse("audit-tool", args=["torbay", tool.pk])).content.decode()
    assert "Neglect is recognised early" in page and "Multi-agency" in page
    assert ChangeRecord.objects.filter(
        object_type="audits.domain", actor__username="torbay.auditor"
    ).exists()


def test_the_scale_is_edited_but_one_grade_must_count(client_as, torbay, small_tool):
    client = client_as("auditor")
    exceeds, meets, not_met, na = small_tool.scale.all()

    def untick(level, label):  # a form posted without "counts" unticks it
        url = reverse("audit-level-edit", args=["torbay", level.pk])
        return client.post(url, {"label": label, "meaning": ""})

    assert untick(exceeds, "Outstanding").status_code == 302
    exceeds.refresh_from_db()
    assert (exceeds.label, exceeds.counts) == ("Outstanding", False)
    assert untick(meets, "Meets good").status_code == 302
    last = untick(not_met, "Does not meet good")  # with N/A, none would count
    assert last.status_code == 400 and "At least one grade must count" in last.content.decode()
    not_met.refresh_from_db()
    assert not_met.counts


def test_the_audit_day_is_set_for_the_partnership(stockton):
    user = get_user_model().objects.create_user("stockton.qa")
    Membership.objects.create(user=user, partnership=stockton, role="auditor")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("audit-programme", args=["stockton"])).content.decode()
    assert "The last Thursday of every month" in page
    assert not Programme.objects.filter(partnership=stockton).exists()  # reading wrote nothing
    response = client.post(
        reverse("audit-programme-edit", args=["stockton"]),
        {"audit_week": "1", "audit_weekday": "1", "grace_days": "5", "notes": ""},
    )
    assert response.status_code == 302
    assert (
        "The first Tuesday of every month"
        in client.get(reverse("audit-programme", args=["stockton"])).content.decode()
    )


def test_an_analyst_sends_the_scores_to_the_performance_framework(client_as, torbay):
    analyst = client_as("analyst")
    response = analyst.post(reverse("audit-publish", args=["torbay"]) + "?to=2021-05&months=2")
    assert response["Location"] == reverse("audit-scores", args=["torbay"]) + "?to=2021-05&months=2"
    page = analyst.get(response["Location"]).content.decode()
    assert "Sent April 2021 to May 2021 to the performance framework: 24 figures written" in page
    assert client_as("board").post(reverse("audit-publish", args=["torbay"])).status_code == 403
