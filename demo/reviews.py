"""The demo's case reviews, from `demo/data/<slug>/reviews/reviews.yaml`: serious incidents at
every stage (to notify, rapid review under way, a practice review under way, a practice
review published with recommendations turned into plan actions and evidence of impact, one
closed without a local review), a legacy serious case review and other sources of learning.

Written through the reviews' services, as the business manager (and each agency's
contributor, or the auditor for an agency without one) would. Dates are fixed or relative to
`today` ("today-20"), so the clocks always have something due or late. A partnership without
a `reviews/` folder gets nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.utils import timezone

from assure.audits import learning as audit_learning
from assure.audits.models import CaseAudit, DipSample, LearningTheme
from assure.core.models import Membership, Partnership
from assure.core.periods import Period
from assure.performance.models import Indicator
from assure.plans import services as plans
from assure.plans.models import ActionUpdate, Objective, Plan, Priority, Recommendation
from assure.reviews import practice, recommendations, services
from assure.reviews.models import AgencyRequest, Finding, Incident, Review
from demo.loader import DemoDataError, Keys, read

PLAN = "Torbay Safeguarding Children Partnership Business Plan 2021-2024"
Context = dict[str, Any]  # what every step needs: partnership, keys, today, themes, members


def day(value: Any, today: dt.date) -> dt.date | None:
    """A date as the YAML gives it: a date, or "today-20" / "today+6" (calendar days)."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value)
    if not text.startswith("today"):
        raise DemoDataError(f"reviews.yaml: '{text}' is not a date nor today±days")
    return today + dt.timedelta(days=int(text[5:] or 0))


def on(value: Any, today: dt.date) -> dt.date:
    """A date the YAML must give."""
    found = day(value, today)
    if found is None:
        raise DemoDataError("reviews.yaml: a date is missing")
    return found


def load_reviews(partnership: Partnership, folder: Path, keys: Keys, today: dt.date) -> None:
    path = folder / "reviews" / "reviews.yaml"
    if not path.exists():
        return
    spec = read(path)
    plan = Plan.objects.get(partnership=partnership, title=PLAN)
    learning_plan = _learning_plan(partnership, plan, spec["learning_plan"], keys)
    for item in spec.get("learning_themes") or []:
        audit_learning.save_theme(
            None,
            partnership,
            None,
            name=item["name"],
            description=item.get("description") or "",
            priorities=list(Priority.objects.filter(plan=plan, code__in=item["priorities"])),
        )
    members = Membership.objects.filter(partnership=partnership).select_related("person", "user")
    ctx: Context = {
        "partnership": partnership,
        "keys": keys,
        "today": today,
        "plan": learning_plan,
        "themes": {t.name: t for t in LearningTheme.objects.filter(partnership=partnership)},
        "runner": next(m for m in members if m.role == "auditor"),
        "contributors": {
            m.person.organisation_id: m
            for m in members
            if m.role == "contributor" and m.person and m.person.organisation_id
        },
    }
    for item in spec.get("incidents") or []:
        _incident(ctx, item)
    for item in spec.get("reviews") or []:
        review = practice.save_review(
            None,
            partnership,
            None,
            reference=item["reference"],
            kind=item["kind"],
            title=item["title"],
            source=item.get("source") or "",
            summary=item.get("summary") or "",
            reviewer=item.get("reviewer") or "",
            decided_on=day(item.get("decided_on"), today),
            published_on=day(item.get("published_on"), today),
            report=item.get("report") or "",
        )
        _findings(ctx, item.get("findings") or [], review=review)


