"""Meetings, the action tracker, cabinet responses and the "before the meeting" view."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from assure.core.errors import DomainError
from assure.core.models import ChangeRecord
from assure.meetings import queries, services
from assure.meetings.models import CabinetResponse, Meeting, TrackerAction, TrackerComment
from assure.partnership.models import Group, Person
from assure.plans.models import Action, Recommendation
from assure.risks import services as risk_services

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
BOARD = "Children and Young People's Overview and Scrutiny Board"


def scrutiny(torbay):
    return Group.objects.get(partnership=torbay, name=BOARD)


def meeting_on(torbay, day):
    return Meeting.objects.get(partnership=torbay, group__name=BOARD, held_on=day)


def police_lead(torbay):
    return Person.objects.get(partnership=torbay, name="Detective Inspector")


def test_the_demo_holds_the_boards_meetings_agenda_and_minutes(torbay):
    days = list(
        Meeting.objects.filter(partnership=torbay, group__name=BOARD)
        .order_by("held_on")
        .values_list("held_on", flat=True)
    )
    assert days == [
        dt.date(2021, 1, 27),
        dt.date(2021, 3, 1),
        dt.date(2021, 5, 4),
        dt.date(2021, 7, 27),
    ]
    july = meeting_on(torbay, dt.date(2021, 7, 27))
    assert july.place == "Meadfoot Room, Town Hall" and july.starts_at == dt.time(9, 30)
    agenda = list(july.agenda.all())
    assert [a.number for a in agenda] == [str(n) for n in range(1, 10)]
    assert agenda[8].title == "Exploitation Update"
    assert agenda[8].presenter == "Exploitation Team Manager"
    may = meeting_on(torbay, dt.date(2021, 5, 4))
    assert [m.number for m in may.minutes.all()] == ["1", "2", "3", "4", "4.1", "5", "6"]
    assert may.decisions.count() == 5


def test_the_meeting_page_uses_role_titles_not_names(client_as, torbay):
    may = meeting_on(torbay, dt.date(2021, 5, 4))
    page = client_as("board").get(reverse("meeting", args=["torbay", may.pk])).content.decode()
    assert "Workforce Development and Sufficiency of Placements" in page
    assert "Director of Children&#x27;s Services" in page
    for name in ["Nancy Meehan", "Councillor Law", "Jo Morrell", "Jane Inett", "Bye"]:
        assert name not in page


def test_the_demo_tracker_holds_the_packs_row_with_its_dated_comments(torbay):
    row = TrackerAction.objects.get(
        partnership=torbay, meeting__held_on=dt.date(2021, 1, 27), minute_number="2"
    )
    assert "Membership and Terms of Reference" in row.text
    assert [c.written_on for c in row.comments.all()] == [
        dt.date(2021, 6, 10),
        dt.date(2021, 7, 14),
    ]
    board = TrackerAction.objects.filter(partnership=torbay, meeting__group=scrutiny(torbay))
    assert board.count() == 5  # seed 004's tracker (the QA sub-group has one of its own)


def test_the_demo_cabinet_responses_are_scrutiny_recommendations(torbay):
    responses = list(queries.cabinet_responses(torbay))
    assert [r.recommendation.reference for r in responses] == ["1", "2", "3"]
    assert {r.recommendation.source for r in responses} == {Recommendation.Source.SCRUTINY}
    third = responses[2]
    assert third.response.startswith("The appointment of dedicated Youth Offending Team Manager")
    assert "appointed 29 June 2021" in third.updates.get().text


def test_the_cabinet_response_table_page(client_as):
    page = client_as("auditor").get(reverse("cabinet-responses", args=["torbay"])).content.decode()
    assert "Review of the Youth Offending Team" in page
    assert "To support the appointment of a dedicated Youth Offending Team Manager." in page
    assert "Add an update" not in page


def test_a_manager_adds_a_recommendation_response_and_update(client_as, torbay):
    client = client_as("manager")
    response = client.post(
        reverse("cabinet-response-new", args=["torbay"]),
        {
            "reference": "1", "source_title": "Review of Early Help", "issued_on": "2024-03-01",
            "recommendation": "Expand the hubs.", "group": scrutiny(torbay).pk,
            "response": "Agreed.", "responded_on": "2024-04-01",
        },
    )  # fmt: skip
    assert response.status_code == 302
    saved = CabinetResponse.objects.get(recommendation__source_title="Review of Early Help")
    assert saved.recommendation.partnership == torbay
    assert saved.recommendation.source == Recommendation.Source.SCRUTINY
    url = reverse("cabinet-response-update", args=["torbay", saved.pk])
    assert (
        client.post(url, {"written_on": "2024-05-01", "text": "Two hubs open."}).status_code == 302
    )
    assert saved.updates.get().written_on == dt.date(2024, 5, 1)
    recommendations = client.get(reverse("recommendations", args=["torbay"])).content.decode()
    assert "Expand the hubs." in recommendations


def action_fields(torbay, **overrides):
    fields = {
        "meeting": meeting_on(torbay, dt.date(2021, 7, 27)),
        "minute_number": "9",
        "text": "Report toolkit compliance by team",
        "owner": police_lead(torbay),
        "due_date": dt.date(2021, 9, 1),
        "status": "open",
    }
    fields.update(overrides)
    return fields


def post_data(fields):
    return {k: getattr(v, "pk", v) for k, v in fields.items()}


def test_a_due_date_before_the_meeting_is_refused_and_nothing_saved(torbay, client_as):
    before = (TrackerAction.objects.count(), ChangeRecord.objects.count())
    fields = action_fields(torbay, due_date=dt.date(2021, 7, 1))
    response = client_as("manager").post(reverse("tracker-new", args=["torbay"]), post_data(fields))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert (
        "The due date must be on or after the meeting the action came from (27 July 2021)." in page
    )
    with pytest.raises(DomainError) as error:
        services.save_tracker_action(None, torbay, None, **fields)
    assert error.value.field == "due_date"
    assert (TrackerAction.objects.count(), ChangeRecord.objects.count()) == before


def test_an_owner_from_another_partnership_is_refused(torbay, stockton, client_as):
    stranger = Person.objects.filter(partnership=stockton).first()
    before = TrackerAction.objects.count()
    fields = action_fields(torbay, owner=stranger)
    response = client_as("manager").post(reverse("tracker-new", args=["torbay"]), post_data(fields))
    assert response.status_code == 400
    assert "Choose an owner from this partnership." in response.content.decode()
    with pytest.raises(DomainError) as error:
        services.save_tracker_action(None, torbay, None, **fields)
    assert error.value.field == "owner"
    assert TrackerAction.objects.count() == before


def test_a_manager_adds_a_tracker_action(torbay, client_as):
    fields = action_fields(torbay)
    response = client_as("manager").post(reverse("tracker-new", args=["torbay"]), post_data(fields))
    assert response.status_code == 302
    saved = TrackerAction.objects.get(text="Report toolkit compliance by team")
    assert saved.partnership == torbay and saved.owner == police_lead(torbay)
    assert ChangeRecord.objects.filter(object_type="meetings.trackeraction", object_id=saved.pk)


def test_the_owner_comments_on_their_action_and_closes_it(torbay, client_as):
    action = services.save_tracker_action(None, torbay, None, **action_fields(torbay))
    url = reverse("tracker-comment", args=["torbay", action.pk])
    response = client_as("owner").post(
        url, {"text": "Reported to the sub-group", "status": "complete"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "complete"
    comment = action.comments.get()
    assert comment.written_on == TODAY and comment.author_person == police_lead(torbay)
    assert (
        client_as("owner").get(reverse("tracker-edit", args=["torbay", action.pk])).status_code
        == 403
    )


def test_an_empty_comment_is_refused(torbay, client_as):
    action = services.save_tracker_action(None, torbay, None, **action_fields(torbay))
    url = reverse("tracker-comment", args=["torbay", action.pk])
    response = client_as("owner").post(url, {"text": "  ", "status": "complete"})
    assert response.status_code == 400
    assert "Enter the comment." in response.content.decode()
    action.refresh_from_db()
    assert action.status == "open" and not action.comments.exists()


@pytest.mark.parametrize("persona", ["owner", "analyst", "auditor", "board"])
def test_members_cannot_update_actions_they_do_not_own(torbay, client_as, persona):
    row = TrackerAction.objects.get(partnership=torbay, minute_number="2")
    client = client_as(persona)
    assert client.get(reverse("tracker-comment", args=["torbay", row.pk])).status_code == 403
    assert client.get(reverse("tracker-new", args=["torbay"])).status_code == 403
    assert client.get(reverse("meeting-new", args=["torbay"])).status_code == 403
    assert client.get(reverse("cabinet-response-new", args=["torbay"])).status_code == 403
    assert client.get(reverse("tracker-action", args=["torbay", row.pk])).status_code == 200


def test_an_outsider_gets_404(torbay, client_as):
    row = TrackerAction.objects.get(partnership=torbay, minute_number="2")
    client = client_as("outsider")
    for url in [
        reverse("meetings", args=["torbay"]),
        reverse("meeting", args=["torbay", row.meeting.pk]),
        reverse("tracker", args=["torbay"]),
        reverse("tracker-action", args=["torbay", row.pk]),
        reverse("tracker-export", args=["torbay", "docx"]),
        reverse("cabinet-responses", args=["torbay"]),
        reverse("before-meeting", args=["torbay", row.meeting.group.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_another_partnerships_meeting_is_not_found_through_this_one(torbay, client_as):
    row = TrackerAction.objects.get(partnership=torbay, minute_number="2")
    client = client_as("outsider")  # Stockton's manager, asking through Stockton's address
    assert client.get(reverse("meeting", args=["stockton", row.meeting.pk])).status_code == 404
    assert client.get(reverse("tracker-action", args=["stockton", row.pk])).status_code == 404
    group = row.meeting.group
    assert client.get(reverse("before-meeting", args=["stockton", group.pk])).status_code == 404


def test_a_manager_records_a_meeting_with_agenda_minutes_and_a_decision(torbay, client_as):
    client = client_as("manager")
    group = scrutiny(torbay)
    response = client.post(
        reverse("meeting-new", args=["torbay"]),
        {"group": group.pk, "held_on": "2021-11-09", "starts_at": "09:30", "place": "Town Hall"},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(group=group, held_on=dt.date(2021, 11, 9))
    agenda_url = reverse("agenda-new", args=["torbay", meeting.pk])
    client.post(agenda_url, {"number": "1", "title": "Apologies", "position": 0})
    minute_url = reverse("minute-new", args=["torbay", meeting.pk])
    client.post(minute_url, {"number": "1", "title": "Apologies", "text": "None", "position": 0})
    minute = meeting.minutes.get()
    decision_url = reverse("decision-new", args=["torbay", meeting.pk])
    client.post(decision_url, {"minute": minute.pk, "text": "Noted."})
    assert meeting.agenda.get().title == "Apologies"
    assert meeting.decisions.get().minute == minute
    again = client.post(
        reverse("meeting-new", args=["torbay"]), {"group": group.pk, "held_on": "2021-11-09"}
    )
    assert again.status_code == 400
    assert "This group already has a meeting on that day." in again.content.decode()


def test_before_the_meeting_lists_what_the_group_should_look_at(torbay, membership, client_as):
    group = Group.objects.get(partnership=torbay, name__startswith="Children and Young People Expl")
    meeting = services.save_meeting(
        None, torbay, None, group=group, held_on=TODAY - dt.timedelta(days=40)
    )
    overdue = services.save_tracker_action(
        None, torbay, None, meeting=meeting, minute_number="3", text="Refresh the toolkit guidance",
        owner=police_lead(torbay), due_date=TODAY - dt.timedelta(days=1), status="open",
    )  # fmt: skip
    later = services.save_tracker_action(
        None, torbay, None, meeting=meeting, minute_number="4", text="Plan the dip sample",
        owner=police_lead(torbay), due_date=TODAY + dt.timedelta(days=50), status="open",
    )  # fmt: skip
    risk = risk_services.raise_risk(
        None, torbay, reference="E1", kind="risk", description="If toolkits lapse, then harm.",
        raised_on=TODAY - dt.timedelta(days=100), owner_person=None, owner_group=group,
        probability=3, impact=4, next_review=TODAY + dt.timedelta(days=3),
    )  # fmt: skip
    before = queries.before_the_meeting(group, TODAY)
    assert before.next_meeting is None and before.by == TODAY + dt.timedelta(days=14)
    assert set(before.open_actions) == {overdue, later}
    assert before.overdue == [overdue]
    assert before.risks_due == [risk]
    owned = Action.objects.filter(owner_group=group, status="open")
    assert {row.action for row in before.plan_actions} <= set(owned)
    assert all(row.needs_update for row in before.plan_actions)
    page = client_as("board").get(reverse("before-meeting", args=["torbay", group.pk]))
    text = page.content.decode()
    assert "Refresh the toolkit guidance" in text and "If toolkits lapse" in text


def test_before_the_meeting_looks_ahead_to_the_next_meeting(torbay):
    group = scrutiny(torbay)
    next_one = services.save_meeting(
        None, torbay, None, group=group, held_on=TODAY + dt.timedelta(days=30)
    )
    before = queries.before_the_meeting(group, TODAY)
    assert before.next_meeting == next_one and before.by == next_one.held_on
    assert len(before.open_actions) == 5


def test_the_tracker_exports_to_word_and_excel_with_its_rows(client_as, torbay):
    group = scrutiny(torbay)
    client = client_as("board")
    word = client.get(reverse("tracker-export", args=["torbay", "docx"]) + f"?group={group.pk}")
    table = Document(io.BytesIO(word.content)).tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == [
        "Date of meeting",
        "Minute No.",
        "Action",
        "Owner",
        "Due",
        "Status",
        "Comments",
    ]
    first = [c.text for c in table.rows[1].cells]
    assert first[0] == "27/1/21" and first[1] == "2"
    assert "Membership and Terms of Reference" in first[2]
    assert first[6].startswith("10/6/21: A primary parent governor")
    assert len(table.rows) == 6
    excel = client.get(reverse("tracker-export", args=["torbay", "xlsx"]) + f"?group={group.pk}")
    rows = list(
        openpyxl.load_workbook(io.BytesIO(excel.content)).active.iter_rows(values_only=True)
    )
    body = [r for r in rows if r[0] and r[0].endswith("/21")]
    assert len(body) == 5
    assert any(r[1] == "4.1" and "Freedom of the Borough" in r[2] for r in body)


def test_the_comment_is_kept_with_the_row(torbay, membership):
    row = TrackerAction.objects.get(partnership=torbay, minute_number="4.1")
    services.comment_on_action(
        membership("manager"), row, text="Response circulated", status="complete"
    )
    assert TrackerComment.objects.filter(action=row).count() == 1
    row.refresh_from_db()
    assert not row.is_open and not row.is_overdue()
