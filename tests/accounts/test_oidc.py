"""Signing in with the organisation's account: a known account gets in; every way a token
can be wrong is refused with a page that says why; a new account needs an invitation."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.test import Client

from assure.accounts import services
from assure.accounts.models import Identity, Invitation


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
