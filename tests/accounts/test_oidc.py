"""Signing in with the organisation's account: a known account gets in; every way a token
can be wrong is refused with a page that says why; a new account needs an invitation."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.test import Client

from assure.accounts import services
from assure.accounts.models import Identity, Invitation
from assure.core.access import SIGNED_IN_WITH
from assure.core.models import Membership
from assure.partnership.services import add_member
from tests.factories import MemberFactory, PartnershipFactory, signed_in


def link(member: Membership, issuer: str, subject: str) -> None:
    services.link_identity(member.user, issuer, subject, "", f"{subject}@example.org")


def test_a_known_account_signs_in_and_owes_no_second_code(provider, settings, people, home):
    settings.ASSURE_SECOND_FACTOR = "required"  # the provider's own sign-in stands for it
    link(people("manager"), provider.url, provider.person("kim-manager"))
    client = Client()
    answer, _ = provider.sign_in(client, "kim-manager", next_page=home)
    assert answer.status_code == 302 and answer["Location"] == home
    overview = client.get(home)
    assert overview.status_code == 200
    assert "business manager" in overview.content.decode()
    assert Identity.objects.get(subject="kim-manager").last_used_at is not None


def test_the_sign_in_page_offers_the_organisation(provider, home):
    page = Client().get(f"/accounts/login/?next={home}").content.decode()
    assert "Sign in with Torbay Council" in page
    assert f"/oidc/authenticate/?next={home}" in page


def refused(answer, words: str) -> None:
    assert answer.status_code == 403
    page = answer.content.decode()
    assert "You could not be signed in" in page and words in page, page
    assert "_auth_user_id" not in answer.wsgi_request.session


def test_a_token_from_another_issuer_is_refused(people, provider, settings):
    link(people("owner"), provider.url, provider.person("pat-owner"))
    settings.ASSURE_OIDC_ISSUER = "https://login.example.org/other"
    answer, _ = provider.sign_in(Client(), "pat-owner")
    refused(answer, "which this Assure does not use")


def test_a_token_for_another_service_is_refused(people, provider):
    sub = provider.person("aud-forged", aud="another-service")
    link(people("owner"), provider.url, sub)
    answer, _ = provider.sign_in(Client(), sub)
    refused(answer, "issued for another service")


def test_a_tenant_the_partnership_does_not_accept_is_refused(provider, partnership, people):
    partnership.sign_in_tenants = "tenant-torbay-council\ntenant-devon-police"
    partnership.save()
    link(people("owner"), provider.url, provider.person("from-elsewhere", tid="tenant-elsewhere"))
    answer, _ = provider.sign_in(Client(), "from-elsewhere")
    refused(answer, "does not accept accounts from this organisation")
    link(people("analyst"), provider.url, provider.person("police", tid="tenant-devon-police"))
    answer, _ = provider.sign_in(Client(), "police")
    assert answer.status_code == 302


def test_a_state_used_twice_is_refused(people, provider):
    link(people("owner"), provider.url, provider.person("pat-again"))
    client = Client()
    first, callback = provider.sign_in(client, "pat-again")
    assert first.status_code == 302
    refused(Client().get(callback), "not started in this browser, or has been used already")
    again = client.get(callback)  # the same browser, the same answer a second time
    assert again.status_code == 403


def test_a_wrong_nonce_is_refused(people, provider):
    sub = provider.person("nonce-forged", nonce="not-the-one-asked-for")
    link(people("owner"), provider.url, sub)
    answer, _ = provider.sign_in(Client(), sub)
    refused(answer, "did not answer the request this browser made")


def test_an_expired_token_is_refused(people, provider):
    hour_ago = int(time.time()) - 3600
    sub = provider.person("stale", exp=hour_ago, iat=hour_ago - 600)
    link(people("owner"), provider.url, sub)
    answer, _ = provider.sign_in(Client(), sub)
    refused(answer, "had expired")


def test_an_unknown_account_without_an_invitation_is_refused(db, provider):
    users = get_user_model().objects.count()
    answer, _ = provider.sign_in(Client(), provider.person("stranger"))
    refused(answer, "not known to Assure")
    assert get_user_model().objects.count() == users
    assert not Identity.objects.filter(subject="stranger").exists()


def test_a_new_account_with_an_invitation_becomes_a_member(provider, partnership, people, home):
    manager = people("manager").user
    invitation, token = services.invite(manager, partnership, "lead@police.example", "contributor")
    client = Client()
    opened = client.get(f"/accounts/invitations/{token}/")
    assert "Sign in with Torbay Council" in opened.content.decode()
    sub = provider.person("new-lead", email="lead@police.example", given_name="Sam")
    answer, _ = provider.sign_in(client, sub)
    assert answer.status_code == 302
    joined = Identity.objects.get(subject="new-lead").user
    role = joined.memberships.get(partnership=partnership)
    assert role.role == "contributor" and joined.first_name == "Sam"
    assert not joined.has_usable_password()
    assert Invitation.objects.get(pk=invitation.pk).accepted_by == joined
    assert client.get(f"{home}my-actions/").status_code == 200


def test_a_suspended_member_is_refused(provider, people):
    link(people("owner"), provider.url, provider.person("leaver"))
    manager = people("manager").user
    services.suspend(manager, people("owner"))
    answer, _ = provider.sign_in(Client(), "leaver")
    refused(answer, "suspended")


def test_a_sign_in_opens_only_the_partnerships_that_accept_its_tenant(
    provider, partnership, people, home
):
    partnership.sign_in_tenants = "tenant-torbay-council"
    partnership.save()
    other = PartnershipFactory(sign_in_tenants="tenant-cleveland-police")
    officer = people("owner").user  # a police officer in both partnerships
    add_member(None, other, officer, "contributor")
    link(people("owner"), provider.url, provider.person("two-areas", tid="tenant-cleveland-police"))
    client = Client()
    answer, _ = provider.sign_in(client, "two-areas")
    assert answer.status_code == 302
    assert client.get(f"/p/{other.slug}/").status_code == 200
    assert client.get(home).status_code == 404  # as if not a member
    assert client.get(f"{home}my-actions/").status_code == 404
    assert client.get("/")["Location"] == f"/p/{other.slug}/"  # the only partnership offered
    # with a password (a local account) the tenants do not apply
    assert signed_in(people("owner")).get(home).status_code == 200


def test_a_signed_in_account_of_a_refused_tenant_cannot_accept_an_invitation(
    provider, partnership, people, home
):
    partnership.sign_in_tenants = "tenant-torbay-council"
    partnership.save()
    elsewhere = MemberFactory()  # the manager of another partnership
    link(elsewhere, provider.url, provider.person("teesside", tid="tenant-teesside"))
    client = Client()
    answer, _ = provider.sign_in(client, "teesside", next_page=f"/p/{elsewhere.partnership.slug}/")
    assert answer.status_code == 302
    manager = people("manager").user
    invitation, token = services.invite(manager, partnership, "teesside@example.org", "contributor")
    path = f"/accounts/invitations/{token}/"
    assert client.get(path).status_code == 200
    answer = client.post(path, {"accept": "yes"})
    assert answer.status_code == 403
    assert f"{partnership} does not accept accounts from your organisation" in answer.text
    assert not partnership.members.filter(user=elsewhere.user).exists()
    assert Invitation.objects.get(pk=invitation.pk).state == "waiting"
    assert client.get(home).status_code == 404


def test_a_provider_sign_in_that_kept_no_tenant_is_from_none(partnership, people, home):
    """A session marked as a provider's sign-in without its issuer and tenant (one begun
    before they were kept) opens only a partnership that lists no tenants."""
    client = signed_in(people("owner"))
    session = client.session
    session[SIGNED_IN_WITH] = "oidc"
    session.save()
    assert client.get(home).status_code == 200
    partnership.sign_in_tenants = "tenant-torbay-council"
    partnership.save()
    assert client.get(home).status_code == 404
