"""A business manager invites a partner agency's lead, who accepts with a new account;
invitations expire and can be withdrawn; roles change and access is suspended, each in the
record of changes; sessions end when left idle and when signed out.

Built with the factories: a partnership of its own and its members (tests/factories.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client, TestCase
from django.utils import timezone

from assure.accounts import oidc
from assure.accounts.middleware import SEEN
from assure.accounts.models import Invitation, token_hash
from assure.core.models import ChangeRecord, Membership
from tests.factories import MemberFactory, signed_in


@pytest.fixture
def manager(member) -> Membership:
    return member("manager")


@pytest.fixture
def owner(member) -> Membership:
    return member("owner")


def invite(
    client: Client, home: str, email: str = "lead@police.example", role: str = "contributor"
) -> str:
    # the invitation is e-mailed once it is saved (here: as the view returns)
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = client.post(f"{home}members/invite/", {"email": email, "role": role})
    assert answer.status_code == 302, answer.content
    link = re.search(r"http://\S+/accounts/invitations/(\S+)/", mail.outbox[-1].body)
    return f"/accounts/invitations/{link[1]}/"


def test_an_invited_lead_makes_an_account_and_becomes_a_member(partnership, home, manager):
    client = signed_in(manager)
    path = invite(client, home)
    assert mail.outbox[-1].to == ["lead@police.example"]
    assert partnership.name in mail.outbox[-1].subject
    guest = Client()
    page = guest.get(path).content.decode()
    assert "to be action owner" in page
    short = guest.post(
        path,
        {
            "create": "yes",
            "name": "Sam Lead",
            "username": "sam",
            "password1": "x",
            "password2": "x",
        },
    )
    assert short.status_code == 400 and "too short" in short.content.decode()
    made = guest.post(
        path,
        {
            "create": "yes",
            "name": "Sam Lead",
            "username": "sam.lead",
            "password1": "Long enough passphrase 7",
            "password2": "Long enough passphrase 7",
        },
    )
    assert made.status_code == 302 and made["Location"] == home
    joined = Membership.objects.get(user__username="sam.lead", partnership=partnership)
    assert joined.role == "contributor" and joined.user.email == "lead@police.example"
    assert guest.get(home).status_code == 200
    assert guest.get(path).status_code == 403  # used once
    members = client.get(f"{home}members/").content.decode()
    assert "Sam Lead" in members and "Accepted" in members


def test_an_expired_or_withdrawn_invitation_is_refused(home, manager):
    client = signed_in(manager)
    path = invite(client, home)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert "has been expired" in Client().get(path).content.decode()
    second = invite(client, home, "nurse@nhs.example", "auditor")
    waiting = Invitation.objects.get(email="nurse@nhs.example")
    withdrawn = client.post(f"/p/{waiting.partnership.slug}/invitations/{waiting.pk}/withdraw/")
    assert withdrawn.status_code == 302
    refused = Client().get(second)
    assert refused.status_code == 403 and "has been withdrawn" in refused.content.decode()


def test_only_managers_see_members_and_invite(home, member):
    for role in ("owner", "analyst", "board"):
        client = signed_in(member(role))
        assert client.get(f"{home}members/").status_code == 403
        assert client.post(f"{home}members/invite/", {}).status_code == 403
    outsider = signed_in(MemberFactory())  # the manager of another partnership
    assert outsider.get(f"{home}members/").status_code == 404


def test_a_role_changed_and_access_suspended_are_recorded(partnership, home, manager, owner):
    client = signed_in(manager)
    changed = client.post(f"{home}members/{owner.pk}/", {"action": "role", "role": "analyst"})
    assert changed.status_code == 302
    assert Membership.objects.get(pk=owner.pk).role == "analyst"
    suspended = client.post(f"{home}members/{owner.pk}/", {"action": "suspend"})
    assert suspended.status_code == 302
    leaver = signed_in(owner)
    refused = leaver.get(home)
    assert refused.status_code == 403 and "suspended" in refused.content.decode()
    client.post(f"{home}members/{owner.pk}/", {"action": "restore"})
    assert leaver.get(home).status_code == 200
    said = ChangeRecord.objects.filter(partnership=partnership, object_type="core.membership")
    summaries = " ".join(said.values_list("summary", flat=True))
    name = owner.user.username
    assert "is performance analyst" in summaries
    assert f"Suspended the access of {name}" in summaries
    assert f"Restored the access of {name}" in summaries
    record = client.get(f"{home}changes/")
    assert record.status_code == 200 and f"Suspended the access of {name}" in record.text


def test_the_last_manager_cannot_be_suspended_or_demoted(home, member, manager):
    only = member("administrator")
    admin = signed_in(only)
    admin.post(f"{home}members/{manager.pk}/", {"action": "suspend"})
    other = signed_in(manager)  # suspended now: cannot act
    assert other.get(f"{home}members/").status_code == 403
    refused = admin.post(f"{home}members/{only.pk}/", {"action": "role", "role": "analyst"})
    assert refused.status_code == 400 and "your own role" in refused.text
    assert Membership.objects.get(pk=only.pk).role == "administrator"


@pytest.mark.parametrize("idle, stays", [(29, True), (31, False)])
def test_a_session_left_idle_ends(home, owner, settings, idle, stays):
    settings.ASSURE_IDLE_MINUTES = 30
    client = signed_in(owner)
    assert client.get(home).status_code == 200
    session = client.session
    session[SEEN] = int(timezone.now().timestamp()) - idle * 60
    session.save()
    answer = client.get(home)
    assert (answer.status_code == 200) is stays
    if not stays:
        assert answer["Location"].startswith("/accounts/login/")
        assert client.get(home).status_code == 302  # the session is gone


def test_signing_out_ends_the_session(home, owner):
    client = signed_in(owner)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get(home).status_code == 302


def test_a_member_who_accepts_an_invitation_keeps_their_role(partnership, home, member, manager):
    """An invitation is for joining: a member's role is changed on their member page, where
    the last manager is kept (here: the manager would otherwise become an action owner)."""
    path = invite(signed_in(member("administrator")), home, "kim@test.example", "contributor")
    client = signed_in(manager)
    assert "Accept as" in client.get(path).text
    refused = client.post(path, {"accept": "yes"})
    assert refused.status_code == 403
    assert f"You are already a member of {partnership} as business manager" in refused.text
    assert "ask an administrator to change your role" in refused.text
    assert Membership.objects.get(pk=manager.pk).role == "business_manager"
    assert Invitation.objects.get(email="kim@test.example").state == "waiting"  # not used


def test_a_signed_in_newcomer_accepts_an_invitation(home, manager):
    path = invite(signed_in(manager), home, "manager@elsewhere.example", "board_member")
    outsider = signed_in(MemberFactory())  # another partnership's manager, new to this one
    joined = outsider.post(path, {"accept": "yes"})
    assert joined.status_code == 302 and joined["Location"] == home
    assert outsider.get(home).status_code == 200
    assert Invitation.objects.get(email="manager@elsewhere.example").state == "accepted"


def test_the_session_keeps_the_invitation_not_its_token(home, manager):
    path = invite(signed_in(manager), home)
    token = path.rstrip("/").rsplit("/", 1)[1]
    guest = Client()
    assert guest.get(path).status_code == 200
    kept = dict(guest.session.items())
    assert token not in repr(kept) and token_hash(token) not in repr(kept)
    assert kept[oidc.INVITATION] == Invitation.objects.get(email="lead@police.example").pk
