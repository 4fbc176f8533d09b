"""Only an administrator makes someone an administrator, or changes, suspends or restores
one; no one changes their own role or suspends themself. The pages offer only what the
services allow, and the services refuse the rest, saying why."""

from __future__ import annotations

import pytest

from assure.accounts import services
from assure.accounts.models import Invitation
from assure.core.errors import DomainError
from assure.core.models import Membership
from assure.partnership.services import add_member

ONLY_ADMINISTRATORS = "Only an administrator can"


def test_a_business_manager_is_not_offered_the_administrator_role(signed_in_as, people, home):
    manager = signed_in_as("manager")
    owner = people("owner")
    for page in (f"{home}members/invite/", f"{home}members/{owner.pk}/"):
        text = manager.get(page).text
        assert 'value="business_manager"' in text and 'value="administrator"' not in text, page
    offered = signed_in_as("administrator").get(f"{home}members/{owner.pk}/").text
    assert 'value="administrator"' in offered


def test_a_business_manager_cannot_make_anyone_an_administrator(
    signed_in_as, people, partnership, home
):
    manager = signed_in_as("manager")
    owner = people("owner")
    invited = manager.post(
        f"{home}members/invite/", {"email": "chief@police.example", "role": "administrator"}
    )
    assert invited.status_code == 400
    assert not Invitation.objects.filter(email="chief@police.example").exists()
    promoted = manager.post(
        f"{home}members/{owner.pk}/", {"action": "role", "role": "administrator"}
    )
    assert promoted.status_code == 400
    assert Membership.objects.get(pk=owner.pk).role == "contributor"
    # the services refuse it too, whatever page asks
    as_manager = people("manager").user
    with pytest.raises(DomainError, match=ONLY_ADMINISTRATORS):
        services.change_role(as_manager, owner, "administrator")
    with pytest.raises(DomainError, match=ONLY_ADMINISTRATORS):
        services.invite(as_manager, partnership, "chief@police.example", "administrator")


def test_a_business_manager_cannot_change_suspend_or_restore_an_administrator(
    signed_in_as, people, partnership, home
):
    manager = signed_in_as("manager")
    admin = people("administrator")
    page = manager.get(f"{home}members/{admin.pk}/")
    assert page.status_code == 200
    assert ONLY_ADMINISTRATORS in page.text and 'name="action"' not in page.text
    for data in ({"action": "role", "role": "contributor"}, {"action": "suspend"}):
        refused = manager.post(f"{home}members/{admin.pk}/", data)
        assert refused.status_code == 400 and ONLY_ADMINISTRATORS in refused.text, data
    kept = Membership.objects.get(pk=admin.pk)
    assert kept.role == "administrator" and kept.suspended_at is None
    second = add_member(None, partnership, people("board").user, "administrator")
    services.suspend(admin.user, second)  # an administrator may
    with pytest.raises(DomainError, match=ONLY_ADMINISTRATORS):
        services.restore(people("manager").user, second)
    assert Membership.objects.get(pk=second.pk).suspended_at is not None


@pytest.mark.parametrize("persona", ["manager", "administrator"])
def test_no_one_changes_their_own_role_or_suspends_themself(signed_in_as, people, home, persona):
    client = signed_in_as(persona)
    own = people(persona)
    page = client.get(f"{home}members/{own.pk}/")
    assert page.status_code == 200
    assert "your own role" in page.text and 'name="action"' not in page.text
    for data in ({"action": "role", "role": "analyst"}, {"action": "suspend"}):
        refused = client.post(f"{home}members/{own.pk}/", data)
        assert refused.status_code == 400 and "your own role" in refused.text, data
    kept = Membership.objects.get(pk=own.pk)
    assert kept.role == own.role and kept.suspended_at is None
    with pytest.raises(DomainError, match="your own role"):
        services.change_role(own.user, own, "analyst")


def test_an_administrator_makes_and_unmakes_administrators(signed_in_as, people, home):
    admin = signed_in_as("administrator")
    owner = people("owner")
    made = admin.post(f"{home}members/{owner.pk}/", {"action": "role", "role": "administrator"})
    assert made.status_code == 302
    assert Membership.objects.get(pk=owner.pk).role == "administrator"
    unmade = admin.post(f"{home}members/{owner.pk}/", {"action": "role", "role": "contributor"})
    assert unmade.status_code == 302
    assert Membership.objects.get(pk=owner.pk).role == "contributor"
    invited = admin.post(
        f"{home}members/invite/", {"email": "deputy@test.example", "role": "administrator"}
    )
    assert invited.status_code == 302
    assert Invitation.objects.get(email="deputy@test.example").role == "administrator"
