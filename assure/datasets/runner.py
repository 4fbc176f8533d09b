"""The background runner of loads: a thread in the web process, its progress on the row.

Chosen over a task queue so `assure serve` needs no second process (docs/decisions/0008);
a load left running by a server that stopped is failed by `services.mark_stale`. Tests set
DATASETS_RUN_INLINE to run a load within the request.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)


def _work(load_id: int) -> None:
    from assure.datasets.services import run

    try:
        run(load_id)
    except Exception:  # noqa: BLE001 - the row already says it failed; log why for operators
        logger.exception("Load %s failed", load_id)
    finally:
        connections.close_all()


def start(load_id: int) -> None:
    if getattr(settings, "DATASETS_RUN_INLINE", False):
        _work_inline(load_id)
        return
    threading.Thread(target=_work, args=(load_id,), name=f"load-{load_id}", daemon=True).start()


def _work_inline(load_id: int) -> None:
    from assure.datasets.services import run

    try:
        run(load_id)
    except Exception:  # noqa: BLE001 - as in the thread: the row says it failed
        logger.exception("Load %s failed", load_id)
