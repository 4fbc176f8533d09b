"""The board pack's table, the annual report's section and the themes the programme taught."""

from __future__ import annotations

import datetime as dt

from assure.reports.annual.training import training_section
from assure.training import queries
from assure.training.learning import themes_found
from assure.training.models import Stage

from .conftest import answer, make_course, make_session


def test_the_board_pack_table_lists_the_years_courses(torbay, session, attended):
    for attendee, before, after in zip(
        attended[:3], ([2, 2], [3, 3], [3, 4]), ([4, 4], [4, 4], [4, 4]), strict=True
    ):
        answer(session, attendee, Stage.BEFORE, confidence=before)
        answer(session, attendee, Stage.AFTER, confidence=after)
    table = queries.board_pack_table(torbay, dt.date(2024, 3, 31))
    row = next(r for r in table.rows if r[0].text == "Neglect: the basics")
    assert [c.text for c in row] == ["Neglect: the basics", "1", "3", "25%", "+1.2", "No answers"]
    earlier = queries.board_pack_table(torbay, dt.date(2024, 3, 11))
    assert "Neglect: the basics" not in earlier.column("Course")


def test_the_annual_section_keeps_attendees_words_out_of_the_public_version(
    torbay, session, attended
):
    for attendee in attended[:3]:
        answer(
            session,
            attendee,
            Stage.FOLLOW_UP,
            practice_changed=True,
            example="I ask the child first.",
        )
    internal = training_section(torbay, 2023, public=False)
    public = training_section(torbay, 2023, public=True)
    assert any("held 1 training sessions of 1 courses" in p for p in internal.paragraphs)
    assert any("3 people from 2 agencies attended" in p for p in public.paragraphs)
    assert any("3 of 3 attendees who answered the follow-up" in p for p in public.paragraphs)
    assert any("I ask the child first." in p for p in internal.paragraphs)
    assert not any("I ask the child first." in p for p in public.paragraphs)
    assert [t.caption for t in public.tables][:2] == [
        "Multi-agency training in 2023/24",
        "Training uptake by agency",
    ]


def test_a_year_without_training_says_so(torbay):
    section = training_section(torbay, 2016, public=True)
    assert section.paragraphs == ["No multi-agency training sessions were held in 2016/17."]


def test_themes_taught_are_sessions_someone_attended(torbay, theme, council):
    from .conftest import book

    course = make_course(torbay, "Drift", themes=[theme])
    held = make_session(course, dt.date(2024, 5, 7))
    make_session(course, dt.date(2024, 6, 4))  # no one came
    book(held, "Social worker A", council, "attended")
    mine = [t for t in themes_found(torbay) if t[2] == "Course Drift"]
    assert mine == [(theme.pk, dt.date(2024, 5, 7), "Course Drift")]


def test_the_programme_says_whether_a_theme_was_taught_lately(torbay, council):
    from assure.audits.learning import save_theme

    from .conftest import book

    theme = save_theme(None, torbay, None, name="Test theme", description="", priorities=[])
    course = make_course(torbay, "Drift", themes=[theme])
    book(make_session(course, dt.date(2024, 5, 7)), "Social worker A", council, "attended")

    def row(as_at):
        rows = queries.themes_taught(torbay, dt.date.min, as_at)
        return next((r.taught, r.taught_lately) for r in rows if r.theme == theme)

    assert row(dt.date(2024, 5, 6)) == (0, 0)
    assert row(dt.date(2024, 12, 1)) == (1, 1)
    assert row(dt.date(2025, 6, 1)) == (1, 0)
