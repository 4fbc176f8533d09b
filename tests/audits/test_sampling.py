"""Samples are drawn at random, in proportion to each team's cases, or by theme, the same
cases again for the same seed, and each case goes to an auditor who owes an audit."""

import datetime as dt

import pytest

from assure.audits import sampling, services
from assure.audits.arrangements import add_case, programme_of
from assure.audits.models import Case, CaseAudit, Sample
from assure.core.errors import DomainError

pytestmark = pytest.mark.django_db
JUNE = dt.date(2021, 6, 1)


def test_largest_remainder_keeps_each_team_in_proportion():
    assert sampling.allocate({1: 50, 2: 30, 3: 20}, 10) == {1: 5, 2: 3, 3: 2}
    assert sum(sampling.allocate({1: 7, 2: 7, 3: 7}, 10).values()) == 10
    assert sampling.allocate({1: 2, 2: 1}, 10) == {1: 2, 2: 1}


def test_a_stratified_sample_follows_the_caseload_and_repeats_with_its_seed(torbay):
    tool = programme_of(torbay).tool
    pool = services._sample_pool(torbay, JUNE)
    sample = services.draw_sample(
        None, torbay, month=JUNE, tool=tool, method="stratified", size=10, seed=7
    )
    audits = list(CaseAudit.objects.filter(sample=sample))
    assert len(audits) == 10
    teams = [a.team.name for a in audits]
    assert teams.count("Safeguarding and Supporting Families") == 3  # 190 of 620 open cases
    # 30 of 620, rounded up by its remainder
    assert teams.count("Youth Justice Team (invented for the demo)") == 1
    # The same cases and the same seed give the same sample; another seed, another.
    assert {c.pk for c in sampling.draw(pool, 10, "stratified", 7)} == {a.case_id for a in audits}
    assert {c.pk for c in sampling.draw(pool, 10, "stratified", 8)} != {a.case_id for a in audits}


def test_each_case_goes_to_an_auditor_of_its_own_team_who_owes_an_audit(torbay):
    tool = programme_of(torbay).tool
    sample = services.draw_sample(
        None, torbay, month=JUNE, tool=tool, method="random", size=20, seed=3
    )
    for audit in CaseAudit.objects.filter(sample=sample).select_related("team"):
        places = audit.auditor.auditor_places.all()
        assert places.exists()
    counts = {}
    for audit in CaseAudit.objects.filter(sample=sample):
        counts[audit.auditor_id] = counts.get(audit.auditor_id, 0) + 1
    assert max(counts.values()) <= 2


def test_a_theme_sample_takes_only_cases_with_the_theme(torbay):
    tool = programme_of(torbay).tool
    theme = Case.themes.field.related_model.objects.get(partnership=torbay, name="neglect")
    sample = services.draw_sample(
        None, torbay, month=JUNE, tool=tool, method="theme", size=5, theme=theme, seed=1
    )
    for audit in CaseAudit.objects.filter(sample=sample):
        assert theme in audit.case.themes.all()


def test_no_more_cases_than_the_auditors_owe(torbay):
    tool = programme_of(torbay).tool
    with pytest.raises(DomainError) as error:
        services.draw_sample(None, torbay, month=JUNE, tool=tool, method="random", size=200, seed=1)
    assert error.value.field == "size" and "owe" in error.value.message
    assert not Sample.objects.filter(partnership=torbay, month=JUNE).exists()


def test_the_sample_form_explains_a_missing_theme(client_as):
    response = client_as("auditor").post(
        "/p/torbay/audits/samples/new/",
        {"month": "2021-06", "tool": "", "method": "theme", "size": "5"},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page


def test_recently_audited_cases_are_left_out(torbay):
    tool = programme_of(torbay).tool
    case = add_case(None, torbay, identifier="ONLY-ONE", category="child_in_need")
    CaseAudit.objects.create(
        partnership=torbay,
        case=case,
        tool=tool,
        month=dt.date(2021, 3, 1),
        auditor=torbay.people.first(),
    )
    assert case not in services._sample_pool(torbay, JUNE)
    assert case in services._sample_pool(torbay, dt.date(2021, 10, 1))


def test_the_auditor_draws_a_sample_and_sees_who_audits_each_case(client_as, torbay):
    tool = programme_of(torbay).tool
    client = client_as("auditor")
    response = client.post(
        "/p/torbay/audits/samples/new/",
        {"month": "2021-06", "tool": tool.pk, "method": "stratified", "size": "6", "seed": "11"},
    )
    sample = Sample.objects.get(partnership=torbay, month=JUNE)
    assert response["Location"] == f"/p/torbay/audits/samples/{sample.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Sample for June 2021" in page and page.count("Assigned</strong>") == 6
