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
from django.conf import settings

from assure.service import backup
from tests.service.instance import Instance

pytestmark = pytest.mark.service

PAGES = [
    "/p/torbay/",
    "/p/torbay/plans/",
    "/p/torbay/risks/",
    "/p/torbay/meetings/",
    "/p/torbay/performance/tables/",
    "/p/torbay/reports/highlight/?month=2021-05",
    "/p/torbay/changes/",
]
RENDER = """
import json, re
from django.contrib.auth import get_user_model
from django.test import Client
client = Client()
client.force_login(get_user_model().objects.get(username="torbay.manager"),
                   backend="django.contrib.auth.backends.ModelBackend")
pages = {page: client.get(page).content.decode() for page in %r}
print(json.dumps(pages))
"""


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
    db, client_as, tmp_path, template
):
    archive = tmp_path / "assure-backup.tar.gz"
    manifest = backup.write(archive, say=lambda _: None)
    assert manifest["files"]["database.jsonl"]["size"] > 0

    restored = Instance(tmp_path / "restored", template)
    try:
        done = restored.run("restore", str(archive))
        assert "Restored the database" in done.stdout
        theirs = json.loads(restored.python(RENDER % PAGES))
    finally:
        restored.close()
    manager = client_as("manager")
    for page in PAGES:
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
