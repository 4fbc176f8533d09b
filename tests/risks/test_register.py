"""The risk register: scoring, review history, the heat map, exports, bad input and roles."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from assure.core.errors import DomainError
from assure.core.models import ChangeRecord
from assure.partnership.models import Group, Person
from assure.risks import queries, services
from assure.risks.models import Risk, RiskReview

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def new_risk(partnership, **overrides):
    fields = {
        "reference": "T1",
        "kind": "risk",
        "description": "If the test fails, then we learn something.",
        "mitigation": "Write the code.",
        "raised_on": dt.date(2024, 1, 10),
        "owner_group": None,
        "probability": 4,
        "impact": 5,
        "target_score": 6,
        "next_review": TODAY + dt.timedelta(days=30),
    }
    fields.update(overrides)
    if "owner_person" not in fields:
        fields["owner_person"] = Person.objects.get(
            partnership=partnership, name="Detective Inspector"
        )
    return services.raise_risk(None, partnership, **fields)


def test_the_demo_holds_the_ten_risks_of_the_highlight_report(torbay):
    risks = {r.reference: r for r in Risk.objects.filter(partnership=torbay)}
    assert sorted(risks, key=int) == [str(n) for n in range(1, 11)]
    scores = {ref: risk.score for ref, risk in risks.items()}
    assert scores == {
        "1": 20, "2": 16, "3": 16, "4": 15, "5": 25,
        "6": 12, "7": 4, "8": 12, "9": 12, "10": 12,
    }  # fmt: skip
    assert {r.owner_person.name for r in risks.values()} == {"Director of Children's Services"}
    assert risks["5"].description.startswith("If the pace of progress")
    assert risks["9"].raised_on == dt.date(2020, 10, 1)


def test_score_is_probability_times_impact_and_raising_starts_the_history(torbay):
    risk = new_risk(torbay, probability=3, impact=4)
    assert risk.score == 12
    assert [(r.probability, r.impact, r.score) for r in risk.reviews.all()] == [(3, 4, 12)]
    assert risk.band == "high"


def test_a_review_changes_the_score_and_keeps_the_history(torbay, membership):
    risk = new_risk(torbay)
    manager = membership("manager")
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


def test_the_risk_page_draws_the_history_with_a_table(torbay, membership, client_as):
    risk = new_risk(torbay)
    services.review_risk(
        membership("manager"), risk, probability=2, impact=5, note="Halved", reviewed_on=TODAY
    )
    page = client_as("board").get(reverse("risk", args=["torbay", risk.pk])).content.decode()
    assert "<polyline" in page and 'role="img"' in page
    assert "Assessed when raised" in page and "Halved" in page
    assert "Review the risk" not in page  # a board member reads only


def test_the_heat_map_places_each_open_risk_in_its_cell(torbay):
    heat = queries.heat_map(torbay)
    refs = lambda p, i: sorted(r.reference for r in heat.cell(p, i).risks)  # noqa: E731
    assert refs(5, 5) == ["5"]
    assert refs(4, 5) == ["1"]
    assert refs(4, 4) == ["2", "3"]
    assert refs(3, 5) == ["4"]
    assert refs(3, 4) == ["10", "6", "8", "9"]
    assert refs(2, 2) == ["7"]
    assert sum(len(c.risks) for row in heat.rows for c in row) == 10
    assert heat.cell(5, 5).band == "very high" and heat.cell(1, 1).band == "low"
    assert heat.rows[0][0].impact == 5  # the top row is the highest impact


def test_closed_risks_leave_the_heat_map(torbay, membership):
    risk = Risk.objects.get(partnership=torbay, reference="5")
    services.review_risk(
        membership("manager"), risk, probability=1, impact=5, note="Ofsted judged good",
        close=True, reviewed_on=TODAY,
    )  # fmt: skip
    heat = queries.heat_map(torbay)
    assert heat.cell(5, 5).risks == [] and heat.cell(1, 5).risks == []
    assert len(heat.risks) == 9


def test_the_register_page_shows_the_grid_and_the_table_beside_it(client_as):
    page = client_as("analyst").get(reverse("risks", args=["torbay"])).content.decode()
    assert 'class="assure-heat__grid" role="img"' in page
    assert page.count('data-probability="') == 25
    assert "Open risks on the heat map" in page
    assert "If the pace of progress in implementing the improvement plan" in page


def test_probability_6_is_refused_and_nothing_is_saved(torbay, client_as):
    before = (Risk.objects.count(), ChangeRecord.objects.count())
    response = client_as("manager").post(
        reverse("risk-new", args=["torbay"]),
        {
            "reference": "99", "kind": "risk", "description": "If x then y",
            "raised_on": "2024-01-01", "probability": "6", "impact": "3",
            "owner_person": Person.objects.get(partnership=torbay, name="Detective Inspector").pk,
        },
    )  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Probability must be a whole number from 1 to 5, not 6." in page
    assert (Risk.objects.count(), ChangeRecord.objects.count()) == before
    with pytest.raises(DomainError) as error:
        new_risk(torbay, probability=6)
    assert error.value.field == "probability"
    assert (Risk.objects.count(), ChangeRecord.objects.count()) == before


def test_a_review_with_impact_0_changes_nothing(torbay, membership):
    risk = Risk.objects.get(partnership=torbay, reference="1")
    with pytest.raises(DomainError) as error:
        services.review_risk(membership("manager"), risk, probability=3, impact=0, note="x")
    assert error.value.field == "impact"
    risk.refresh_from_db()
    assert (risk.probability, risk.impact, risk.reviews.count()) == (4, 5, 1)


def test_an_owner_from_another_partnership_is_refused(torbay, stockton, client_as):
    stranger = Person.objects.filter(partnership=stockton).first()
    before = Risk.objects.count()
    response = client_as("manager").post(
        reverse("risk-new", args=["torbay"]),
        {
            "reference": "99", "kind": "risk", "description": "If x then y",
            "raised_on": "2024-01-01", "probability": "2", "impact": "3",
            "owner_person": stranger.pk,
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert "Choose an owner from this partnership." in response.content.decode()
    with pytest.raises(DomainError) as error:
        new_risk(torbay, owner_person=stranger)
    assert error.value.field == "owner_person"
    assert Risk.objects.count() == before


@pytest.mark.parametrize("persona", ["manager", "owner", "analyst", "auditor", "board"])
def test_everyone_in_the_partnership_reads_the_register(client_as, torbay, persona):
    risk = Risk.objects.get(partnership=torbay, reference="1")
    client = client_as(persona)
    for url in [
        reverse("risks", args=["torbay"]),
        reverse("risk", args=["torbay", risk.pk]),
        reverse("risks-export", args=["torbay", "xlsx"]),
    ]:
        assert client.get(url).status_code == 200, url


def test_an_outsider_gets_404_everywhere(client_as, torbay):
    risk = Risk.objects.get(partnership=torbay, reference="1")
    client = client_as("outsider")
    for url in [
        reverse("risks", args=["torbay"]),
        reverse("risk", args=["torbay", risk.pk]),
        reverse("risk-review", args=["torbay", risk.pk]),
        reverse("risks-export", args=["torbay", "docx"]),
    ]:
        assert client.get(url).status_code == 404, url


def test_another_partnerships_risk_is_not_found_through_this_one(stockton, client_as):
    theirs = new_risk(stockton, owner_person=Person.objects.filter(partnership=stockton).first())
    response = client_as("manager").get(reverse("risk", args=["torbay", theirs.pk]))
    assert response.status_code == 404
    assert (
        "If the test fails"
        not in client_as("manager").get(reverse("risks", args=["torbay"])).content.decode()
    )


@pytest.mark.parametrize("persona", ["owner", "analyst", "auditor", "board"])
def test_only_managers_add_and_edit_risks(client_as, torbay, persona):
    risk = Risk.objects.get(partnership=torbay, reference="1")
    client = client_as(persona)
    assert client.get(reverse("risk-new", args=["torbay"])).status_code == 403
    assert client.get(reverse("risk-edit", args=["torbay", risk.pk])).status_code == 403
    assert client.get(reverse("risk-review", args=["torbay", risk.pk])).status_code == 403


def test_an_action_owner_reviews_a_risk_they_own(torbay, client_as):
    risk = new_risk(torbay)  # owned by the Detective Inspector, the owner persona's person
    url = reverse("risk-review", args=["torbay", risk.pk])
    response = client_as("owner").post(
        url, {"probability": "2", "impact": "5", "note": "Fewer vacancies", "next_review": ""}
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.score == 10
    review = risk.reviews.last()
    assert review.note == "Fewer vacancies" and review.reviewer.username == "torbay.owner"
    assert client_as("owner").get(reverse("risk-edit", args=["torbay", risk.pk])).status_code == 403


def test_a_group_member_reviews_a_risk_their_group_owns(torbay, membership):
    group = Group.objects.get(partnership=torbay, name__startswith="Children and Young People Expl")
    risk = new_risk(torbay, owner_person=None, owner_group=group)
    assert services.can_review(membership("owner"), risk)
    assert not services.can_review(membership("board"), risk)


def test_the_register_exports_to_word_with_its_rows(client_as):
    response = client_as("board").get(reverse("risks-export", args=["torbay", "docx"]))
    assert response["Content-Disposition"].endswith('.docx"')
    table = Document(io.BytesIO(response.content)).tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["Ref", "Issue / Risk", "Description"]
    assert "Probability" in header and "Risk Score" in header
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert len(rows) == 10
    assert rows["5"][2].startswith("If the pace of progress")
    assert rows["5"][header.index("Risk Score")] == "25 (very high)"  # its band, said and shown
    assert rows["1"][header.index("Owner")].startswith("Director of Children's Services")


def test_the_register_exports_to_excel_with_its_rows(client_as):
    response = client_as("manager").get(reverse("risks-export", args=["torbay", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(rows) if r[0] == "Ref")
    header = rows[header_at]
    body = {r[0]: r for r in rows[header_at + 1 :]}
    assert len(body) == 10
    assert body["5"][header.index("Risk Score")] == 25
    assert body["7"][header.index("Probability")] == 2
    assert body["10"][header.index("Date Raised")] == "November 2020"


def test_reviews_are_kept_in_date_order(torbay, membership):
    risk = new_risk(torbay)
    manager = membership("manager")
    for day, (p, i) in [(5, (3, 5)), (40, (3, 3))]:
        services.review_risk(
            manager, risk, probability=p, impact=i, note=f"day {day}",
            reviewed_on=dt.date(2024, 1, 10) + dt.timedelta(days=day),
        )  # fmt: skip
    assert [r.score for r in RiskReview.objects.filter(risk=risk)] == [20, 15, 9]


def test_a_manager_edits_a_risk_but_changes_its_score_only_by_review(torbay, client_as):
    risk = Risk.objects.get(partnership=torbay, reference="7")
    url = reverse("risk-edit", args=["torbay", risk.pk])
    client = client_as("manager")
    form_page = client.get(url).content.decode()
    assert 'name="probability"' not in form_page
    data = {
        "reference": "7", "kind": "risk", "description": risk.description,
        "mitigation": "Member seminar held", "raised_on": "2020-01-01",
        "owner_person": risk.owner_person_id, "owner_group": risk.owner_group_id or "",
        "target_score": "2", "status": "closed", "next_review": "",
        "probability": "5",  # ignored: not a field of the edit form
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    risk.refresh_from_db()
    assert (risk.mitigation, risk.status, risk.target_score) == ("Member seminar held", "closed", 2)
    assert risk.probability == 2
    with pytest.raises(DomainError):
        services.edit_risk(None, risk, probability=5, reference="7", owner_person=risk.owner_person)


def test_a_review_posting_probability_6_is_refused(torbay, client_as):
    risk = Risk.objects.get(partnership=torbay, reference="1")
    url = reverse("risk-review", args=["torbay", risk.pk])
    response = client_as("manager").post(url, {"probability": "6", "impact": "5", "note": "x"})
    assert response.status_code == 400
    assert "Probability must be a whole number from 1 to 5, not 6." in response.content.decode()
    assert risk.reviews.count() == 1
