"""Samples are drawn at random, in proportion to each team's cases, or by theme, the same
cases again for the same seed, and each case goes to an auditor who owes an audit."""

import datetime as dt
from collections import Counter

import pytest

from assure.audits import arrangements, sampling, services
from assure.audits.arrangements import programme_of
from assure.audits.models import AuditTool, CaseAudit, CaseTheme, Sample
from assure.core.errors import DomainError

from .factories import AuditFactory, AuditorFactory, CaseFactory, TeamFactory, ToolFactory

pytestmark = pytest.mark.django_db
JUNE = dt.date(2021, 6, 1)
TEAMS = {"Team A": (50, 3), "Team B": (30, 2), "Team C": (20, 1)}  # open cases, auditors


@pytest.fixture
def tool(partnership) -> AuditTool:
    """The programme's tool, with teams of 50, 30 and 20 open cases (every fourth of them a
    case of neglect) and, in each team, auditors who owe two audits a month: 12 in all."""
    tool = ToolFactory(partnership=partnership, name="Programme tool")
    arrangements.save_programme(None, partnership, tool=tool)
    rows = ["case_id,team,category,themes"]
    for name, (cases, auditors) in TEAMS.items():
        team = TeamFactory(partnership=partnership, name=name)
        rows += [
            f"{name[-1]}-{n},{name},child_in_need,{'neglect' if n % 4 == 0 else ''}"
            for n in range(cases)
        ]
        for _ in range(auditors):
            AuditorFactory(partnership=partnership, team=team)
    arrangements.load_caseload(None, partnership, "\n".join(rows).encode(), "caseload.csv")
    return programme_of(partnership).tool


def test_largest_remainder_keeps_each_team_in_proportion():
    assert sampling.allocate({1: 50, 2: 30, 3: 20}, 10) == {1: 5, 2: 3, 3: 2}
    assert sum(sampling.allocate({1: 7, 2: 7, 3: 7}, 10).values()) == 10
    assert sampling.allocate({1: 2, 2: 1}, 10) == {1: 2, 2: 1}


def test_a_stratified_sample_follows_the_caseload_and_repeats_with_its_seed(partnership, tool):
    pool = services._sample_pool(partnership, JUNE)
    sample = services.draw_sample(
        None, partnership, month=JUNE, tool=tool, method="stratified", size=10, seed=7
    )
    audits = list(CaseAudit.objects.filter(sample=sample))
    assert len(audits) == 10
    teams = Counter(a.team.name for a in audits)
    assert teams == {"Team A": 5, "Team B": 3, "Team C": 2}  # 50, 30 and 20 of 100 open cases
    # The same cases and the same seed give the same sample; another seed, another.
    assert {c.pk for c in sampling.draw(pool, 10, "stratified", 7)} == {a.case_id for a in audits}
    assert {c.pk for c in sampling.draw(pool, 10, "stratified", 8)} != {a.case_id for a in audits}


def test_each_case_goes_to_an_auditor_of_its_own_team_who_owes_an_audit(partnership, tool):
    sample = services.draw_sample(
        None, partnership, month=JUNE, tool=tool, method="stratified", size=10, seed=3
    )
    audits = CaseAudit.objects.filter(sample=sample).select_related("case")
    for audit in audits:
        (place,) = audit.auditor.auditor_places.all()
        assert place.team_id == audit.case.team_id
    assert max(Counter(a.auditor_id for a in audits).values()) <= 2


def test_a_theme_sample_takes_only_cases_with_the_theme(partnership, tool):
    theme = CaseTheme.objects.get(partnership=partnership, name="neglect")
    sample = services.draw_sample(
        None, partnership, month=JUNE, tool=tool, method="theme", size=5, theme=theme, seed=1
    )
    audits = CaseAudit.objects.filter(sample=sample)
    assert audits.count() == 5
    for audit in audits:
        assert theme in audit.case.themes.all()


def test_no_more_cases_than_the_auditors_owe(partnership, tool):
    with pytest.raises(DomainError) as error:
        services.draw_sample(
            None, partnership, month=JUNE, tool=tool, method="random", size=13, seed=1
        )
    assert error.value.field == "size" and "owe 12 more audits" in error.value.message
    assert not Sample.objects.filter(partnership=partnership, month=JUNE).exists()


def test_the_sample_form_explains_a_missing_theme(signed_in_as, home, partnership, tool):
    response = signed_in_as("auditor").post(
        f"{home}audits/samples/new/",
        {"month": "2021-06", "tool": "", "method": "theme", "size": "5"},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page
    assert not Sample.objects.filter(partnership=partnership).exists()


def test_recently_audited_cases_are_left_out(partnership, small_tool):
    case = CaseFactory(partnership=partnership, identifier="ONLY-ONE", category="child_in_need")
    AuditFactory(partnership=partnership, case=case, tool=small_tool, month=dt.date(2021, 3, 1))
    assert case not in services._sample_pool(partnership, JUNE)
    assert case in services._sample_pool(partnership, dt.date(2021, 10, 1))


def test_the_auditor_draws_a_sample_and_sees_who_audits_each_case(
    signed_in_as, home, partnership, tool
):
    client = signed_in_as("auditor")
    response = client.post(
        f"{home}audits/samples/new/",
        {"month": "2021-06", "tool": tool.pk, "method": "stratified", "size": "6", "seed": "11"},
    )
    sample = Sample.objects.get(partnership=partnership, month=JUNE)
    assert response["Location"] == f"{home}audits/samples/{sample.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Sample for June 2021" in page and page.count("Assigned</strong>") == 6
