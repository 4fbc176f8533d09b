"""Local accounts: Argon2 hashes and a lockout after repeated failures."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db


def sign_in(client, password):
    return client.post(
        reverse("login"), {"username": "torbay.board", "password": password}, REMOTE_ADDR="10.1.2.3"
    )


def test_passwords_are_stored_as_argon2():
    user = get_user_model().objects.get(username="torbay.board")
    assert user.password.startswith("argon2")


def test_a_wrong_password_gets_an_error_summary(client):
    page = sign_in(client, "not-the-password").content.decode()
    assert "There is a problem" in page


def test_five_failures_lock_the_account_even_with_the_right_password(client):
    from demo.loader import DEMO_PASSWORD

    for _ in range(5):
        sign_in(client, "wrong-password")
    response = sign_in(client, DEMO_PASSWORD)
    assert response.status_code == 429
    assert "You cannot sign in for an hour" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_signs_in_and_lands_on_the_partnership(client):
    from demo.loader import DEMO_PASSWORD

    response = sign_in(client, DEMO_PASSWORD)
    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).request["PATH_INFO"] == "/p/torbay/"


def test_a_stranger_elsewhere_cannot_lock_the_owner_of_a_user_name_out(client):
    from django.test import Client

    from demo.loader import DEMO_PASSWORD

    for _ in range(6):
        sign_in(client, "wrong-password")  # from 10.1.2.3
    owner = Client()
    response = owner.post(
        reverse("login"),
        {"username": "torbay.board", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.9.9.9",
    )
    assert response.status_code == 302 and "_auth_user_id" in owner.session


def test_failures_to_one_name_from_many_addresses_slow_it_but_never_lock_its_owner_out(
    client, settings
):
    import datetime as dt

    from django.test import Client
    from django.utils import timezone

    from assure.core import signin
    from demo.loader import DEMO_PASSWORD

    settings.ASSURE_SLOWDOWN_AFTER = 4
    for address in range(6):  # six strangers, one try each: no address reaches its lockout
        Client().post(
            reverse("login"),
            {"username": "torbay.board", "password": "guess"},
            REMOTE_ADDR=f"10.7.0.{address}",
        )
    assert signin.seconds_to_wait("torbay.board") > 0
    owner = Client()
    data = {"username": "torbay.board", "password": DEMO_PASSWORD}
    refused = owner.post(reverse("login"), data, REMOTE_ADDR="10.9.9.9")
    assert refused.status_code == 200 and "_auth_user_id" not in owner.session
    assert re.search(r"Wait \d+ seconds?, then try again", refused.content.decode())
    later = timezone.now() + dt.timedelta(seconds=signin.LONGEST_WAIT)
    assert signin.seconds_to_wait("torbay.board", later) == 0  # at worst a minute
    other = signin.seconds_to_wait("torbay.manager")
    assert other == 0  # other names are untouched
