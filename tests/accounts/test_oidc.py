"""Signing in with the organisation's account: a known account gets in; every way a token
can be wrong is refused with a page that says why; a new account needs an invitation."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.test import Client

from assure.accounts import services
from assure.accounts.models import Identity, Invitation
from assure.core.access import SIGNED_IN_WITH
from assure.partnership.services import add_member


def link(username: str, issuer: str, subject: str) -> None:
    user = get_user_model().objects.get(username=username)
    services.link_identity(user, issuer, subject, "", f"{subject}@example.org")


def test_a_known_account_signs_in_and_owes_no_second_code(db, provider, settings):
    settings.ASSURE_SECOND_FACTOR = "required"  # the provider's own sign-in stands for it
    link("torbay.manager", provider.url, provider.person("kim-manager"))
    client = Client()
    answer, _ = provider.sign_in(client, "kim-manager")
    assert answer.status_code == 302 and answer["Location"] == "/p/torbay/"
    overview = client.get("/p/torbay/")
    assert overview.status_code == 200
    assert "business manager" in overview.content.decode()
    assert Identity.objects.get(subject="kim-manager").last_used_at is not None


def test_the_sign_in_page_offers_the_organisation(db, provider):
    page = Client().get("/accounts/login/?next=/p/torbay/").content.decode()
    assert "Sign in with Torbay Council" in page
    assert "/oidc/authenticate/?next=/p/torbay/" in page


def refused(answer, words: str) -> None:
    assert answer.status_code == 403
    page = answer.content.decode()
    assert "You could not be signed in" in page and words in page, page
    assert "_auth_user_id" not in answer.wsgi_request.session


def test_a_token_from_another_issuer_is_refused(db, provider, settings):
    link("torbay.owner", provider.url, provider.person("pat-owner"))
    settings.ASSURE_OIDC_ISSUER = "https://login.example.org/other"
    answer, _ = provider.sign_in(Client(), "pat-owner")
    refused(answer, "which this Assure does not use")


def test_a_token_for_another_service_is_refused(db, provider):
    sub = provider.person("aud-forged", aud="another-service")
    link("torbay.owner", provider.url, sub)
    answer, _ = provider.sign_in(Client(), sub)
    refused(answer, "issued for another service")


def test_a_tenant_the_partnership_does_not_accept_is_refused(db, provider, torbay):
    torbay.sign_in_tenants = "tenant-torbay-council\ntenant-devon-police"
    torbay.save()
    link("torbay.owner", provider.url, provider.person("from-elsewhere", tid="tenant-elsewhere"))
    answer, _ = provider.sign_in(Client(), "from-elsewhere")
    refused(answer, "does not accept accounts from this organisation")
    link("torbay.analyst", provider.url, provider.person("police", tid="tenant-devon-police"))
    answer, _ = provider.sign_in(Client(), "police")
    assert answer.status_code == 302


def test_a_state_used_twice_is_refused(db, provider):
    link("torbay.owner", provider.url, provider.person("pat-again"))
    client = Client()
    first, callback = provider.sign_in(client, "pat-again")
    assert first.status_code == 302
    refused(Client().get(callback), "not started in this browser, or has been used already")
    again = client.get(callback)  # the same browser, the same answer a second time
    assert again.status_code == 403


def test_a_wrong_nonce_is_refused(db, provider):
    sub = provider.person("nonce-forged", nonce="not-the-one-asked-for")
    link("torbay.owner", provider.url, sub)
    answer, _ = provider.sign_in(Client(), sub)
    refused(answer, "did not answer the request this browser made")


def test_an_expired_token_is_refused(db, provider):
    hour_ago = int(time.time()) - 3600
    sub = provider.person("stale", exp=hour_ago, iat=hour_ago - 600)
    link("torbay.owner", provider.url, sub)
    answer, _ = provider.sign_in(Client(), sub)
    refused(answer, "had expired")


def test_an_unknown_account_without_an_invitation_is_refused(db, provider):
    users = get_user_model().objects.count()
    answer, _ = provider.sign_in(Client(), provider.person("stranger"))
    refused(answer, "not known to Assure")
    assert get_user_model().objects.count() == users
    assert not Identity.objects.filter(subject="stranger").exists()


def test_a_new_account_with_an_invitation_becomes_a_member(db, provider, torbay, membership):
    manager = membership("manager").user
    invitation, token = services.invite(manager, torbay, "lead@police.example", "contributor")
    client = Client()
    opened = client.get(f"/accounts/invitations/{token}/")
    assert "Sign in with Torbay Council" in opened.content.decode()
    sub = provider.person("new-lead", email="lead@police.example", given_name="Sam")
    answer, _ = provider.sign_in(client, sub)
    assert answer.status_code == 302
    joined = Identity.objects.get(subject="new-lead").user
    role = joined.memberships.get(partnership=torbay)
    assert role.role == "contributor" and joined.first_name == "Sam"
    assert not joined.has_usable_password()
    assert Invitation.objects.get(pk=invitation.pk).accepted_by == joined
    assert client.get("/p/torbay/my-actions/").status_code == 200


def test_a_suspended_member_is_refused(db, provider, membership):
    link("torbay.owner", provider.url, provider.person("leaver"))
    manager = membership("manager").user
    services.suspend(manager, membership("owner"))
    answer, _ = provider.sign_in(Client(), "leaver")
    refused(answer, "suspended")


def test_a_sign_in_opens_only_the_partnerships_that_accept_its_tenant(
    db, provider, torbay, stockton, membership, client_as
):
    torbay.sign_in_tenants = "tenant-torbay-council"
    torbay.save()
    stockton.sign_in_tenants = "tenant-cleveland-police"
    stockton.save()
    officer = membership("owner").user  # a police officer in both partnerships
    add_member(None, stockton, officer, "contributor")
    link("torbay.owner", provider.url, provider.person("two-areas", tid="tenant-cleveland-police"))
    client = Client()
    answer, _ = provider.sign_in(client, "two-areas")
    assert answer.status_code == 302
    assert client.get("/p/stockton/").status_code == 200
    assert client.get("/p/torbay/").status_code == 404  # as if not a member
    assert client.get("/p/torbay/my-actions/").status_code == 404
    assert client.get("/")["Location"] == "/p/stockton/"  # the only partnership offered
    # with a password (a local account) the tenants do not apply
    assert client_as("owner").get("/p/torbay/").status_code == 200


def test_a_signed_in_account_of_a_refused_tenant_cannot_accept_an_invitation(
    db, provider, torbay, membership
):
    torbay.sign_in_tenants = "tenant-torbay-council"
    torbay.save()
    link("stockton.manager", provider.url, provider.person("teesside", tid="tenant-teesside"))
    client = Client()
    signed_in, _ = provider.sign_in(client, "teesside", next_page="/p/stockton/")
    assert signed_in.status_code == 302
    manager = membership("manager").user
    invitation, token = services.invite(manager, torbay, "teesside@example.org", "contributor")
    path = f"/accounts/invitations/{token}/"
    assert client.get(path).status_code == 200
    answer = client.post(path, {"accept": "yes"})
    assert answer.status_code == 403
    assert f"{torbay} does not accept accounts from your organisation" in answer.text
    assert not torbay.members.filter(user__username="stockton.manager").exists()
    assert Invitation.objects.get(pk=invitation.pk).state == "waiting"
    assert client.get("/p/torbay/").status_code == 404


def test_a_provider_sign_in_that_kept_no_tenant_is_from_none(db, torbay, client_as):
    """A session marked as a provider's sign-in without its issuer and tenant (one begun
    before they were kept) opens only a partnership that lists no tenants."""
    client = client_as("owner")
    session = client.session
    session[SIGNED_IN_WITH] = "oidc"
    session.save()
    assert client.get("/p/torbay/").status_code == 200
    torbay.sign_in_tenants = "tenant-torbay-council"
    torbay.save()
    assert client.get("/p/torbay/").status_code == 404
