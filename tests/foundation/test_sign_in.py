"""Local accounts: Argon2 hashes and a lockout after repeated failures."""

import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.fixture
def board(people):
    """A board member of a partnership of their own, who signs in with a password."""
    return people("board")


def sign_in(client, username, password):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3"
    )


def test_passwords_are_stored_as_argon2(board):
    assert board.user.password.startswith("argon2")


def test_a_wrong_password_gets_an_error_summary(client, board):
    page = sign_in(client, board.user.username, "not-the-password").content.decode()
    assert "There is a problem" in page


def test_five_failures_lock_the_account_even_with_the_right_password(client, board):
    for _ in range(5):
        sign_in(client, board.user.username, "wrong-password")
    response = sign_in(client, board.user.username, PASSWORD)
    assert response.status_code == 429
    assert "You cannot sign in for an hour" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_signs_in_and_lands_on_the_partnership(client, board, home):
    response = sign_in(client, board.user.username, PASSWORD)
    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).request["PATH_INFO"] == home


def test_a_stranger_elsewhere_cannot_lock_the_owner_of_a_user_name_out(client, board):
    from django.test import Client

    for _ in range(6):
        sign_in(client, board.user.username, "wrong-password")  # from 10.1.2.3
    owner = Client()
    response = owner.post(
        reverse("login"),
        {"username": board.user.username, "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
    )
    assert response.status_code == 302 and "_auth_user_id" in owner.session


def test_failures_to_one_name_from_many_addresses_slow_it_but_never_lock_its_owner_out(
    client, settings, board, people
):
    import datetime as dt

    from django.test import Client
    from django.utils import timezone

    from assure.core import signin

    name = board.user.username
    settings.ASSURE_SLOWDOWN_AFTER = 4
    for address in range(6):  # six strangers, one try each: no address reaches its lockout
        Client().post(
            reverse("login"),
            {"username": name, "password": "guess"},
            REMOTE_ADDR=f"10.7.0.{address}",
        )
    assert signin.seconds_to_wait(name) > 0
    owner = Client()
    data = {"username": name, "password": PASSWORD}
    refused = owner.post(reverse("login"), data, REMOTE_ADDR="10.9.9.9")
    assert refused.status_code == 200 and "_auth_user_id" not in owner.session
    assert re.search(r"Wait \d+ seconds?, then try again", refused.content.decode())
    later = timezone.now() + dt.timedelta(seconds=signin.LONGEST_WAIT)
    assert signin.seconds_to_wait(name, later) == 0  # at worst a minute
    other = signin.seconds_to_wait(people("manager").user.username)
    assert other == 0  # other names are untouched
