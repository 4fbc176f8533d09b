"""`assure backup` then `assure restore` into a new, empty instance gives back the same
partnership: the same pages, the same report, the same snapshot files; a damaged archive or
a used instance is refused before anything is written."""

from __future__ import annotations

import io
import json
import re
import tarfile
from pathlib import Path

import pytest

from assure.datasets import services as datasets
from assure.datasets.models import Load
from assure.plans import services as plans
from assure.plans.models import ActionUpdate
from assure.service import backup
from tests.factories import ActionFactory, PlanFactory, RiskFactory
from tests.meetings.factories import TrackerActionFactory
from tests.performance.factories import icpcs_on_time
from tests.service.instance import Instance

pytestmark = pytest.mark.service

PAGES = [
    "",
    "plans/",
    "risks/",
    "meetings/",
    "performance/tables/",
    "reports/highlight/?month=2021-05",
    "changes/",
]
RENDER = """
import json, re
from django.contrib.auth import get_user_model
from django.test import Client
client = Client()
client.force_login(get_user_model().objects.get(username=%r),
                   backend="django.contrib.auth.backends.ModelBackend")
pages = {page: client.get(page).content.decode() for page in %r}
print(json.dumps(pages))
"""


def something_on_each_page(partnership, people, returns: list[Path]) -> None:
    """A partnership with something on each page: a plan's action rated Green, a risk, a
    meeting with its tracker action, 004's measure 2.21 as the highlight report prints it,
    and a year of synthetic returns loaded by its analyst (a snapshot, and the figures)."""
    plan = PlanFactory(partnership=partnership)
    action = ActionFactory(objective__priority__plan=plan, owner_person=people("owner").person)
    plans.record_past_update(
        None, action, period=plan.reporting_period, rag=plan.rag_scheme.levels.get(code="green"),
        progress="Toolkit training delivered.", status=ActionUpdate.Status.ACCEPTED,
    )  # fmt: skip
    RiskFactory(partnership=partnership, owner_person=people("manager").person)
    TrackerActionFactory(partnership=partnership)
    icpcs_on_time(partnership)
    analyst = people("analyst").user
    load = datasets.run(datasets.start_paths(analyst, partnership, returns).pk, analyst)
    assert load.status == Load.Status.ACCEPTED, load.report


def main_of(html: str) -> str:
    """The page's own content, without the token every form gets afresh."""
    found = re.search(r"<main.*?</main>", html, re.S)
    assert found, "no <main> on the page"
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", found[0])


def files_of(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_size
        for p in folder.rglob("*")
        if p.is_file() and "snapshots" in p.parts
    }


def test_a_backup_restored_into_a_new_instance_gives_the_same_pages_and_report(
    partnership, people, signed_in_as, home, returns, settings, tmp_path, template
):
    settings.ASSURE_DATA_DIR = tmp_path / "data"
    something_on_each_page(partnership, people, returns)
    pages = [home + page for page in PAGES]
    archive = tmp_path / "assure-backup.tar.gz"
    manifest = backup.write(archive, say=lambda _: None)
    assert manifest["files"]["database.jsonl"]["size"] > 0

    restored = Instance(tmp_path / "restored", template)
    try:
        done = restored.run("restore", str(archive))
        assert "Restored the database" in done.stdout
        theirs = json.loads(restored.python(RENDER % (people("manager").user.username, pages)))
    finally:
        restored.close()
    manager = signed_in_as("manager")
    for page in pages:
        ours = manager.get(page)
        assert ours.status_code == 200, page
        assert main_of(theirs[page]) == main_of(ours.content.decode()), page
    kept = files_of(Path(settings.ASSURE_DATA_DIR))
    assert kept and files_of(restored.data) == kept


def test_restore_refuses_a_damaged_archive_and_a_used_instance(instance, tmp_path, template):
    archive = tmp_path / "small.tar.gz"
    instance.run("backup", "-o", str(archive))
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member)
            if member.name == "database.jsonl":
                text = data.read().replace(b"testbay", b"testbax", 1)
                member.size = len(text)
                data = io.BytesIO(text)
            copy.addfile(member, data)

    empty = Instance(tmp_path / "empty", template)
    try:
        refused = empty.run("restore", str(damaged), check=False)
        assert refused.returncode == 1
        assert "database.jsonl does not match its checksum" in refused.stderr
        assert "0 users" in empty.python(
            "from django.contrib.auth import get_user_model\n"
            "print(get_user_model().objects.count(), 'users')"
        )
    finally:
        empty.close()
    used = instance.run("restore", str(archive), check=False)
    assert used.returncode == 1 and "Restore into an empty instance" in used.stderr
