"""A business manager invites a partner agency's lead, who accepts with a new account;
invitations expire and can be withdrawn; roles change and access is suspended, each in the
record of changes; sessions end when left idle and when signed out."""

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


def invite(client: Client, email: str = "lead@police.example", role: str = "contributor"):
    # the invitation is e-mailed once it is saved (here: as the view returns)
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = client.post("/p/torbay/members/invite/", {"email": email, "role": role})
    assert answer.status_code == 302, answer.content
    link = re.search(r"http://\S+/accounts/invitations/(\S+)/", mail.outbox[-1].body)
    return f"/accounts/invitations/{link[1]}/"


def test_an_invited_lead_makes_an_account_and_becomes_a_member(client_as, torbay):
    manager = client_as("manager")
    path = invite(manager)
    assert mail.outbox[-1].to == ["lead@police.example"]
    assert "Torbay" in mail.outbox[-1].subject
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
    assert made.status_code == 302 and made["Location"] == "/p/torbay/"
    joined = Membership.objects.get(user__username="sam.lead", partnership=torbay)
    assert joined.role == "contributor" and joined.user.email == "lead@police.example"
    assert guest.get("/p/torbay/").status_code == 200
    assert guest.get(path).status_code == 403  # used once
    members = manager.get("/p/torbay/members/").content.decode()
    assert "Sam Lead" in members and "Accepted" in members


def test_an_expired_or_withdrawn_invitation_is_refused(client_as):
    manager = client_as("manager")
    path = invite(manager)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert "has been expired" in Client().get(path).content.decode()
    second = invite(manager, "nurse@nhs.example", "auditor")
    waiting = Invitation.objects.get(email="nurse@nhs.example")
    withdrawn = manager.post(f"/p/torbay/invitations/{waiting.pk}/withdraw/")
    assert withdrawn.status_code == 302
    refused = Client().get(second)
    assert refused.status_code == 403 and "has been withdrawn" in refused.content.decode()


def test_only_managers_see_members_and_invite(client_as):
    for persona in ("owner", "analyst", "board"):
        assert client_as(persona).get("/p/torbay/members/").status_code == 403
        assert client_as(persona).post("/p/torbay/members/invite/", {}).status_code == 403
    assert client_as("outsider").get("/p/torbay/members/").status_code == 404


def test_a_role_changed_and_access_suspended_are_recorded(client_as, membership, torbay):
    manager = client_as("manager")
    owner = membership("owner")
    changed = manager.post(f"/p/torbay/members/{owner.pk}/", {"action": "role", "role": "analyst"})
    assert changed.status_code == 302
    assert Membership.objects.get(pk=owner.pk).role == "analyst"
    suspended = manager.post(f"/p/torbay/members/{owner.pk}/", {"action": "suspend"})
    assert suspended.status_code == 302
    leaver = client_as("owner")
    refused = leaver.get("/p/torbay/")
    assert refused.status_code == 403 and "suspended" in refused.content.decode()
    manager.post(f"/p/torbay/members/{owner.pk}/", {"action": "restore"})
    assert leaver.get("/p/torbay/").status_code == 200
    said = ChangeRecord.objects.filter(partnership=torbay, object_type="core.membership")
    summaries = " ".join(said.values_list("summary", flat=True))
    assert "is performance analyst" in summaries
    assert "Suspended the access of torbay.owner" in summaries
    assert "Restored the access of torbay.owner" in summaries
    record = manager.get("/p/torbay/changes/")
    assert record.status_code == 200 and "Suspended the access of torbay.owner" in record.text


def test_the_last_manager_cannot_be_suspended_or_demoted(client_as, membership):
    admin = client_as("administrator")
    manager = membership("manager")
    admin.post(f"/p/torbay/members/{manager.pk}/", {"action": "suspend"})
    only = membership("administrator")
    other = client_as("manager")  # suspended now: cannot act
    assert other.get("/p/torbay/members/").status_code == 403
    refused = admin.post(f"/p/torbay/members/{only.pk}/", {"action": "role", "role": "analyst"})
    assert refused.status_code == 400 and "your own role" in refused.text
    assert Membership.objects.get(pk=only.pk).role == "administrator"


@pytest.mark.parametrize("idle, signed_in", [(29, True), (31, False)])
def test_a_session_left_idle_ends(client_as, settings, idle, signed_in):
    settings.ASSURE_IDLE_MINUTES = 30
    client = client_as("owner")
    assert client.get("/p/torbay/").status_code == 200
    session = client.session
    session[SEEN] = int(timezone.now().timestamp()) - idle * 60
    session.save()
    answer = client.get("/p/torbay/")
    assert (answer.status_code == 200) is signed_in
    if not signed_in:
        assert answer["Location"].startswith("/accounts/login/")
        assert client.get("/p/torbay/").status_code == 302  # the session is gone


def test_signing_out_ends_the_session(client_as):
    client = client_as("owner")
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/p/torbay/").status_code == 302


def test_a_member_who_accepts_an_invitation_keeps_their_role(client_as, membership, torbay):
    """An invitation is for joining: a member's role is changed on their member page, where
    the last manager is kept (here: the manager would otherwise become an action owner)."""
    admin = client_as("administrator")
    path = invite(admin, "kim@torbay.example", "contributor")
    manager = client_as("manager")
    assert "Accept as" in manager.get(path).text
    refused = manager.post(path, {"accept": "yes"})
    assert refused.status_code == 403
    assert f"You are already a member of {torbay} as business manager" in refused.text
    assert "ask an administrator to change your role" in refused.text
    assert membership("manager").role == "business_manager"
    assert Invitation.objects.get(email="kim@torbay.example").state == "waiting"  # not used


def test_a_signed_in_newcomer_accepts_an_invitation(client_as, membership, stockton):
    manager = client_as("manager")
    path = invite(manager, "manager@stockton.example", "board_member")
    outsider = client_as("outsider")  # Stockton's business manager, new to Torbay
    joined = outsider.post(path, {"accept": "yes"})
    assert joined.status_code == 302 and joined["Location"] == "/p/torbay/"
    assert outsider.get("/p/torbay/").status_code == 200
    assert Invitation.objects.get(email="manager@stockton.example").state == "accepted"


def test_the_session_keeps_the_invitation_not_its_token(client_as):
    path = invite(client_as("manager"))
    token = path.rstrip("/").rsplit("/", 1)[1]
    guest = Client()
    assert guest.get(path).status_code == 200
    kept = dict(guest.session.items())
    assert token not in repr(kept) and token_hash(token) not in repr(kept)
    assert kept[oidc.INVITATION] == Invitation.objects.get(email="lead@police.example").pk
