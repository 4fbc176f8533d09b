"""The second factor after a password: set up an authenticator, sign in with its code, a
wrong code refused, recovery codes that work once; who must have one."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from assure.core.models import Membership
from tests.factories import PASSWORD


@pytest.fixture
def required(settings) -> None:
    settings.ASSURE_SECOND_FACTOR = "required"


@pytest.fixture(autouse=True)
def no_waiting(settings) -> None:
    """Wrong codes make the next wait (1 s, 2 s, 4 s...): not in these tests but the last."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def sign_in(member: Membership) -> tuple[Client, object]:
    """Signed in with the password, and the partnership's home page as then answered."""
    client, home = Client(), f"/p/{member.partnership.slug}/"
    answer = client.post(
        "/accounts/login/",
        {"username": member.user.username, "password": PASSWORD, "next": home},
    )
    assert answer.status_code == 302, answer.content
    return client, client.get(home)


def code_of(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, offset):06d}"


def set_up(client: Client, home: str) -> tuple[TOTPDevice, list[str]]:
    page = client.get(f"/accounts/two-factor/set-up/?next={home}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and "Set up a second factor" in text
    device = TOTPDevice.objects.get(user__username=page.wsgi_request.user.username)
    key = re.search(r'class="assure-secret">([A-Z2-7 ]+)<', text)[1]
    assert key.replace(" ", "") in device.config_url
    wrong = client.post("/accounts/two-factor/set-up/", {"code": "000000", "next": home})
    assert wrong.status_code == 400 and "That code is not right" in wrong.content.decode()
    done = client.post("/accounts/two-factor/set-up/", {"code": code_of(device), "next": home})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    return device, codes


def test_a_manager_must_set_up_a_second_factor_then_give_a_code(people, home, required):
    client, first = sign_in(people("manager"))
    assert first.status_code == 302 and first["Location"].startswith("/accounts/two-factor/set-up/")
    device, _ = set_up(client, home)
    assert client.get(home).status_code == 200  # set up and signed in with its code

    later, asked = sign_in(people("manager"))
    assert asked["Location"].startswith("/accounts/two-factor/?next=")
    wrong = later.post("/accounts/two-factor/", {"code": "123456", "next": home})
    assert wrong.status_code == 400 and "That code is not right" in wrong.content.decode()
    assert later.get(home).status_code == 302  # still owed
    # the code of the next 30 seconds is accepted too (the phone's clock a little ahead)
    right = later.post("/accounts/two-factor/", {"code": code_of(device, 1), "next": home})
    assert right.status_code == 302 and right["Location"] == home
    assert later.get(home).status_code == 200


def test_a_recovery_code_works_once(people, home, required):
    client, _ = sign_in(people("analyst"))
    _, codes = set_up(client, home)
    first, _ = sign_in(people("analyst"))
    used = first.post("/accounts/two-factor/", {"code": codes[0], "next": home})
    assert used.status_code == 302 and first.get(home).status_code == 200
    second, _ = sign_in(people("analyst"))
    again = second.post("/accounts/two-factor/", {"code": codes[0], "next": home})
    assert again.status_code == 400
    assert second.post("/accounts/two-factor/", {"code": codes[1]}).status_code == 302


def test_new_recovery_codes_replace_the_old(people, home, required):
    client, _ = sign_in(people("auditor"))
    _, old = set_up(client, home)
    fresh = client.post("/accounts/security/recovery-codes/")
    new = re.findall(r"<li><code>(\w+)</code></li>", fresh.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    later, _ = sign_in(people("auditor"))
    assert later.post("/accounts/two-factor/", {"code": old[0]}).status_code == 400
    assert later.post("/accounts/two-factor/", {"code": new[0]}).status_code == 302


def test_who_must_have_a_second_factor(people, home, required):
    for role in ("administrator", "manager", "analyst", "auditor"):
        assert sign_in(people(role))[1].status_code == 302, role
    for role in ("owner", "board"):
        assert sign_in(people(role))[1].status_code == 200, role


def test_optional_asks_only_those_who_set_one_up(people, home):
    client, page = sign_in(people("owner"))
    assert page.status_code == 200
    set_up(client, home)
    assert sign_in(people("owner"))[1].status_code == 302
    assert sign_in(people("manager"))[1].status_code == 200


def test_a_wrong_code_makes_the_next_wait(people, home, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 30
    settings.OTP_STATIC_THROTTLE_FACTOR = 30
    client, _ = sign_in(people("owner"))
    page = client.get("/accounts/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=page.wsgi_request.user)
    client.post("/accounts/two-factor/set-up/", {"code": "000000"})
    soon = client.post("/accounts/two-factor/set-up/", {"code": code_of(device)})
    assert soon.status_code == 400
    assert re.search(r"Wait (29|30) seconds", soon.content.decode())
