"""The risk register: scoring, review history, the heat map, exports, bad input and roles.

Built with the factories (tests/factories.py) on a partnership of its own; what the demo
holds of seed 004's register is checked in tests/risks/test_seed_register.py."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from assure.core.errors import DomainError
from assure.core.models import ChangeRecord
from assure.risks import queries, services
from assure.risks.models import Risk, RiskReview
from tests.factories import GroupFactory, MemberFactory, PersonFactory, RiskFactory, signed_in

TODAY = dt.date.today()
READERS = ["manager", "owner", "analyst", "auditor", "board"]


@pytest.fixture
def manager(member):
    return member("manager")


@pytest.fixture
def owner(member):
    """An action owner: the person who owns the risks built below."""
    return member("owner")


def new_risk(partnership, owner, **fields):
    fields.setdefault("owner_person", owner.person)
    return RiskFactory(partnership=partnership, **fields)


def test_score_is_probability_times_impact_and_raising_starts_the_history(partnership, owner):
    risk = new_risk(partnership, owner, probability=3, impact=4)
    assert risk.score == 12
    assert [(r.probability, r.impact, r.score) for r in risk.reviews.all()] == [(3, 4, 12)]
    assert risk.band == "high"


def test_a_review_changes_the_score_and_keeps_the_history(partnership, owner, manager):
    risk = new_risk(partnership, owner)
    services.review_risk(
        manager, risk, probability=3, impact=4, note="Recruitment campaign worked",
        next_review=TODAY + dt.timedelta(days=60), reviewed_on=TODAY,
    )  # fmt: skip
    risk.refresh_from_db()
    assert risk.score == 12
    assert risk.next_review == TODAY + dt.timedelta(days=60)
    assert [r.score for r in risk.reviews.all()] == [20, 12]
    chart = queries.score_chart(risk)
    assert len(chart.points) == 2
    assert chart.points[0].y < chart.points[1].y  # a higher score is drawn higher up
    assert ChangeRecord.objects.filter(object_type="risks.risk", object_id=risk.pk).count() == 2


def test_the_risk_page_draws_the_history_with_a_table(partnership, owner, manager, member):
    risk = new_risk(partnership, owner)
    services.review_risk(manager, risk, probability=2, impact=5, note="Halved", reviewed_on=TODAY)
    url = reverse("risk", args=[partnership.slug, risk.pk])
    page = signed_in(member("board")).get(url).content.decode()
    assert "<polyline" in page and 'role="img"' in page
    assert "Assessed when raised" in page and "Halved" in page
    assert "Review the risk" not in page  # a board member reads only


def test_the_heat_map_places_each_open_risk_in_its_cell(partnership, owner):
    for reference, (probability, impact) in {
        "A": (5, 5), "B": (4, 4), "C": (4, 4), "D": (2, 2), "E": (3, 5),
    }.items():  # fmt: skip
        new_risk(partnership, owner, reference=reference, probability=probability, impact=impact)
    heat = queries.heat_map(partnership)
    refs = lambda p, i: sorted(r.reference for r in heat.cell(p, i).risks)  # noqa: E731
    assert refs(5, 5) == ["A"]
    assert refs(4, 4) == ["B", "C"]
    assert refs(3, 5) == ["E"]
    assert refs(2, 2) == ["D"]
    assert sum(len(c.risks) for row in heat.rows for c in row) == 5
    assert heat.cell(5, 5).band == "very high" and heat.cell(1, 1).band == "low"
    assert heat.rows[0][0].impact == 5  # the top row is the highest impact


def test_closed_risks_leave_the_heat_map(partnership, owner, manager):
    risk = new_risk(partnership, owner, probability=5, impact=5)
    new_risk(partnership, owner, probability=2, impact=2)
    services.review_risk(
        manager, risk, probability=1, impact=5, note="Ofsted judged good",
        close=True, reviewed_on=TODAY,
    )  # fmt: skip
    heat = queries.heat_map(partnership)
    assert heat.cell(5, 5).risks == [] and heat.cell(1, 5).risks == []
    assert len(heat.risks) == 1


def test_the_register_page_shows_the_grid_and_the_table_beside_it(partnership, owner, member):
    new_risk(partnership, owner, description="If the pace of progress slows, then drift.")
    page = signed_in(member("analyst")).get(reverse("risks", args=[partnership.slug]))
    html = page.content.decode()
    assert 'class="assure-heat__grid" role="img"' in html
    assert html.count('data-probability="') == 25
    assert "Open risks on the heat map" in html
    assert "If the pace of progress slows, then drift." in html


def test_probability_6_is_refused_and_nothing_is_saved(partnership, owner, manager):
    before = (Risk.objects.count(), ChangeRecord.objects.count())
    response = signed_in(manager).post(
        reverse("risk-new", args=[partnership.slug]),
        {
            "reference": "99", "kind": "risk", "description": "If x then y",
            "raised_on": "2024-01-01", "probability": "6", "impact": "3",
            "owner_person": owner.person.pk,
        },
    )  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Probability must be a whole number from 1 to 5, not 6." in page
    assert (Risk.objects.count(), ChangeRecord.objects.count()) == before
    with pytest.raises(DomainError) as error:
        new_risk(partnership, owner, probability=6)
    assert error.value.field == "probability"
    assert (Risk.objects.count(), ChangeRecord.objects.count()) == before


def test_a_review_with_impact_0_changes_nothing(partnership, owner, manager):
    risk = new_risk(partnership, owner, probability=4, impact=5)
    with pytest.raises(DomainError) as error:
        services.review_risk(manager, risk, probability=3, impact=0, note="x")
    assert error.value.field == "impact"
    risk.refresh_from_db()
    assert (risk.probability, risk.impact, risk.reviews.count()) == (4, 5, 1)


def test_an_owner_from_another_partnership_is_refused(partnership, owner, manager):
    stranger = PersonFactory()  # of a partnership of its own
    before = Risk.objects.count()
    response = signed_in(manager).post(
        reverse("risk-new", args=[partnership.slug]),
        {
            "reference": "99", "kind": "risk", "description": "If x then y",
            "raised_on": "2024-01-01", "probability": "2", "impact": "3",
            "owner_person": stranger.pk,
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert "Choose an owner from this partnership." in response.content.decode()
    with pytest.raises(DomainError) as error:
        new_risk(partnership, owner, owner_person=stranger)
    assert error.value.field == "owner_person"
    assert Risk.objects.count() == before


@pytest.mark.parametrize("role", READERS)
def test_everyone_in_the_partnership_reads_the_register(partnership, owner, member, role):
    risk = new_risk(partnership, owner)
    client = signed_in(owner if role == "owner" else member(role))
    for url in [
        reverse("risks", args=[partnership.slug]),
        reverse("risk", args=[partnership.slug, risk.pk]),
        reverse("risks-export", args=[partnership.slug, "xlsx"]),
    ]:
        assert client.get(url).status_code == 200, url


def test_an_outsider_gets_404_everywhere(partnership, owner):
    risk = new_risk(partnership, owner)
    outsider = signed_in(MemberFactory())  # the manager of another partnership
    for url in [
        reverse("risks", args=[partnership.slug]),
        reverse("risk", args=[partnership.slug, risk.pk]),
        reverse("risk-review", args=[partnership.slug, risk.pk]),
        reverse("risks-export", args=[partnership.slug, "docx"]),
    ]:
        assert outsider.get(url).status_code == 404, url


def test_another_partnerships_risk_is_not_found_through_this_one(partnership, manager):
    theirs = RiskFactory(description="If the other partnership's test fails, then we learn.")
    client = signed_in(manager)
    response = client.get(reverse("risk", args=[partnership.slug, theirs.pk]))
    assert response.status_code == 404
    page = client.get(reverse("risks", args=[partnership.slug])).content.decode()
    assert "If the other partnership" not in page


@pytest.mark.parametrize("role", ["owner", "analyst", "auditor", "board"])
def test_only_managers_add_and_edit_risks(partnership, member, role):
    risk = RiskFactory(partnership=partnership)  # owned by someone else
    client = signed_in(member(role))
    assert client.get(reverse("risk-new", args=[partnership.slug])).status_code == 403
    assert client.get(reverse("risk-edit", args=[partnership.slug, risk.pk])).status_code == 403
    assert client.get(reverse("risk-review", args=[partnership.slug, risk.pk])).status_code == 403


def test_an_action_owner_reviews_a_risk_they_own(partnership, owner):
    risk = new_risk(partnership, owner)
    url = reverse("risk-review", args=[partnership.slug, risk.pk])
    client = signed_in(owner)
    response = client.post(
        url, {"probability": "2", "impact": "5", "note": "Fewer vacancies", "next_review": ""}
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.score == 10
    review = risk.reviews.last()
    assert review.note == "Fewer vacancies" and review.reviewer == owner.user
    assert client.get(reverse("risk-edit", args=[partnership.slug, risk.pk])).status_code == 403


def test_a_group_member_reviews_a_risk_their_group_owns(partnership, owner, member):
    group = GroupFactory(partnership=partnership, members=[owner.person])
    risk = new_risk(partnership, owner, owner_person=None, owner_group=group)
    assert services.can_review(owner, risk)
    assert not services.can_review(member("board"), risk)


@pytest.fixture
def register(partnership, owner):
    """Three risks: a very high one, a high one and a low one."""
    return [
        new_risk(partnership, owner, reference="1", probability=5, impact=5,
                 description="If the pace of progress slows, then drift."),
        new_risk(partnership, owner, reference="2", probability=4, impact=3,
                 raised_on=dt.date(2020, 11, 2)),
        new_risk(partnership, owner, reference="3", probability=2, impact=1),
    ]  # fmt: skip


def test_the_register_exports_to_word_with_its_rows(partnership, register, member):
    url = reverse("risks-export", args=[partnership.slug, "docx"])
    response = signed_in(member("board")).get(url)
    assert response["Content-Disposition"].endswith('.docx"')
    table = Document(io.BytesIO(response.content)).tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["Ref", "Issue / Risk", "Description"]
    assert "Probability" in header and "Risk Score" in header
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert sorted(rows) == ["1", "2", "3"]
    assert rows["1"][2] == "If the pace of progress slows, then drift."
    assert rows["1"][header.index("Risk Score")] == "25 (very high)"  # its band, said and shown
    assert rows["1"][header.index("Owner")].startswith(register[0].owner_person.name)


def test_the_register_exports_to_excel_with_its_rows(partnership, register, manager):
    url = reverse("risks-export", args=[partnership.slug, "xlsx"])
    sheet = openpyxl.load_workbook(io.BytesIO(signed_in(manager).get(url).content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(rows) if r[0] == "Ref")
    header = rows[header_at]
    body = {r[0]: r for r in rows[header_at + 1 :]}
    assert len(body) == 3
    assert body["1"][header.index("Risk Score")] == 25
    assert body["3"][header.index("Probability")] == 2
    assert body["2"][header.index("Date Raised")] == "November 2020"


def test_reviews_are_kept_in_date_order(partnership, owner, manager):
    risk = new_risk(partnership, owner)
    for day, (p, i) in [(5, (3, 5)), (40, (3, 3))]:
        services.review_risk(
            manager, risk, probability=p, impact=i, note=f"day {day}",
            reviewed_on=dt.date(2024, 1, 10) + dt.timedelta(days=day),
        )  # fmt: skip
    assert [r.score for r in RiskReview.objects.filter(risk=risk)] == [20, 15, 9]


def test_a_manager_edits_a_risk_but_changes_its_score_only_by_review(partnership, owner, manager):
    risk = new_risk(partnership, owner, reference="7", probability=2, impact=2)
    url = reverse("risk-edit", args=[partnership.slug, risk.pk])
    client = signed_in(manager)
    form_page = client.get(url).content.decode()
    assert 'name="probability"' not in form_page
    data = {
        "reference": "7", "kind": "risk", "description": risk.description,
        "mitigation": "Member seminar held", "raised_on": "2020-01-01",
        "owner_person": risk.owner_person_id, "owner_group": "",
        "target_score": "2", "status": "closed", "next_review": "",
        "probability": "5",  # ignored: not a field of the edit form
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    risk.refresh_from_db()
    assert (risk.mitigation, risk.status, risk.target_score) == ("Member seminar held", "closed", 2)
    assert risk.probability == 2
    with pytest.raises(DomainError):
        services.edit_risk(None, risk, probability=5, reference="7", owner_person=risk.owner_person)


def test_a_review_posting_probability_6_is_refused(partnership, owner, manager):
    risk = new_risk(partnership, owner)
    url = reverse("risk-review", args=[partnership.slug, risk.pk])
    response = signed_in(manager).post(url, {"probability": "6", "impact": "5", "note": "x"})
    assert response.status_code == 400
    assert "Probability must be a whole number from 1 to 5, not 6." in response.content.decode()
    assert risk.reviews.count() == 1
