"""The factories make their objects through the services, so test data passes the rules a
user's data does and leaves the same record of changes."""

import pytest

from assure.core.errors import DomainError
from assure.core.models import ChangeRecord
from tests.factories import ActionFactory, MemberFactory, PartnershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_partnership_is_started_with_its_rag_schemes_and_a_record_of_it():
    partnership = PartnershipFactory()
    assert {s.key for s in partnership.schemes.all()} == {"three_level", "four_level"}
    assert ChangeRecord.objects.filter(partnership=partnership, summary__startswith="Started")


def test_an_action_keeps_to_its_plans_partnership_and_is_recorded():
    action = ActionFactory()
    partnership = action.objective.priority.plan.partnership
    assert action.owner_person.partnership == partnership
    assert ChangeRecord.objects.filter(partnership=partnership, object_type="plans.action")
    with pytest.raises(DomainError, match="from this partnership"):
        ActionFactory(objective=action.objective, owner_person=PersonFactory())


def test_a_member_acts_as_a_person_of_their_own_partnership():
    member = MemberFactory(role="analyst")
    assert member.person.partnership == member.partnership
    assert member.user.check_password("A-test-password-2026")
