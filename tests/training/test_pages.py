"""The programme's pages: who may read and who may run them, scoped to the partnership, and
results that never put an attendee's answers next to their name."""

from __future__ import annotations

import re

import pytest

from assure.training.models import Course, Stage
from tests.factories import MemberFactory, signed_in

from .factories import answer


@pytest.fixture
def signed_in_as(member):
    """A browser signed in as a member of the partnership with the role, one member a role:
    signed_in_as("owner")."""
    browsers = {}

    def sign_in(role):
        if role not in browsers:
            browsers[role] = signed_in(member(role))
        return browsers[role]

    return sign_in


@pytest.fixture
def at(partnership):
    """The partnership's pages: at("training/") is /p/<its slug>/training/."""
    return lambda path: f"/p/{partnership.slug}/{path}"


def page(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


def test_every_member_reads_the_programme_and_only_managers_run_it(signed_in_as, session):
    slug = session.course.partnership.slug
    for persona in ("manager", "board", "owner", "analyst"):
        assert "Multi-agency training" in page(signed_in_as(persona), f"/p/{slug}/training/")
    assert "Add a course" in page(signed_in_as("manager"), f"/p/{slug}/training/")
    assert "Add a course" not in page(signed_in_as("board"), f"/p/{slug}/training/")
    page(signed_in_as("board"), f"/p/{slug}/training/courses/new/", 403)
    page(signed_in_as("owner"), f"/p/{slug}/training/sessions/{session.pk}/book/", 403)
    refused = signed_in_as("auditor").post(f"/p/{slug}/training/publish/")
    assert refused.status_code == 403


def test_another_partnership_gets_404_for_this_ones_course_or_session(at, session):
    theirs = MemberFactory()  # the manager of another partnership
    outsider, slug = signed_in(theirs), theirs.partnership.slug
    page(outsider, f"/p/{slug}/training/sessions/{session.pk}/", 404)
    page(outsider, f"/p/{slug}/training/courses/{session.course.pk}/", 404)
    page(outsider, at(f"training/sessions/{session.pk}/"), 404)


def test_a_manager_adds_a_course_and_bad_input_is_told_on_the_form(
    signed_in_as, at, partnership, theme
):
    manager = signed_in_as("manager")
    empty = manager.post(at("training/courses/new/"), {"title": "Neglect", "kind": "course"})
    assert empty.status_code == 400
    assert "Enter the learning outcomes." in empty.content.decode()
    made = manager.post(
        at("training/courses/new/"),
        {
            "title": "Neglect: graded care",
            "kind": "course",
            "level": "2",
            "outcomes": "Use the Graded Care Profile\nEscalate drift",
            "themes": [theme.pk],
        },
    )
    assert made.status_code == 302
    course = Course.objects.get(partnership=partnership, title="Neglect: graded care")
    assert list(course.themes.all()) == [theme]


def test_results_never_show_an_attendees_answers_next_to_their_name(
    signed_in_as, at, session, attended
):
    a, b, c = attended[:3]
    answer(session, a, Stage.FOLLOW_UP, practice_changed=True, example="I now ask first.")
    answer(session, b, Stage.FOLLOW_UP, practice_changed=True, example="I escalate sooner.")
    answer(session, c, Stage.FOLLOW_UP, practice_changed=False, example="")
    html = page(signed_in_as("manager"), at(f"training/sessions/{session.pk}/"))
    assert "2 of 3 follow-ups (67%)" in html and "I now ask first." in html
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", html, re.S)
    named = [row for row in rows if "Social worker A" in row]
    assert named and not any("ask first" in row or "Yes" in row for row in named)
    examples = html[html.index("What attendees now do differently") :]
    examples = examples[: examples.index("</ul>")]
    assert not any(a.name in examples for a in attended)


def test_those_who_do_not_run_training_see_results_but_no_names(
    signed_in_as, at, session, attended
):
    html = page(signed_in_as("owner"), at(f"training/sessions/{session.pk}/"))
    assert "Evaluations" in html
    assert not any(a.name in html for a in attended)


def test_uptake_and_the_board_pack_table_download(signed_in_as, at, session, attended):
    html = page(signed_in_as("board"), at("training/uptake/"))
    assert "Uptake by agency" in html
    download = signed_in_as("board").get(at("training/board-table.xlsx"))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('.xlsx"')


def test_the_manager_e_mails_the_after_session_links_once(
    signed_in_as, at, session, attended, mailoutbox
):
    manager = signed_in_as("manager")
    sent = manager.post(at(f"training/sessions/{session.pk}/send/after/"), follow=True)
    assert "Sent 3 evaluation links (after the session)" in sent.content.decode()
    assert len(mailoutbox) == 3
    assert at("evaluate/") in mailoutbox[0].body
    again = manager.post(at(f"training/sessions/{session.pk}/send/after/"), follow=True)
    assert "Sent 0 evaluation links" in again.content.decode()
    assert len(mailoutbox) == 3
    early = manager.post(at(f"training/sessions/{session.pk}/send/before/"), follow=True)
    assert "the questions before it are closed" in early.content.decode()
    follow_up = manager.post(at(f"training/sessions/{session.pk}/send/follow_up/"))
    assert follow_up.status_code == 404  # the reminders send it, three months on


def test_a_file_of_bookings_is_loaded_from_the_session_page(signed_in_as, at, session, council):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "bookings.csv", b"name,organisation\nSocial worker A,Torbay Council\nNurse B,Nowhere\n"
    )
    refused = signed_in_as("manager").post(
        at(f"training/sessions/{session.pk}/import/"), {"file": upload}
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Nothing was loaded: the file has 1 problem" in html
    assert "row 3, column &#x27;organisation&#x27;: &#x27;Nowhere&#x27;" in html
    assert not session.attendances.exists()


def test_the_manager_books_someone_and_marks_them_attended(signed_in_as, at, session, council):
    manager = signed_in_as("manager")
    path = at(f"training/sessions/{session.pk}/book/")
    booked = manager.post(
        path,
        {
            "name": "Social worker A",
            "email": "a@example.org",
            "organisation": council.pk,
            "status": "booked",
        },
    )
    assert booked.status_code == 302
    attendance = session.attendances.get()
    other = manager.post(
        path,
        {
            "name": "Social worker B",
            "email": "A@example.org",
            "organisation": council.pk,
            "status": "booked",
        },
    )
    assert other.status_code == 400
    assert "Someone with this e-mail address is already booked." in other.content.decode()
    marked = manager.post(
        at(f"training/sessions/{session.pk}/bookings/{attendance.pk}/"),
        {
            "name": "Social worker A",
            "email": "a@example.org",
            "organisation": council.pk,
            "status": "attended",
        },
    )
    assert marked.status_code == 302
    attendance.refresh_from_db()
    assert attendance.status == "attended"
