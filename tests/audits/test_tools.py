"""Audit tools are data: an auditor adds a tool, its domains and edits its scale through the
web; a new tool starts with 004's scale; a tool's domain numbers are its own."""

import datetime as dt

import pytest
from django.urls import reverse

from assure.audits.models import AuditTool, Programme
from assure.core.models import ChangeRecord
from assure.performance.models import Observation

from .factories import AuditFactory, DomainFactory, ToolFactory, recorded

pytestmark = pytest.mark.django_db


def test_an_auditor_builds_a_multi_agency_tool(signed_in_as, people, partnership):
    slug = partnership.slug
    client = signed_in_as("auditor")
    response = client.post(
        reverse("audit-tool-new", args=[slug]),
        {
            "name": "Neglect thematic audit",
            "kind": "multi_agency",
            "description": "",
            "count_indicator": "",
            "is_active": "on",
        },
    )
    tool = AuditTool.objects.get(partnership=partnership, name="Neglect thematic audit")
    assert response["Location"] == reverse("audit-tool", args=[slug, tool.pk])
    scale = [(lv.score, lv.label, lv.counts) for lv in tool.scale.all()]
    assert scale[0] == (1, "Exceeds good", True) and scale[2] == (3, "Does not meet good", True)
    assert scale[3] == (4, "N/A", False)  # N/A: left out of every average
    new_domain = reverse("audit-domain-new", args=[slug, tool.pk])
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
    page = client.get(reverse("audit-tool", args=[slug, tool.pk])).content.decode()
    assert "Neglect is recognised early" in page and "Multi-agency" in page
    assert [d.title for d in tool.domains.all()] == ["Neglect is recognised early"]
    assert ChangeRecord.objects.filter(
        object_type="audits.domain", actor=people("auditor").user
    ).exists()


def test_the_scale_is_edited_but_one_grade_must_count(signed_in_as, partnership, small_tool):
    client = signed_in_as("auditor")
    exceeds, meets, not_met, na = small_tool.scale.all()

    def untick(level, label):  # a form posted without "counts" unticks it
        url = reverse("audit-level-edit", args=[partnership.slug, level.pk])
        return client.post(url, {"label": label, "meaning": ""})

    assert untick(exceeds, "Outstanding").status_code == 302
    exceeds.refresh_from_db()
    assert (exceeds.label, exceeds.counts) == ("Outstanding", False)
    assert untick(meets, "Meets good").status_code == 302
    last = untick(not_met, "Does not meet good")  # with N/A, none would count
    assert last.status_code == 400 and "At least one grade must count" in last.content.decode()
    not_met.refresh_from_db()
    assert not_met.counts


def test_the_audit_day_is_set_for_the_partnership(signed_in_as, partnership):
    client = signed_in_as("auditor")
    slug = partnership.slug
    page = client.get(reverse("audit-programme", args=[slug])).content.decode()
    assert "The last Thursday of every month" in page
    assert not Programme.objects.filter(partnership=partnership).exists()  # reading wrote nothing
    response = client.post(
        reverse("audit-programme-edit", args=[slug]),
        {"audit_week": "1", "audit_weekday": "1", "grace_days": "5", "notes": ""},
    )
    assert response.status_code == 302
    assert (
        "The first Tuesday of every month"
        in client.get(reverse("audit-programme", args=[slug])).content.decode()
    )


def test_an_analyst_sends_the_scores_to_the_performance_framework(signed_in_as, partnership):
    tool = ToolFactory(partnership=partnership, count_indicator="4.2", domains=())
    DomainFactory(tool=tool, number="1", title="Risk", indicator="4.3")
    for month, scores in ((dt.date(2021, 4, 1), [2]), (dt.date(2021, 5, 1), [3])):
        audit = AuditFactory(partnership=partnership, tool=tool, month=month)
        recorded(audit, scores, month + dt.timedelta(days=26))  # brought in, never sent
    assert not Observation.objects.filter(indicator__partnership=partnership).exists()
    analyst = signed_in_as("analyst")
    url = reverse("audit-publish", args=[partnership.slug])
    response = analyst.post(url + "?to=2021-05&months=2")
    scores_url = reverse("audit-scores", args=[partnership.slug])
    assert response["Location"] == scores_url + "?to=2021-05&months=2"
    page = analyst.get(response["Location"]).content.decode()
    # Two months of two figures each: the number audited (4.2) and risk's average (4.3).
    assert "Sent April 2021 to May 2021 to the performance framework: 4 figures written" in page
    assert signed_in_as("board").post(url).status_code == 403
