"""Reads of the programme shared by the pages, the annual report and the board pack: each
scoped to the partnership, so another partnership's course, session or booking is a 404."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from analytics.periods import add_months
from assure.audits.models import LearningTheme
from assure.core.errors import DomainError
from assure.core.models import Partnership
from assure.documents.model import Cell, Table, figure
from assure.partnership.models import Organisation
from assure.training.evaluations import check_open
from assure.training.learning import themes_found
from assure.training.models import Attendance, Course, EvaluationLink, Session, Stage
from assure.training.results import Answers, Counts, answers_of, counts_of, evaluations_of


def courses_of(partnership: Partnership) -> QuerySet[Course]:
    return Course.objects.filter(partnership=partnership).prefetch_related(
        "themes", "priorities__plan", "offered_to"
    )


def get_course(partnership: Partnership, pk: int) -> Course:
    return get_object_or_404(courses_of(partnership), pk=pk)


def get_session(partnership: Partnership, pk: int) -> Session:
    found = Session.objects.select_related("course__partnership")
    return get_object_or_404(found, pk=pk, course__partnership=partnership)


def get_attendance(partnership: Partnership, pk: int) -> Attendance:
    found = Attendance.objects.select_related("session__course__partnership", "organisation")
    return get_object_or_404(found, pk=pk, session__course__partnership=partnership)


def sessions_of(partnership: Partnership) -> QuerySet[Session]:
    return (
        Session.objects.filter(course__partnership=partnership)
        .select_related("course")
        .annotate(
            taken=Count("attendances", filter=~Q(attendances__status=Attendance.Status.CANCELLED))
        )
    )


def year_to(as_at: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve months up to and including a day."""
    return add_months(as_at, -12) + dt.timedelta(days=1), as_at


@dataclass
class CourseRow:
    course: Course
    sessions: int
    counts: Counts
    answers: Answers


def course_rows(partnership: Partnership, first: dt.date, last: dt.date) -> list[CourseRow]:
    """Each course with a session held between two days: its register and its answers."""
    rows = []
    held = (first, last)
    for course in courses_of(partnership).filter(sessions__held_on__range=held).distinct():
        sessions = course.sessions.filter(held_on__range=held)
        counts = counts_of(Attendance.objects.filter(session__in=sessions))
        evaluations = evaluations_of(
            partnership, held=held, link__attendance__session__course=course
        )
        rows.append(
            CourseRow(
                course, sessions.count(), counts, answers_of(evaluations, course.outcome_list)
            )
        )
    return rows


def session_answers(session: Session) -> Answers:
    evaluations = evaluations_of(session.course.partnership, link__attendance__session=session)
    return answers_of(evaluations, session.course.outcome_list)


@dataclass
class AgencyRow:
    organisation: Organisation
    offered: int  # courses held in the period that were offered to the agency
    courses_attended: int
    counts: Counts


def uptake(partnership: Partnership, first: dt.date, last: dt.date) -> list[AgencyRow]:
    """Each agency's bookings and attendance against the courses offered to it: the agencies
    that booked, and those a course was offered to by name."""
    held = courses_of(partnership).filter(sessions__held_on__range=(first, last)).distinct()
    offered_to = {c.pk: {o.pk for o in c.offered_to.all()} for c in held}
    counts: dict[int, Counts] = defaultdict(Counts)
    attended: dict[int, set[int]] = defaultdict(set)
    rows = Attendance.objects.filter(
        session__course__partnership=partnership, session__held_on__range=(first, last)
    ).values_list("organisation_id", "status", "session__course_id")
    for agency, status, course in rows:
        counts[agency].add(status)
        if status == Attendance.Status.ATTENDED:
            attended[agency].add(course)
    named = set().union(*offered_to.values()) if offered_to else set()
    agencies = []
    for organisation in Organisation.objects.filter(partnership=partnership):
        if organisation.pk not in counts and organisation.pk not in named:
            continue  # offered only as one of every agency, and never booked: not a trainee
        offered = sum(1 for who in offered_to.values() if not who or organisation.pk in who)
        agencies.append(
            AgencyRow(
                organisation, offered, len(attended[organisation.pk]), counts[organisation.pk]
            )
        )
    return agencies


@dataclass
class ThemeRow:
    theme: LearningTheme
    taught: int  # sessions held on it in the period with someone attending
    taught_lately: int = 0  # of those, in the twelve months to the period's end


