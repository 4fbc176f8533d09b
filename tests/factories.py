"""Small factories for tests that build their own data, each one through the service a user's
action goes through (factory-boy's `_create` calls it), so test data passes the same rules.

    partnership = PartnershipFactory()
    manager = MemberFactory(partnership=partnership, role=Role.BUSINESS_MANAGER)
    risk = RiskFactory(partnership=partnership, owner_person=manager.person, probability=5)
    action = ActionFactory(objective__priority__plan__partnership=partnership)

A partnership gets a new slug each time, so tests that build their own never meet the demo's
partnerships (which other tests in the same worker may have loaded).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from assure.audits.learning import save_theme
from assure.audits.models import LearningTheme
from assure.core.models import Membership, Partnership, RagScheme, Role
from assure.partnership import services as structure
from assure.partnership.models import Group, Organisation, Person
from assure.plans import services as plans
from assure.plans.models import Action, Objective, Plan, Priority, Recommendation
from assure.risks import services as risks
from assure.risks.models import Risk
from assure.service import queue
from assure.service.models import WorkerBeat

PASSWORD = "A-test-password-2026"  # noqa: S105 (a test sign-in)


class ServiceFactory(factory.Factory):
    """A factory whose objects are made by a service: each subclass names the call in its
    class method `made_by(**fields)`."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class: type, *args: Any, **fields: Any) -> Any:
        return cls.made_by(**fields)  # type: ignore[attr-defined]


class PartnershipFactory(ServiceFactory):
    class Meta:
        model = Partnership

    slug = factory.Sequence(lambda n: f"test-{n}")
    name = factory.LazyAttribute(lambda o: f"{o.slug.title()} Safeguarding Children Partnership")
    la_code = "880"
    la_name = "Torbay"

    @classmethod
    def made_by(cls, **fields: Any) -> Partnership:
        return structure.start_partnership(None, **fields)


class OrganisationFactory(ServiceFactory):
    class Meta:
        model = Organisation

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = Organisation.Kind.POLICE

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Organisation:
        return structure.save_organisation(None, partnership, None, **fields)


class PersonFactory(ServiceFactory):
    class Meta:
        model = Person

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Officer {n}")
    job_title = "Detective Inspector"
    email = factory.LazyAttribute(lambda o: f"{o.name.lower().replace(' ', '.')}@test.example")

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Person:
        return structure.save_person(None, partnership, None, **fields)


class GroupFactory(ServiceFactory):
    class Meta:
        model = Group

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Sub-group {n}")
    kind = Group.Kind.SUBGROUP

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Group:
        return structure.save_group(None, partnership, None, **fields)


@cache
def password_hash() -> str:
    """PASSWORD hashed once a test session (Argon2 takes a quarter of a second a time)."""
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    """A sign-in: Django's own `create_user` (an account is not a partnership's record),
    its password PASSWORD, hashed as the settings hash every password."""

    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **fields: Any) -> Any:
        user = model_class.objects.create_user(*args, **fields)
        user.password = password_hash()
        user.save(update_fields=["password"])
        return user


class MemberFactory(ServiceFactory):
    """A user with a role in a partnership, acting as a person of it (`add_member`)."""

    class Meta:
        model = Membership

    partnership = factory.SubFactory(PartnershipFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.BUSINESS_MANAGER
    person = factory.SubFactory(PersonFactory, partnership=factory.SelfAttribute("..partnership"))

    @classmethod
    def made_by(cls, partnership: Partnership, user: Any, role: str, person: Person) -> Membership:
        return structure.add_member(None, partnership, user, role, person)


class RiskFactory(ServiceFactory):
    """A risk on the register, its first assessment starting its history (`raise_risk`)."""

    class Meta:
        model = Risk

    partnership = factory.SubFactory(PartnershipFactory)
    reference = factory.Sequence(lambda n: f"R{n}")
    kind = Risk.Kind.RISK
    description = "If the test fails, then we learn something."
    mitigation = "Write the code."
    raised_on = dt.date(2024, 1, 10)
    owner_person = factory.SubFactory(
        PersonFactory, partnership=factory.SelfAttribute("..partnership")
    )
    probability = 4
    impact = 5
    target_score = 6
    next_review = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=30))

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Risk:
        return risks.raise_risk(None, partnership, **fields)