def _incident(ctx: Context, item: dict[str, Any]) -> None:
    today, keys = ctx["today"], ctx["keys"]
    aware = day(item["aware_on"], today)
    assert aware is not None  # noqa: S101 (the YAML gives it)
    reference = item["reference"].format(year=aware.year)
    incident = services.record_incident(
        None,
        ctx["partnership"],
        None,
        reference=reference,
        child_reference=item["child"],
        kind=item["kind"],
        looked_after=bool(item.get("looked_after")),
        summary=item.get("summary") or "",
        incident_on=day(item["incident_on"], today),
        aware_on=aware,
        agencies=[keys.get("organisations", k, reference) for k in item["agencies"]],
        lead=keys.get("people", item.get("lead"), reference),
    )
    if "notified" not in item:
        return
    notified = item["notified"]
    services.notify(
        None,
        incident,
        panel_on=on(notified["panel"], today),
        ofsted_on=day(notified.get("ofsted"), today),
        secretary_of_state_on=day(notified.get("secretary_of_state"), today),
        today=today,
    )
    _requests(ctx, incident, item["summaries"], AgencyRequest.Kind.SUMMARY)
    if "rapid_review" in item:
        _rapid_review(ctx, incident, item["rapid_review"])
    _findings(ctx, item.get("findings") or [], incident=incident)
    if "practice_review" in item:
        _practice_review(ctx, incident, item["practice_review"], aware.year)
    if item.get("close"):
        services.close_incident(None, incident)


def _requests(ctx: Context, incident: Incident, spec: dict[str, Any], kind: str) -> None:
    today, keys = ctx["today"], ctx["keys"]
    named = spec.get("asked_of") or {}  # who writes it, where not the agency's lead
    asked = services.ask_agencies(
        None,
        incident,
        agencies=list(incident.agencies.all()),
        due_on=on(spec["due"], today),
        kind=kind,
        people={
            keys.get("organisations", k, incident.reference).pk: keys.get(
                "people", p, incident.reference
            )
            for k, p in named.items()
        },
    )
    for request in asked:
        key = next((k for k, o in keys.organisations.items() if o == request.organisation), "")
        returned = (spec.get("returned") or {}).get(key)
        if returned:
            writer = ctx["contributors"].get(request.organisation_id, ctx["runner"])
            services.return_request(
                writer, request, text=returned["text"], today=day(returned["date"], today)
            )


def _rapid_review(ctx: Context, incident: Incident, spec: dict[str, Any]) -> None:
    today = ctx["today"]
    signed = spec.get("signed") or {}
    services.record_rapid_review(
        None,
        incident,
        today=today,
        meeting_on=day(spec["meeting_on"], today),
        immediate_actions=spec.get("immediate_actions") or "",
        decision=spec["decision"],
        decision_reason=spec["decision_reason"],
        decided_on=day(spec["decided_on"], today),
        council_signed_on=day(signed.get("council"), today),
        police_signed_on=day(signed.get("police"), today),
        health_signed_on=day(signed.get("health"), today),
    )
    if "sent_on" in spec:
        services.send_rapid_review(None, incident, sent_on=on(spec["sent_on"], today), today=today)
    response = spec.get("panel_response")
    if response:
        services.record_panel_response(
            None,
            incident,
            text=response["text"],
            responded_on=on(response["date"], today),
        )


def _practice_review(ctx: Context, incident: Incident, spec: dict[str, Any], year: int) -> None:
    today, keys = ctx["today"], ctx["keys"]
    review = services.start_practice_review(
        None,
        incident,
        reference=spec["reference"].format(year=year),
        title=spec["title"],
        reviewer=spec.get("reviewer") or "",
        lead=keys.get("people", spec.get("lead"), spec["reference"]),
        terms_of_reference=spec.get("terms_of_reference") or "",
    )
    if "chronologies" in spec:
        _requests(ctx, incident, spec["chronologies"], AgencyRequest.Kind.CHRONOLOGY)
    for item in spec.get("milestones") or []:
        milestone = practice.add_milestone(
            None,
            review,
            title=item["title"],
            due_on=on(item["due"], today),
        )
        if item.get("done"):
            practice.complete_milestone(None, milestone, done_on=on(item["done"], today))
    for item in spec.get("delays") or []:
        practice.record_delay(
            None,
            review,
            reason=item["reason"],
            expected_on=on(item["expected"], today),
            recorded_on=on(item["date"], today),
        )
    published = spec.get("published")
    if published:
        practice.publish_review(
            None,
            review,
            published_on=on(published["date"], today),
            report=published["report"],
        )
    _findings(ctx, spec.get("findings") or [], review=review)


