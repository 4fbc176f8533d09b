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


def test_a_business_manager_is_not_offered_the_administrator_role(client_as, membership):
    manager = client_as("manager")
    owner = membership("owner")
    for page in ("/p/torbay/members/invite/", f"/p/torbay/members/{owner.pk}/"):
        text = manager.get(page).text
        assert 'value="business_manager"' in text and 'value="administrator"' not in text, page
    offered = client_as("administrator").get(f"/p/torbay/members/{owner.pk}/").text
    assert 'value="administrator"' in offered


def test_a_business_manager_cannot_make_anyone_an_administrator(client_as, membership, torbay):
    manager = client_as("manager")
    owner = membership("owner")
    invited = manager.post(
        "/p/torbay/members/invite/", {"email": "chief@police.example", "role": "administrator"}
    )
    assert invited.status_code == 400
    assert not Invitation.objects.filter(email="chief@police.example").exists()
    promoted = manager.post(
        f"/p/torbay/members/{owner.pk}/", {"action": "role", "role": "administrator"}
    )
    assert promoted.status_code == 400
    assert Membership.objects.get(pk=owner.pk).role == "contributor"
    # the services refuse it too, whatever page asks
    as_manager = membership("manager").user
    with pytest.raises(DomainError, match=ONLY_ADMINISTRATORS):
        services.change_role(as_manager, owner, "administrator")
    with pytest.raises(DomainError, match=ONLY_ADMINISTRATORS):
        services.invite(as_manager, torbay, "chief@police.example", "administrator")


def test_a_business_manager_cannot_change_suspend_or_restore_an_administrator(
    client_as, membership, torbay
):
    manager = client_as("manager")
    admin = membership("administrator")
    page = manager.get(f"/p/torbay/members/{admin.pk}/")
    assert page.status_code == 200
    assert ONLY_ADMINISTRATORS in page.text and 'name="action"' not in page.text
    for data in ({"action": "role", "role": "contributor"}, {"action": "suspend"}):
        refused = manager.post(f"/p/torbay/members/{admin.pk}/", data)
        assert refused.status_code == 400 and ONLY_ADMINISTRATORS in refused.text, data
    kept = Membership.objects.get(pk=admin.pk)
    assert kept.role == "administrator" and kept.suspended_at is None
    second = add_member(None, torbay, membership("board").user, "administrator")
    services.suspend(admin.user, second)  # an administrator may
    with pytest.raises(DomainError, match=ONLY_ADMINISTRATORS):
        services.restore(membership("manager").user, second)
    assert Membership.objects.get(pk=second.pk).suspended_at is not None


@pytest.mark.parametrize("persona", ["manager", "administrator"])
def test_no_one_changes_their_own_role_or_suspends_themself(client_as, membership, persona):
    client = client_as(persona)
    own = membership(persona)
    page = client.get(f"/p/torbay/members/{own.pk}/")
    assert page.status_code == 200
    assert "your own role" in page.text and 'name="action"' not in page.text
    for data in ({"action": "role", "role": "analyst"}, {"action": "suspend"}):
        refused = client.post(f"/p/torbay/members/{own.pk}/", data)
        assert refused.status_code == 400 and "your own role" in refused.text, data
    kept = Membership.objects.get(pk=own.pk)
    assert kept.role == own.role and kept.suspended_at is None
    with pytest.raises(DomainError, match="your own role"):
        services.change_role(own.user, own, "analyst")


def test_an_administrator_makes_and_unmakes_administrators(client_as, membership):
    admin = client_as("administrator")
    owner = membership("owner")
    made = admin.post(f"/p/torbay/members/{owner.pk}/", {"action": "role", "role": "administrator"})
    assert made.status_code == 302
    assert Membership.objects.get(pk=owner.pk).role == "administrator"
    unmade = admin.post(f"/p/torbay/members/{owner.pk}/", {"action": "role", "role": "contributor"})
    assert unmade.status_code == 302
    assert Membership.objects.get(pk=owner.pk).role == "contributor"
    invited = admin.post(
        "/p/torbay/members/invite/", {"email": "deputy@torbay.example", "role": "administrator"}
    )
    assert invited.status_code == 302
    assert Invitation.objects.get(email="deputy@torbay.example").role == "administrator"
