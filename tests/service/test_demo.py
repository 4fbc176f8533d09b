"""What `assure demo` leaves to the worker: the demo's synthetic returns, queued rather than
loaded, and found already kept (the demo of this session loaded them) when the worker runs."""

from __future__ import annotations

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from assure.datasets.models import Load

pytestmark = pytest.mark.usefixtures("demo")


def test_assure_demo_leaves_the_synthetic_returns_to_the_worker(db, queued, torbay):
    from demo.loader import partnership_folders
    from demo.tasks import load_child_level_later

    folder = next(f for f in partnership_folders() if f.name == "torbay")
    loads = Load.objects.filter(partnership=torbay).count()
    queued_task = load_child_level_later.enqueue(torbay.pk, str(folder))
    assert DBTaskResult.objects.get(pk=queued_task.id).status == TaskResultStatus.READY
    assert Load.objects.filter(partnership=torbay).count() == loads  # nothing done yet

    assert load_child_level_later.call(torbay.pk, str(folder)) == Load.Status.REUSED
    assert Load.objects.filter(partnership=torbay).count() == loads + 1