def themes_taught(partnership: Partnership, first: dt.date, last: dt.date) -> list[ThemeRow]:
    """Each learning theme and the sessions that taught it between two days (and in the last
    twelve months of them), most taught first. Whether the themes found in audits, reviews and
    self-assessments are taught is the learning themes report's (`reports/learning`)."""
    lately = year_to(last)[0]
    taught: dict[int, int] = defaultdict(int)
    taught_lately: dict[int, int] = defaultdict(int)
    for theme, day, _ in themes_found(partnership):
        taught[theme] += first <= day <= last
        taught_lately[theme] += max(first, lately) <= day <= last
    themes = LearningTheme.objects.filter(partnership=partnership)
    rows = [ThemeRow(t, taught[t.pk], taught_lately[t.pk]) for t in themes]
    return sorted(rows, key=lambda r: (-r.taught, r.theme.name))


def _change(answers: Answers) -> Cell:
    if not answers.changes or not answers.change_shown:
        return Cell("Too few answers" if answers.changes else "No answers", numeric=True)
    return Cell(answers.change_text, value=float(answers.change_text))


def _share(part: int, whole: int, shown: bool) -> Cell:
    if not whole:
        return Cell("No answers", numeric=True)
    if not shown:
        return Cell("Too few answers", numeric=True)
    return Cell(f"{part} of {whole} ({round(100 * part / whole)}%)", value=part / whole)


def board_pack_table(partnership: Partnership, as_at: dt.date) -> Table:
    """Multi-agency training in the twelve months to `as_at`, a course a row."""
    first, last = year_to(as_at)
    return courses_table(partnership, first, last, "Multi-agency training")


def courses_table(partnership: Partnership, first: dt.date, last: dt.date, caption: str) -> Table:
    """Each course held between two days: sessions, attendance and what attendees said."""
    rows = []
    for row in course_rows(partnership, first, last):
        counts, answers = row.counts, row.answers
        dna = counts.dna_rate
        rows.append(
            [
                Cell(row.course.title),
                figure(row.sessions),
                figure(counts.attended),
                Cell(f"{dna}%", value=float(dna)) if dna is not None else Cell("", numeric=True),
                _change(answers),
                _share(answers.changed, len(answers.follow_ups), answers.follow_ups_shown),
            ]
        )
    header = [
        "Course",
        "Sessions",
        "Attended",
        "Did not attend",
        "Change in confidence",
        "Practice changed",
    ]
    notes = [
        f"Sessions held from {first:%-d %B %Y} to {last:%-d %B %Y}. Did not attend: the share "
        "of those booked and not cancelled who did not come. Change in confidence: the average "
        "of each attendee's rating after the session less their rating before, on a scale of "
        "1 to 5. Practice changed: follow-ups at three months saying it had. Fewer than three "
        "answers are not shown."
    ]
    return Table(
        caption, header, rows, row_header=0, empty="No training sessions were held.", notes=notes
    )


def uptake_table(partnership: Partnership, first: dt.date, last: dt.date) -> Table:
    header = [
        "Agency",
        "Courses offered",
        "Courses attended",
        "Bookings",
        "Attended",
        "Did not attend",
        "Cancelled",
    ]
    rows = [
        [
            Cell(row.organisation.name),
            figure(row.offered),
            figure(row.courses_attended),
            figure(row.counts.bookings),
            figure(row.counts.attended),
            figure(row.counts.did_not_attend),
            figure(row.counts.cancelled),
        ]
        for row in uptake(partnership, first, last)
    ]
    notes = [
        "Courses offered: those held that were open to the agency; courses attended: those at "
        "least one of its staff attended."
    ]
    return Table("Training uptake by agency", header, rows, row_header=0, notes=notes)


def themes_table(partnership: Partnership, first: dt.date, last: dt.date) -> Table:
    rows = [
        [Cell(row.theme.name), figure(row.taught)]
        for row in themes_taught(partnership, first, last)
        if row.taught
    ]
    header = ["Learning theme", "Sessions that taught it"]
    return Table("Learning themes taught", header, rows, row_header=0)


def course_answers(course: Course) -> Answers:
    evaluations = evaluations_of(course.partnership, link__attendance__session__course=course)
    return answers_of(evaluations, course.outcome_list)


def session_counts(session: Session) -> Counts:
    return counts_of(session.attendances.all())


@dataclass
class LinkCounts:
    stage: Stage
    issued: int
    answered: int


def links_by_stage(session: Session) -> list[LinkCounts]:
    """How many links of each stage were issued and answered: counts, never who."""
    links = EvaluationLink.objects.filter(attendance__session=session)
    return [
        LinkCounts(
            stage,
            links.filter(stage=stage).count(),
            links.filter(stage=stage, answered_on__isnull=False).count(),
        )
        for stage in Stage
    ]


def sendable_stages(session: Session, today: dt.date) -> list[Stage]:
    """The stages whose links a manager may send today (the follow-up is the reminders')."""
    stages = []
    for stage in (Stage.BEFORE, Stage.AFTER):
        try:
            check_open(session, stage, today)
        except DomainError:
            continue
        stages.append(stage)
    return stages
