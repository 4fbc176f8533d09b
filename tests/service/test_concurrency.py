"""Two writers at once (#18): while one process holds the database in a long write (a load's
transaction), another's save waits its turn and is kept; on SQLite no one is told "database
is locked" (write-ahead log, IMMEDIATE transactions, a 20-second wait: assure/settings.py)."""

from __future__ import annotations

import threading
import time

import pytest

from tests.service.instance import Instance

pytestmark = pytest.mark.service

HOLD = """
import time
from django.db import transaction
from assure.core.models import Partnership
from assure.partnership.models import Organisation
partnership = Partnership.objects.get(slug="testbay")
with transaction.atomic():
    Organisation.objects.create(partnership=partnership, name="Held", kind="other")
    time.sleep(6)
print("released")
"""

SAVE = """
from assure.core.models import Partnership
from assure.partnership import services
partnership = Partnership.objects.get(slug="testbay")
services.save_organisation(None, partnership, None, name="Meanwhile", kind="other", lead=None)
print("saved")
"""

COUNT = """
from assure.partnership.models import Organisation
names = Organisation.objects.filter(partnership__slug="testbay").values_list("name", flat=True)
print(sorted(names))
"""


def test_a_save_while_another_process_holds_the_database_waits_and_is_kept(instance: Instance):
    held: dict[str, str] = {}
    holder = threading.Thread(target=lambda: held.update(out=instance.python(HOLD)))
    holder.start()
    time.sleep(3)  # the holder is set up and inside its transaction
    started = time.monotonic()
    saved = instance.python(SAVE)  # fails the test if it raises "database is locked"
    waited = time.monotonic() - started
    holder.join()
    assert "saved" in saved and "released" in held["out"]
    assert instance.python(COUNT).strip() == "['Held', 'Meanwhile']"
    print(f"the second save finished {waited:.1f} s after it began")
