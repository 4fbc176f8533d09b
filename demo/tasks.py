"""The demo's slow part as background work: simulating a partnership's synthetic returns
and loading them (about half a minute), done by the task worker after `assure demo`."""

from __future__ import annotations

from pathlib import Path

from django_tasks import task

from assure.core.models import Partnership


@task()
def load_child_level_later(partnership_id: int, folder: str) -> str:
    from demo.child_level import load_child_level

    partnership = Partnership.objects.filter(pk=partnership_id).first()
    if partnership is None:  # the demo was loaded again meanwhile: that load queued its own
        return "gone"
    load = load_child_level(partnership, Path(folder))
    return load.status if load else "none"
