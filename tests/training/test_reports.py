"""The board pack's table, the annual report's section and the themes the programme taught."""

from __future__ import annotations

import datetime as dt

from assure.reports.annual.training import training_section
from assure.training import queries
from assure.training.learning import themes_found
from assure.training.models import Stage
from tests.factories import LearningThemeFactory

from .factories import AttendanceFactory, CourseFactory, SessionFactory, answer


def test_the_board_pack_table_lists_the_years_courses(partnership, session, attended):
    for attendee, before, after in zip(
        attended[:3], ([2, 2], [3, 3], [3, 4]), ([4, 4], [4, 4], [4, 4]), strict=True
    ):
        answer(session, attendee, Stage.BEFORE, confidence=before)
        answer(session, attendee, Stage.AFTER, confidence=after)
    table = queries.board_pack_table(partnership, dt.date(2024, 3, 31))
    row = next(r for r in table.rows if r[0].text == "Neglect: the basics")
    assert [c.text for c in row] == ["Neglect: the basics", "1", "3", "25%", "+1.2", "No answers"]
    earlier = queries.board_pack_table(partnership, dt.date(2024, 3, 11))
    assert "Neglect: the basics" not in earlier.column("Course")


def test_the_annual_section_keeps_attendees_words_out_of_the_public_version(
    partnership, session, attended
):
    for attendee in attended[:3]:
        answer(
            session,
            attendee,
            Stage.FOLLOW_UP,
            practice_changed=True,
            example="I ask the child first.",
        )
    internal = training_section(partnership, 2023, public=False)
    public = training_section(partnership, 2023, public=True)
    assert any("held 1 training sessions of 1 courses" in p for p in internal.paragraphs)
    assert any("3 people from 2 agencies attended" in p for p in public.paragraphs)
    assert any("3 of 3 attendees who answered the follow-up" in p for p in public.paragraphs)
    assert any("I ask the child first." in p for p in internal.paragraphs)
    assert not any("I ask the child first." in p for p in public.paragraphs)
    assert [t.caption for t in public.tables][:2] == [
        "Multi-agency training in 2023/24",
        "Training uptake by agency",
    ]


def test_a_year_without_training_says_so(partnership, attended):
    section = training_section(partnership, 2016, public=True)  # the sessions are of 2023/24
    assert section.paragraphs == ["No multi-agency training sessions were held in 2016/17."]


def test_themes_taught_are_sessions_someone_attended(partnership, theme, council):
    course = CourseFactory(partnership=partnership, title="Drift", themes=[theme])
    held = SessionFactory(course=course, held_on=dt.date(2024, 5, 7))
    SessionFactory(course=course, held_on=dt.date(2024, 6, 4))  # no one came
    AttendanceFactory(session=held, name="Social worker A", organisation=council, status="attended")
    mine = [t for t in themes_found(partnership) if t[2] == "Course Drift"]
    assert mine == [(theme.pk, dt.date(2024, 5, 7), "Course Drift")]


def test_the_programme_says_whether_a_theme_was_taught_lately(partnership, council):
    theme = LearningThemeFactory(partnership=partnership, name="Test theme")
    course = CourseFactory(partnership=partnership, title="Drift", themes=[theme])
    held = SessionFactory(course=course, held_on=dt.date(2024, 5, 7))
    AttendanceFactory(session=held, name="Social worker A", organisation=council, status="attended")

    def row(as_at):
        rows = queries.themes_taught(partnership, dt.date.min, as_at)
        return next((r.taught, r.taught_lately) for r in rows if r.theme == theme)

    assert row(dt.date(2024, 5, 6)) == (0, 0)
    assert row(dt.date(2024, 12, 1)) == (1, 1)
    assert row(dt.date(2025, 6, 1)) == (1, 0)