def _findings(
    ctx: Context,
    items: list[dict[str, Any]],
    review: Review | None = None,
    incident: Incident | None = None,
) -> None:
    today = ctx["today"]
    for item in items:
        finding = practice.add_finding(
            None,
            review=review,
            incident=incident,
            text=item["text"],
            found_on=on(item["date"], today),
            themes=[ctx["themes"][name] for name in item.get("themes") or []],
        )
        for spec in item.get("recommendations") or []:
            _recommendation(ctx, finding, spec)


def _recommendation(ctx: Context, finding: Finding, spec: dict[str, Any]) -> None:
    today = ctx["today"]
    recommendation = recommendations.recommend(
        None,
        finding,
        reference=spec["ref"],
        text=spec["text"],
        issued_on=on(spec["date"], today),
    )
    for item in spec.get("actions") or []:
        _action(ctx, recommendation, item)
    for item in spec.get("evidence") or []:
        _evidence(ctx, recommendation, item)
    if spec.get("close"):
        recommendations.close_recommendation(None, recommendation)


def _learning_plan(
    partnership: Partnership, business: Plan, item: dict[str, Any], keys: Keys
) -> Plan:
    """The plan the reviews' recommendations are answered in, made as a manager makes one."""
    plan = plans.save_plan(
        None,
        partnership,
        None,
        title=item["title"],
        kind=item["kind"],
        rag_scheme=business.rag_scheme,
        starts=item["starts"],
        ends=item["ends"],
        senior_responsible_officer=keys.get(
            "people", item.get("senior_responsible_officer"), "learning_plan"
        ),
        summary=item.get("summary") or "",
        reporting_period=item["reporting_period"],
    )
    for position, found in enumerate(item["priorities"], start=1):
        priority = plans.save_priority(
            None, plan, None, code=found["code"], title=found["title"], position=position
        )
        for number, objective in enumerate(found["objectives"], start=1):
            plans.save_objective(
                None,
                priority,
                None,
                code=objective["code"],
                title=objective["title"],
                position=number,
            )
    return plan


def _action(ctx: Context, recommendation: Recommendation, item: dict[str, Any]) -> None:
    keys, plan = ctx["keys"], ctx["plan"]
    objective = Objective.objects.get(priority__plan=plan, code=item["objective"])
    action = recommendations.add_action(
        None,
        recommendation,
        objective=objective,
        code=item["code"],
        title=item["title"],
        owner_person=keys.get("people", item.get("owner_person"), item["code"]),
        owner_organisation=keys.get("organisations", item.get("owner_organisation"), item["code"]),
        due_date=day(item.get("due"), ctx["today"]),
    )
    for update in item.get("updates") or []:
        period = Period.parse(update["period"])
        when = timezone.make_aware(dt.datetime.combine(period.end, dt.time(12)))
        plans.record_past_update(
            None,
            action,
            period=period.code,
            rag=plan.rag_scheme.levels.get(colour=update["rag"]),
            progress=update["progress"],
            evidence=update.get("evidence") or "",
            author_person=action.owner_person,
            status=ActionUpdate.Status.ACCEPTED,
            submitted_at=when,
            reviewed_at=when,
        )


def _evidence(ctx: Context, recommendation: Recommendation, item: dict[str, Any]) -> None:
    partnership = ctx["partnership"]
    links: dict[str, Any] = {}
    if "dip" in item:
        links["dip_sample"] = DipSample.objects.get(partnership=partnership, title=item["dip"])
    if "indicator" in item:
        links["indicator"] = Indicator.objects.get(
            partnership=partnership, reference=item["indicator"]
        )
    if item["kind"] == "audit":
        links["case_audit"] = (
            CaseAudit.objects.filter(partnership=partnership, status=CaseAudit.Status.COMPLETED)
            .order_by("-month", "-id")
            .first()
        )
    recommendations.record_evidence(
        None,
        recommendation,
        kind=item["kind"],
        text=item["text"],
        recorded_on=on(item["date"], ctx["today"]),
        **links,
    )
