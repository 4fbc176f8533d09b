"""/healthz, for a monitor: is the database answering, can the data folder be written, are
the task workers taking tasks (`queue.working`). /healthz/web, for a load balancer: the first
two, whether this web server can serve pages (a worker down must not take the site out of
rotation). Open without signing in, so they say nothing but which check failed."""

from __future__ import annotations

import logging
import tempfile

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from assure.datasets.observations import data_dir
from assure.service import queue

logger = logging.getLogger(__name__)


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _store() -> bool:
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".healthz-") as probe:
        probe.write(b"ok")
        probe.flush()
    return True


def _worker() -> bool:
    return queue.working()


CHECKS = {"database": _database, "store": _store, "worker": _worker}
WEB = ("database", "store")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Every check, for a monitor."""
    return _answer(list(CHECKS))


@never_cache
def healthz_web(request: HttpRequest) -> JsonResponse:
    """Whether this web server can serve pages, for a load balancer."""
    return _answer(list(WEB))


def _answer(names: list[str]) -> JsonResponse:
    results = {}
    for name in names:
        check = CHECKS[name]
        try:
            results[name] = "ok" if check() else "failing"
        except Exception:  # noqa: BLE001 - any error is a failing check; the log says which
            logger.exception("Health check %s failed", name)
            results[name] = "failing"
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": results},
        status=200 if healthy else 503,
    )