class PlanFactory(ServiceFactory):
    """A current business plan for 2024/25, rated on the three-level scheme (`save_plan`)."""

    class Meta:
        model = Plan

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Business plan {n}")
    kind = Plan.Kind.BUSINESS
    rag_scheme = factory.LazyAttribute(
        lambda o: RagScheme.objects.get(partnership=o.partnership, key="three_level")
    )
    starts = dt.date(2024, 4, 1)
    ends = dt.date(2025, 3, 31)
    is_current = True
    reporting_period = "2024-Q1"

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Plan:
        return plans.save_plan(None, partnership, None, **fields)


class PriorityFactory(ServiceFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"P{n}")
    title = "Children are safe from exploitation"

    @classmethod
    def made_by(cls, plan: Plan, **fields: Any) -> Priority:
        return plans.save_priority(None, plan, None, **fields)


class ObjectiveFactory(ServiceFactory):
    class Meta:
        model = Objective

    priority = factory.SubFactory(PriorityFactory)
    code = factory.Sequence(lambda n: f"O{n}")
    title = "Agencies share what they know"

    @classmethod
    def made_by(cls, priority: Priority, **fields: Any) -> Objective:
        return plans.save_objective(None, priority, None, **fields)


class ActionFactory(ServiceFactory):
    """An action due at the plan's end, owned by a person of its partnership (`save_action`)."""

    class Meta:
        model = Action

    objective = factory.SubFactory(ObjectiveFactory)
    code = factory.Sequence(lambda n: f"A{n}")
    title = "Train the front door in the exploitation toolkit"
    owner_person = factory.SubFactory(
        PersonFactory, partnership=factory.SelfAttribute("..objective.priority.plan.partnership")
    )
    due_date = dt.date(2025, 3, 31)

    @classmethod
    def made_by(cls, objective: Objective, **fields: Any) -> Action:
        return plans.save_action(None, objective, None, **fields)


class RecommendationFactory(ServiceFactory):
    """An open recommendation of an Ofsted inspection (`save_recommendation`); give it the
    plan, themes and actions that answer it."""

    class Meta:
        model = Recommendation

    partnership = factory.SubFactory(PartnershipFactory)
    source = Recommendation.Source.OFSTED_INSPECTION
    source_title = "Inspection of children's social care services"
    issued_on = dt.date(2024, 1, 19)
    reference = factory.Sequence(lambda n: str(n + 1))
    text = "Improve the timeliness of initial child protection conferences."

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Recommendation:
        return plans.save_recommendation(None, partnership, None, **fields)


class LearningThemeFactory(ServiceFactory):
    """A learning theme that audits and reviews find and courses teach (`save_theme`)."""

    class Meta:
        model = LearningTheme

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")
    description = ""
    priorities = factory.LazyFunction(list)

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> LearningTheme:
        return save_theme(None, partnership, None, **fields)


def signed_in(membership: Membership) -> Client:
    """A browser signed in as the member."""
    client = Client()
    client.force_login(membership.user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def queued_task(
    waited: dt.timedelta, task_path: str = "assure.reminders.tasks.send_reminders", **fields: Any
) -> DBTaskResult:
    """A task of the workers' backend queued `waited` ago, as django-tasks-db keeps it (and
    `fields`, such as its status, its worker or when it is due)."""
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path=task_path,
        backend_name=queue.BACKEND,
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - waited, **fields)
    return task


def heard_worker(worker_id: str = "w1", ago: dt.timedelta = dt.timedelta()) -> WorkerBeat:
    """A task worker on another machine, last heard from `ago`."""
    seen = timezone.now() - ago
    return WorkerBeat.objects.create(
        worker_id=worker_id, host="elsewhere", pid=1, started_at=seen, seen_at=seen
    )
