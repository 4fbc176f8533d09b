"""A refusal is logged in one line naming the path and who asked, without a traceback."""

from __future__ import annotations

import logging
import sys

from django.urls import reverse

from assure.core.logs import OneLineRefusals
from tests.factories import signed_in


def test_a_403_is_one_line_in_the_log_naming_who_asked(partnership, people, caplog):
    board = people("board")
    response = signed_in(board).get(reverse("changes", args=[partnership.slug]))
    assert response.status_code == 403
    refusals = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in refusals] == [
        f"Forbidden (Permission denied): /p/{partnership.slug}/changes/ "
        f"(user {board.user.username})"
    ]
    assert refusals[0].exc_info is None and "Traceback" not in caplog.text


def test_a_server_error_keeps_its_traceback():
    try:
        raise RuntimeError("broken")
    except RuntimeError:
        record = logging.LogRecord("django.request", logging.ERROR, "", 0, "Error", (), None)
        record.exc_info = sys.exc_info()
    record.status_code = 500
    assert OneLineRefusals().filter(record) and record.exc_info is not None
