"""The figures, against answers built by hand: the change in confidence, the did-not-attend
rate and the share of follow-ups saying practice changed."""

from __future__ import annotations

from decimal import Decimal

from assure.training import queries
from assure.training.models import Stage
from tests.factories import signed_in

from .factories import AttendanceFactory, SessionFactory, answer


def test_the_change_in_confidence_is_each_attendees_after_less_before_averaged(session, attended):
    a, b, c = attended[:3]
    answer(session, a, Stage.BEFORE, confidence=[2, 3])  # mean 2.5
    answer(session, a, Stage.AFTER, confidence=[4, 4])  # mean 4: +1.5
    answer(session, b, Stage.BEFORE, confidence=[3, 3])  # 3
    answer(session, b, Stage.AFTER, confidence=[3, 4])  # 3.5: +0.5
    answer(session, c, Stage.BEFORE, confidence=[5, 5])  # 5
    answer(session, c, Stage.AFTER, confidence=[4, 5])  # 4.5: -0.5
    results = queries.session_answers(session)
    assert results.change == Decimal("0.5")  # (1.5 + 0.5 - 0.5) / 3
    assert results.change_text == "+0.5"
    assert results.rose == 2
    outcomes = results.by_outcome()
    assert outcomes[0] == ("Spot neglect", Decimal("3.3"), Decimal("3.7"))  # 10/3, 11/3
    assert outcomes[1] == ("Act on it", Decimal("3.7"), Decimal("4.3"))  # 11/3, 13/3


def test_an_attendee_who_answered_only_after_counts_in_the_means_not_in_the_change(
    session, attended
):
    a, b, c = attended[:3]
    answer(session, a, Stage.BEFORE, confidence=[1, 1])
    answer(session, a, Stage.AFTER, confidence=[3, 3])  # +2
    answer(session, b, Stage.AFTER, confidence=[5, 5])
    answer(session, c, Stage.AFTER, confidence=[5, 5])
    results = queries.session_answers(session)
    assert results.changes == [Decimal(2)]
    assert results.by_outcome()[0][2] == Decimal("4.3")  # (3 + 5 + 5) / 3


def test_the_did_not_attend_rate_leaves_out_cancelled_and_unmarked_places(
    course, session, attended, council
):
    later = SessionFactory(course=course, held_on=session.held_on.replace(day=19))
    AttendanceFactory(session=later, name="Social worker F", organisation=council)  # not marked
    counts = queries.session_counts(session)
    assert (counts.attended, counts.did_not_attend, counts.cancelled) == (3, 1, 1)
    assert counts.dna_rate == Decimal(25)  # 1 of the 4 who attended or did not
    assert queries.session_counts(later).dna_rate is None


def test_the_share_saying_practice_changed_counts_the_follow_ups(session, attended):
    a, b, c = attended[:3]
    answer(session, a, Stage.FOLLOW_UP, practice_changed=True, example="I escalate sooner.")
    answer(session, b, Stage.FOLLOW_UP, practice_changed=False, example="")
    answer(session, c, Stage.FOLLOW_UP, practice_changed=True, example="I ask the child first.")
    results = queries.session_answers(session)
    assert (results.changed, len(results.follow_ups)) == (2, 3)
    assert results.changed_share == Decimal(67)
    assert results.examples == ["I ask the child first.", "I escalate sooner."]  # not as given


def test_fewer_than_three_answers_are_not_shown(session, attended):
    answer(session, attended[0], Stage.AFTER, confidence=[4, 4])
    answer(session, attended[1], Stage.AFTER, confidence=[2, 2])
    assert not queries.session_answers(session).shown
    answer(session, attended[2], Stage.AFTER, confidence=[3, 3])
    assert queries.session_answers(session).shown


def test_a_group_of_answers_too_small_is_hidden_though_another_is_large_enough(
    session, attended, member
):
    """Three answered before, one after: the one's ratings, change and follow-up would be
    theirs alone (the register says who attended), so none of them is shown."""
    a, b, c = attended[:3]
    for person in (a, b, c):
        answer(session, person, Stage.BEFORE, confidence=[2, 2])
    answer(session, a, Stage.AFTER, confidence=[5, 1])
    answer(session, a, Stage.FOLLOW_UP, practice_changed=True, example="I now escalate.")
    results = queries.session_answers(session)
    assert results.before_shown and not results.after_shown and not results.change_shown
    assert not results.follow_ups_shown
    path = f"/p/{session.course.partnership.slug}/training/sessions/{session.pk}/"
    page = signed_in(member("manager")).get(path).content.decode()
    assert "Too few" in page
    assert "+1.0" not in page and "I now escalate." not in page and "1 of 1" not in page
