"""The demo's safeguarding self-assessments, from `demo/data/<slug>/assessments/rounds.yaml`:
the shipped Section 11 and section 175/157 frameworks, a Section 11 round of the demo's
reporting year (2020/21) returned, scrutinised, challenged and closed, and this year's
Section 11 and section 175/157 rounds at every stage (not started, draft, submitted, queried,
moderated), dated around the day the demo is loaded so the reminders have something to chase.

Written through the services, as the people named would: each organisation's return by a
demo sign-in of its lead (a contributor), the scrutiny by the auditor, the schools from a
CSV list. A partnership without an `assessments/` folder gets nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from analytics.periods import financial_year_label, financial_year_of
from assure.assessments import frameworks, indicators, schools, scrutiny, services
from assure.assessments.models import Framework, Level, Outcome, Rating, Return, Round, School
from assure.audits.models import LearningTheme
from assure.core.models import Membership, Partnership
from assure.partnership import services as structure
from demo.loader import DemoDataError, Keys, demo_account, load_person, read

INTRANET = "https://intranet.example/safeguarding/standards/"  # invented evidence links


def load_assessments(partnership: Partnership, folder: Path, keys: Keys, today: dt.date) -> None:
    base = folder / "assessments"
    if not (base / "rounds.yaml").exists():
        return
    spec = read(base / "rounds.yaml")
    for item in spec.get("organisations", []):
        keys.organisations[item["key"]] = structure.save_organisation(
            None, partnership, None, name=item["name"], kind=item["kind"]
        )
    for item in spec.get("people", []):
        keys.people[item["key"]] = load_person(partnership, item, keys, "assessments")
    installed = {
        kind: frameworks.install_framework(None, partnership, kind) for kind in Framework.Kind
    }
    demo = Demo(partnership, keys, today, base)
    demo.reviewer = Membership.objects.get(partnership=partnership, user__username=spec["reviewer"])
    for item in spec["rounds"]:
        framework = installed[item["framework"]]
        if item.get("copy_as"):
            due = demo.day(item, "due_on")
            assert due is not None
            name = item["copy_as"].format(fy=financial_year_label(financial_year_of(due)))
            framework = frameworks.copy_framework(None, framework, name)
        demo.round(item, framework, spec["contributors"])


class Demo:
    def __init__(self, partnership: Partnership, keys: Keys, today: dt.date, base: Path):
        self.partnership, self.keys, self.today, self.base = partnership, keys, today, base
        self.reviewer: Membership | None = None
        self.members: dict[int, Membership] = {}  # by organisation

    def day(self, item: dict[str, Any], name: str) -> dt.date | None:
        """A date as written, or `<name>_days` from the day the demo is loaded."""
        if item.get(name) is not None:
            return item[name]
        days = item.get(f"{name.removesuffix('_on')}_days")
        return None if days is None else self.today + dt.timedelta(days=days)

    def round(self, item: dict[str, Any], framework: Framework, contributors: list[Any]) -> None:
        opens, due = self.day(item, "opens_on"), self.day(item, "due_on")
        assert opens and due
        title = item["title"].format(fy=financial_year_label(financial_year_of(due)))
        organisations = [
            self.keys.get("organisations", r["organisation"], title)
            for r in item["returns"]
            if "organisation" in r
        ]
        found = services.open_round(
            None,
            self.partnership,
            organisations=organisations,
            framework=framework,
            title=title,
            opens_on=opens,
            due_on=due,
            introduction=item.get("introduction") or "",
        )
        if item.get("schools"):
            outcome = schools.load_schools(
                None,
                self.partnership,
                item["schools"],
                (self.base / item["schools"]).read_bytes(),
                into=found,
            )
            if outcome.problems:
                raise DemoDataError("; ".join(outcome.problems))
        self.sign_in_leads(contributors)
        for spec in item["returns"]:
            self.complete(found, spec)
        for event in item.get("events", []):
            self.event(found, event)
        if item.get("closed_on"):
            services.close_round(None, found, today=item["closed_on"])
        indicators.publish(None, found, today=self.today)

    def sign_in_leads(self, contributors: list[dict[str, Any]]) -> None:
        """Demo sign-ins for the leads who complete returns, once their organisation exists."""
        for item in contributors:
            if "urn" in item:
                school = School.objects.filter(
                    organisation__partnership=self.partnership, urn=item["urn"]
                ).first()
                person = school.organisation.lead if school else None
            else:
                person = self.keys.get("people", item["person"], "contributors")
            if person is None or person.organisation_id is None:
                continue
            if person.organisation_id in self.members:
                continue
            user = demo_account(item["username"], person)
            self.members[person.organisation_id] = structure.add_member(
                None, self.partnership, user, "contributor", person
            )
        owner = Membership.objects.filter(
            partnership=self.partnership, user__username="torbay.owner"
        )
        for membership in owner.select_related("person"):
            if membership.person and membership.person.organisation_id:
                self.members.setdefault(membership.person.organisation_id, membership)

    def assessment(self, found: Round, spec: dict[str, Any]) -> Return:
        if "urn" in spec:
            return found.returns.get(organisation__school__urn=spec["urn"])
        organisation = self.keys.get("organisations", spec["organisation"], str(found))
        return found.returns.get(organisation=organisation)

    def complete(self, found: Round, spec: dict[str, Any]) -> None:
        assessment = self.assessment(found, spec)
        if spec.get("lead"):
            services.set_lead(None, assessment, self.keys.get("people", spec["lead"], str(found)))
        submitted = self.day(spec, "submitted_on")
        if not spec.get("draft") and submitted is None:
            return  # not started
        member = self.members.get(assessment.organisation_id)
        if member is None:
            raise DemoDataError(f"{found}: no demo sign-in for {assessment.organisation}")
        levels = {level.label: level for level in Level.objects.filter(framework=found.framework)}
        services.save_draft(member, assessment, self.entries(assessment, spec, levels))
        if submitted is None:
            return
        chief, role = spec["signed_off"]
        services.submit_return(
            member, assessment, signed_off_by=chief, signed_off_role=role, today=submitted
        )
        self.scrutinise(assessment, spec, member, levels, submitted)

    def entries(
        self, assessment: Return, spec: dict[str, Any], levels: dict[str, Level]
    ) -> dict[int, services.Entry]:
        exceptions = spec.get("ratings") or {}
        only = spec.get("rate_only")
        entries = {}
        for rating in assessment.ratings.select_related("standard__area"):
            standard = rating.standard
            if only and standard.area.number not in only:
                continue
            given = list(exceptions.get(standard.number) or [spec["default"]])
            label, said, due = (given + ["", None][len(given) - 1 :])[:3]
            level = levels[label]
            not_applicable = level.outcome == Outcome.NOT_APPLICABLE
            entries[standard.pk] = services.Entry(
                level=level,
                evidence=said if not_applicable else f"In place: {standard.evidence_expected}",
                evidence_links="" if not_applicable else f"{INTRANET}{standard.number}",
                actions="" if not_applicable else said or "",
                action_due=due,
            )
        return entries

    def scrutinise(
        self,
        assessment: Return,
        spec: dict[str, Any],
        member: Membership,
        levels: dict[str, Level],
        submitted: dt.date,
    ) -> None:
        reviewer = self.reviewer
        assert reviewer is not None
        asked = min(submitted + dt.timedelta(days=7), self.today)
        for number, (question, answer) in (spec.get("queries") or {}).items():
            rating = self.rating(assessment, number)
            query = scrutiny.query_rating(reviewer, rating, question, today=asked)
            if answer:
                later = min(asked + dt.timedelta(days=5), self.today)
                scrutiny.answer_query(member, query, answer, today=later)
        for number, (label, note) in (spec.get("moderated") or {}).items():
            rating = self.rating(assessment, number)
            scrutiny.moderate_rating(reviewer, rating, level=levels[label], note=note, today=asked)
        if spec.get("findings"):
            note, names = spec["findings"]
            themes = [self.theme(name) for name in names]
            scrutiny.record_findings(reviewer, assessment, note=note, themes=themes)

    def rating(self, assessment: Return, number: str) -> Rating:
        return assessment.ratings.get(standard__number=number)

    def theme(self, name: str) -> LearningTheme:
        return LearningTheme.objects.get(partnership=self.partnership, name=name)

    def event(self, found: Round, spec: dict[str, Any]) -> None:
        reviewer = self.reviewer
        assert reviewer is not None
        event = scrutiny.record_challenge_event(
            reviewer,
            found,
            group=self.keys.get("groups", spec["group"], str(found)),
            held_on=spec["held_on"],
            attendees=spec["attendees"],
            outcomes=spec["outcomes"],
            organisations=[
                self.keys.get("organisations", k, str(found)) for k in spec["organisations"]
            ],
            themes=[self.theme(name) for name in spec.get("themes", [])],
        )
        for action in spec.get("actions", []):
            scrutiny.agree_action(
                reviewer,
                event,
                text=action["text"],
                owner=self.keys.get("people", action["owner"], str(found)),
                due_date=action["due"],
            )
