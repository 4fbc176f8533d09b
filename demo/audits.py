"""The demo's case audit programme: tools, teams, auditors, learning themes and dip samples
from `demo/data/<slug>/audits/programme.yaml`, and a synthetic year of case audits (June 2020
to May 2021) whose counts and domain averages reproduce seed 004's theme four table (targets
in `figures.yaml`), generated deterministically from a seed. Then the exploitation demo
(demo/exploitation.py).

Written through the audits' services: the arrangements and the caseload as a manager sets
them up, each audit started as any other, and the year's completed audits and moderations
brought in as history (`record_past_audit`, `record_past_moderation`), so the months keep
004's printed figures. Called by `demo.loader.load_partnership` inside its transaction; a
partnership without an `audits/` folder gets nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from analytics.periods import parse_month
from assure.audits import arrangements, learning, sampling, services
from assure.audits.models import (
    Auditor,
    AuditTool,
    Case,
    CaseAudit,
    Domain,
    LearningTheme,
    Programme,
    ScaleLevel,
    Team,
)
from assure.audits.programme import QUOTAS, audit_day
from assure.core.models import Partnership
from assure.partnership import services as structure
from assure.partnership.models import Person
from assure.plans.models import Priority
from demo.exploitation import load_exploitation
from demo.loader import Keys, read
from demo.multi_agency import CURRENT_PLAN, load_multi_agency

# Which learning theme a domain graded "does not meet good" points to.
THEME_OF_DOMAIN = {
    "1": "Drift and delay",
    "2": "The child's voice",
    "3": "Drift and delay",
    "5": "Multi-agency information sharing",
    "7": "SMART plans",
    "9": "Management oversight and supervision",
}
TEAM_CASES = {  # open cases by team, and the categories of their cases
    "Assessment Team": (130, ["assessment", "child_in_need"]),
    "Safeguarding and Supporting Families": (190, ["child_in_need", "child_protection"]),
    "CLA Team": (150, ["cared_for"]),
    "Project Team 2020": (40, ["child_protection", "cared_for"]),
    "TH": (80, ["care_leaver", "cared_for"]),
    "Youth Justice Team (invented for the demo)": (30, ["child_in_need"]),
}
CASE_THEMES = {
    "neglect": 0.3,
    "domestic abuse": 0.25,
    "exploitation": 0.1,
    "parental mental health": 0.15,
}
WORKING_WELL = [
    "The social worker knows the child well and visits are purposeful.",
    "Strategy discussions were held promptly and every agency attended.",
    "The chronology is up to date and was used to inform the assessment.",
    "Direct work with the child is recorded and shapes the plan.",
]
NEEDS_TO_CHANGE = [
    "The plan needs measurable outcomes and a contingency plan.",
    "Management oversight is not recorded at the required intervals.",
    "Actions agreed at core groups were not followed up, causing drift.",
    "The assessment describes the family but does not analyse the risk.",
]
CHILD_VOICE = [
    "The child's wishes and feelings are recorded from direct work and reflected in the plan.",
    "The child's views are recorded once and not revisited since the assessment.",
    "The young person says they trust their social worker and want to stay at school.",
]
FAMILY_VOICE = [
    "Parents say they understand the plan and what needs to change.",
    "The family's views were not sought at the review.",
    "The carer feels supported and included in decisions.",
]


def load_audits(partnership: Partnership, folder: Path, keys: Keys, today: dt.date) -> None:
    base = folder / "audits"
    if not (base / "programme.yaml").exists():
        return
    spec, figures = read(base / "programme.yaml"), read(base / "figures.yaml")
    teams = {
        name: arrangements.save_team(None, partnership, None, name=name, position=i)
        for i, name in enumerate(spec["teams"])
    }
    tools = [_tool(partnership, item) for item in spec["tools"]]
    arrangements.save_programme(None, partnership, tool=tools[0], **spec["programme"])
    auditors = [_auditor(partnership, item, keys, teams) for item in spec["auditors"]]
    themes = {t["name"]: _theme(partnership, t) for t in spec["learning_themes"]}
    rng = random.Random(figures["audits"]["seed"])  # noqa: S311 (synthetic, repeatable)
    cases, case_themes = _cases(partnership, teams, rng)
    applies = {d["number"]: set(d.get("applies_to") or []) for d in spec["tools"][0]["domains"]}
    # The performance demo holds 004's printed figures for these months, so they are not sent
    # to it here: completing or moderating an audit (or "Send to the performance framework")
    # recomputes a month from the audits, keeping the printed figure as the earlier revision.
    _year_of_audits(partnership, tools[0], applies, auditors, cases, themes, figures["audits"], rng)
    load_multi_agency(partnership, tools[1], keys, cases, case_themes, rng)
    _dip_samples(partnership, spec["dip_samples"], keys, themes)
    load_exploitation(partnership, keys, teams, figures)


def _tool(partnership: Partnership, item: dict[str, Any]) -> AuditTool:
    """A tool with 004's scale (every new tool's) and its domains."""
    tool = arrangements.save_tool(
        None,
        partnership,
        None,
        name=item["name"],
        kind=item["kind"],
        description=item.get("description") or "",
        count_indicator=item.get("count_indicator") or "",
    )
    for position, domain in enumerate(item["domains"]):
        arrangements.save_domain(
            None,
            tool,
            None,
            number=domain["number"],
            title=domain["title"],
            indicator=domain.get("indicator") or "",
            guidance="Applies to: " + ", ".join(domain["applies_to"])
            if domain.get("applies_to")
            else "",
            position=position,
        )
    return tool


def _auditor(
    partnership: Partnership, item: dict[str, Any], keys: Keys, teams: dict[str, Team]
) -> Auditor:
    team = teams.get(item.get("team") or "")
    if item.get("person"):
        person = keys.get("people", item["person"], "audits/programme.yaml")
    else:
        name = f"{item['title']}, {team}"
        taken = Person.objects.filter(partnership=partnership, name__startswith=name).count()
        name += f" ({taken + 1})" if taken else ""
        person = structure.save_person(
            None,
            partnership,
            None,
            name=name,
            job_title=item["title"],
            organisation=keys.organisations.get("council"),
            email=f"{slugify(name)}@{partnership.slug}.example",
        )
    kind = item.get("kind") or (
        "senior_practitioner" if "Senior" in item["title"] else "practice_manager"
    )
    new = item.get("new")
    quota = QUOTAS[Auditor.Kind(kind)]
    return arrangements.save_auditor(
        None,
        partnership,
        None,
        person=person,
        team=team,
        kind=kind,
        starts_on=new or dt.date(2019, 11, 1),
        audits_a_month=quota.audits_a_month,
        starter_audits_a_month=quota.starter_audits_a_month,
        starter_months=quota.starter_months if new else 0,
        moderations_a_month=quota.moderations_a_month,
    )


def _theme(partnership: Partnership, item: dict[str, Any]) -> LearningTheme:
    priorities = Priority.objects.filter(
        plan__partnership=partnership, plan__title=CURRENT_PLAN, code__in=item["priorities"]
    )
    return learning.save_theme(
        None,
        partnership,
        None,
        name=item["name"],
        description=item.get("description") or "",
        priorities=list(priorities),
    )


def _cases(
    partnership: Partnership, teams: dict[str, Team], rng: random.Random
) -> tuple[list[Case], dict[int, set[str]]]:
    """The open cases samples are drawn from, and the themes of each, loaded as a caseload
    extract is (case_id, team, category, themes)."""
    extract = io.StringIO()
    rows = csv.writer(extract)
    rows.writerow(["case_id", "team", "category", "themes"])
    drawn, number = [], 100000
    for team_name, (count, categories) in TEAM_CASES.items():
        for _ in range(count):
            number += 1
            category = rng.choice(categories)
            drawn.append({t for t, p in CASE_THEMES.items() if rng.random() < p})
            rows.writerow([f"TB{number}", team_name, category, ";".join(sorted(drawn[-1]))])
    data = extract.getvalue().encode()
    loaded = arrangements.load_caseload(None, partnership, data, "demo caseload.csv")
    by_pseudonym = {
        case.pseudonym: case
        for case in Case.objects.filter(partnership=partnership).select_related("team")
    }
    made = [by_pseudonym[name] for name in loaded.pseudonyms]
    names = {case.pk: themes_of for case, themes_of in zip(made, drawn, strict=True)}
    return made, names


def _grades(
    targets: list[float],
    numbers: list[str],
    audits: list[CaseAudit],
    applies: dict[str, set[str]],
    rng: random.Random,
) -> dict[tuple[int, str], int]:
    """(audit, domain number) to a score: N/A (4) where the domain does not apply, otherwise
    whole grades whose mean is the month's target, with some 1s and 3s traded for 2s."""
    scores: dict[tuple[int, str], int] = {}
    for target, number in zip(targets, numbers, strict=True):
        graded = [a for a in audits if not applies[number] or a.case.category in applies[number]]
        for audit in audits:
            scores[(audit.pk, number)] = 4
        k = len(graded)
        values = [2] * k
        extra = round(target * k) - 2 * k
        for i in range(min(abs(extra), k)):
            values[i] = 3 if extra > 0 else 1
        twos = [i for i, v in enumerate(values) if v == 2]
        for _ in range(min(rng.randint(0, k // 4), len(twos) // 2)):
            values[twos.pop()], values[twos.pop()] = 1, 3
        rng.shuffle(values)
        for audit, value in zip(graded, values, strict=True):
            scores[(audit.pk, number)] = value
    return scores


def _year_of_audits(
    partnership: Partnership,
    tool: AuditTool,
    applies: dict[str, set[str]],
    auditors: list[Auditor],
    cases: list[Case],
    themes: dict[str, LearningTheme],
    spec: dict[str, Any],
    rng: random.Random,
) -> None:
    programme = Programme.objects.get(partnership=partnership)
    levels = {level.score: level for level in tool.scale.all()}
    domains = list(tool.domains.all())
    numbers = [d.number for d in domains]
    months = [parse_month(str(m)) for m in spec["months"]]
    recent: list[set[int]] = []
    for index, (month, target) in enumerate(zip(months, spec["months"].values(), strict=True)):
        assert month is not None
        late = spec["late"] // 2 if index >= len(months) - 2 else 0
        done = set().union(*recent[-6:]) if recent else set()
        pool = [c for c in cases if c.pk not in done]
        chosen = sampling.draw(pool, target["count"] + late, "stratified", spec["seed"] + index)
        slots = [sampling.Slot(a, a.audits_expected(month)) for a in auditors]
        pairs = sampling.assign(chosen, slots)
        day = audit_day(programme, month)
        started = [
            _audit(partnership, tool, month, case, auditor, day, rng)
            for case, auditor in pairs
            if auditor
        ]
        audits = [audit for audit, _ in started]
        completed, assigned = audits[: target["count"]], started[target["count"] :]
        recent.append({a.case_id for a in audits})
        if completed:
            scores = _grades(target["averages"], numbers, completed, applies, rng)
            for audit, details in started[: target["count"]]:
                _complete(audit, details, domains, levels, scores, themes, rng)
            _moderate(completed, levels, auditors, spec["moderated_a_month"], rng)
        for audit, details in assigned:  # begun, not yet completed
            services.save_audit(None, audit, grades={}, **details)


def _audit(
    partnership: Partnership,
    tool: AuditTool,
    month: dt.date,
    case: Case,
    auditor: Auditor,
    day: dt.date,
    rng: random.Random,
) -> tuple[CaseAudit, dict[str, Any]]:
    """The month's audit of a case, started, and the details of its day."""
    audit = services.start_audit(
        None, partnership, case=case, tool=tool, month=month, auditor=auditor.person
    )
    details = {
        "audited_on": day + dt.timedelta(days=rng.choice([0, 0, 0, 1, 5, 9])),
        "social_worker": f"Social worker, {case.team}",
        "social_worker_present": rng.random() < 0.85,
    }
    return audit, details


def _complete(
    audit: CaseAudit,
    details: dict[str, Any],
    domains: list[Domain],
    levels: dict[int, ScaleLevel],
    scores: dict[tuple[int, str], int],
    themes: dict[str, LearningTheme],
    rng: random.Random,
) -> None:
    grades: services.Grades = {
        d.pk: (levels[scores[(audit.pk, d.number)]], _evidence(scores[(audit.pk, d.number)]))
        for d in domains
    }
    poor = [
        THEME_OF_DOMAIN[d.number]
        for d in domains
        if scores[(audit.pk, d.number)] == 3 and d.number in THEME_OF_DOMAIN
    ]
    services.record_past_audit(
        None,
        audit,
        grades=grades,
        completed_at=timezone.make_aware(dt.datetime.combine(details["audited_on"], dt.time(16))),
        learning_themes=[themes[name] for name in sorted(set(poor))[:2]],
        working_well=rng.choice(WORKING_WELL),
        needs_to_change=rng.choice(NEEDS_TO_CHANGE),
        child_voice=rng.choice(CHILD_VOICE),
        family_voice=rng.choice(FAMILY_VOICE),
        **details,
    )


def _evidence(score: int) -> str:
    return {
        1: "Practice here is an example for others.",
        2: "The record shows what good looks like.",
        3: "The record does not show this; see what needs to change.",
    }.get(score, "")


def _moderate(
    audits: list[CaseAudit],
    levels: dict[int, ScaleLevel],
    auditors: list[Auditor],
    per_month: int,
    rng: random.Random,
) -> None:
    moderators = [a.person for a in auditors if a.moderations_a_month]
    for audit in rng.sample(audits, min(per_month, len(audits))):
        moderator = rng.choice([m for m in moderators if m.pk != audit.auditor_id])
        assert audit.audited_on is not None
        moderated_on = audit.audited_on + dt.timedelta(days=rng.randint(5, 14))
        grades: services.ModerationGrades = {}
        for grade in audit.grades.select_related("level", "domain"):
            first = grade.level.score
            mine = (
                first
                if first == 4 or rng.random() > 0.25
                else max(1, min(3, first + rng.choice([-1, 1])))
            )
            agreed = mine if mine != first and rng.random() < 1 / 3 else first
            grades[grade.domain_id] = (levels[mine], levels[agreed])
        moderation = services.assign_moderation(None, audit, moderator=moderator, month=audit.month)
        services.record_past_moderation(
            None,
            moderation,
            grades=grades,
            comment="Discussed with the auditor; grades agreed as shown.",
            moderated_on=moderated_on,
        )


def _dip_samples(
    partnership: Partnership,
    items: list[dict[str, Any]],
    keys: Keys,
    themes: dict[str, LearningTheme],
) -> None:
    for item in items:
        dip = learning.save_dip_sample(
            None,
            partnership,
            None,
            title=item["title"],
            topic=item["topic"],
            carried_out_on=item["carried_out_on"],
            carried_out_by=keys.people.get(item.get("by") or ""),
            summary=item.get("summary") or "",
        )
        for finding in item["findings"]:
            learning.add_finding(
                None,
                dip,
                kind=finding["kind"],
                text=finding["text"],
                theme=themes.get(finding.get("theme") or ""),
            )
