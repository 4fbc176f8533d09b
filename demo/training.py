"""The demo's training programme, from `demo/data/<slug>/training/programme.yaml`: courses,
forums and a learning event, a year of sessions (April 2020 to March 2021) with bookings,
attendance and every stage of evaluation answered, and a few sessions placed from today
(one whose three-month follow-up falls due now, one just held, two coming up). Then the
figures are sent to the performance framework.

Written through the training services, as the business manager and the attendees would:
each booking made, attendance marked on the day, each evaluation link issued and answered.
Attendees are synthetic, named by role ("Health visitor 7"), drawn deterministically from a
seed. A partnership without a `training/` folder gets nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from analytics.periods import last_months, month_starts
from assure.audits.models import LearningTheme
from assure.core.models import Partnership
from assure.partnership.models import Organisation
from assure.plans.models import Priority
from assure.training import evaluations, indicators, services
from assure.training.models import Attendance, Course, Session, Stage
from demo.loader import DemoDataError, Keys, read

People = list[tuple[str, str, Organisation]]  # (name, e-mail, agency)
HISTORY = (dt.date(2020, 4, 1), dt.date(2021, 3, 31))


def day(value: Any, today: dt.date) -> dt.date:
    """A date as the YAML gives it: a date, or "today-96" / "today+24" (calendar days)."""
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if not text.startswith("today"):
        raise DemoDataError(f"training: '{text}' is not a date or today±days")
    return today + dt.timedelta(days=int(text[5:] or 0))


def load_training(partnership: Partnership, folder: Path, keys: Keys, today: dt.date) -> None:
    path = folder / "training" / "programme.yaml"
    if not path.exists():
        return
    spec = read(path)
    rng = random.Random(spec["seed"])  # noqa: S311 (synthetic, repeatable)
    people = _people(spec["agencies"], keys, rng)
    weights = {key: item["weight"] for key, item in spec["agencies"].items()}
    for item in spec["courses"]:
        course = _course(partnership, item, spec["plan"], keys)
        offered = set(item.get("offered_to") or weights)
        pool = [p for p in people if p[2] in {keys.organisations[k] for k in offered}]
        agency_weight = {keys.organisations[k]: w for k, w in weights.items()}
        for when, history in [(s, True) for s in item["sessions"]] + [
            (s, False) for s in item.get("current", [])
        ]:
            session = services.save_session(
                None,
                course,
                None,
                held_on=day(when["date"], today),
                online=when["online"],
                place=when["place"],
                trainer=when["trainer"],
                capacity=when["places"],
            )
            booked = when.get("booked") or round(when["places"] * rng.uniform(0.7, 0.95))
            chosen = _choose(pool, agency_weight, booked, rng)
            _run(session, chosen, spec, history, today, rng)
    months = month_starts(*HISTORY) + last_months(today, 12)
    indicators.publish(None, partnership, sorted(set(months)), today)


def _people(agencies: dict[str, Any], keys: Keys, rng: random.Random) -> People:
    """A pool of synthetic practitioners, a few of each role of each agency."""
    people: People = []
    for key, item in agencies.items():
        organisation = keys.get("organisations", key, "training agencies")
        domain = f"{slugify(key).replace('_', '-')}.torbay.example"
        for role in item["roles"]:
            for number in range(1, 3 + item["weight"] // 4):
                name = f"{role} {number}"
                email = f"{slugify(role)}.{number}@{domain}"
                people.append((name, email, organisation))
    rng.shuffle(people)
    return people


def _course(partnership: Partnership, item: dict[str, Any], plan: str, keys: Keys) -> Course:
    themes = [LearningTheme.objects.get(partnership=partnership, name=n) for n in item["themes"]]
    priorities = [
        Priority.objects.get(plan__partnership=partnership, plan__title=plan, code=code)
        for code in item.get("priorities") or []
    ]
    offered = [keys.get("organisations", k, item["title"]) for k in item.get("offered_to") or []]
    return services.save_course(
        None,
        partnership,
        None,
        title=item["title"],
        kind=item["kind"],
        level=item.get("level") or "",
        description=item.get("description") or "",
        outcomes="\n".join(item["outcomes"]),
        origin=item.get("origin") or "",
        themes=themes,
        priorities=priorities,
        offered_to=offered,
    )


def _choose(
    pool: People, weights: dict[Organisation, int], count: int, rng: random.Random
) -> People:
    chosen: People = []
    left = list(pool)
    while left and len(chosen) < count:
        person = rng.choices(left, [weights[p[2]] for p in left])[0]
        left.remove(person)
        chosen.append(person)
    return chosen


def _run(
    session: Session,
    people: People,
    spec: dict[str, Any],
    history: bool,
    today: dt.date,
    rng: random.Random,
) -> None:
    """Book, evaluate before, mark attendance, evaluate after and three months on, as far
    as `today` has come."""
    rates, held = spec["rates"], session.held_on
    bookings = [
        services.save_attendee(
            None, session, None, today, name=name, email=email, organisation=agency
        )
        for name, email, agency in people
    ]
    outcomes = len(session.course.outcome_list)
    before: dict[int, list[int]] = {}
    if held - dt.timedelta(days=7) <= today:
        for issued in evaluations.issue_links(None, session, Stage.BEFORE, held - dt.timedelta(7)):
            answered_on = held - dt.timedelta(days=rng.randint(1, 6))
            if answered_on <= today and rng.random() < rates["answer_before"]:
                ratings = _before(outcomes, rng)
                before[issued.attendance.pk] = ratings
                evaluations.answer(issued.link, answered_on, confidence=ratings)
    if held > today:
        return
    for booking in bookings:
        services.set_status(None, booking, _status(rates, rng), held)
    for issued in evaluations.issue_links(None, session, Stage.AFTER, held):
        answered_on = held + dt.timedelta(days=rng.randint(0, 12))
        if answered_on <= today and rng.random() < rates["answer_after"]:
            start = before.get(issued.attendance.pk) or _before(outcomes, rng)
            ratings = [min(5, r + rng.choice([0, 1, 1, 1, 2])) for r in start]
            evaluations.answer(issued.link, answered_on, confidence=ratings)
    if history and session.follow_up_on <= today:
        _follow_up(session, spec, today, rng)


def _before(outcomes: int, rng: random.Random) -> list[int]:
    base = rng.choices([1, 2, 3, 4, 5], [8, 30, 40, 17, 5])[0]
    return [max(1, min(5, base + rng.choice([-1, 0, 0, 1]))) for _ in range(outcomes)]


def _status(rates: dict[str, float], rng: random.Random) -> str:
    roll = rng.random()
    if roll < rates["cancelled"]:
        return Attendance.Status.CANCELLED
    if roll < rates["cancelled"] + rates["did_not_attend"]:
        return Attendance.Status.DID_NOT_ATTEND
    return Attendance.Status.ATTENDED


def _follow_up(session: Session, spec: dict[str, Any], today: dt.date, rng: random.Random) -> None:
    rates = spec["rates"]
    for issued in evaluations.issue_links(None, session, Stage.FOLLOW_UP, session.follow_up_on):
        answered_on = session.follow_up_on + dt.timedelta(days=rng.randint(0, 14))
        if answered_on > today or rng.random() >= rates["answer_follow_up"]:
            continue
        changed = rng.random() < rates["practice_changed"]
        example = rng.choice(spec["examples"] if changed else spec["no_change"])
        if not changed and rng.random() < 0.5:
            example = ""
        evaluations.answer(issued.link, answered_on, practice_changed=changed, example=example)
