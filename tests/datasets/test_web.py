"""The datasets pages and commands: uploads by analysts, progress, the report, the snapshot
list, child-level rows seen only by the partnership's analysts (and every view recorded),
figures written into the performance framework, and published benchmarks.

Built with the factories on a partnership of its own (authority 880), its returns the small
hand-written ones of tests/datasets/returns.py; what the demo's Torbay holds is checked in
tests/datasets/test_demo.py."""

from __future__ import annotations

import csv
import datetime as dt
import statistics
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from analytics.store import snapshots
from assure.audits.pseudonyms import pseudonym
from assure.core.models import ChangeRecord, Role
from assure.datasets import benchmarks, command, services
from assure.datasets.models import Load
from assure.exploitation.services import grant_lead
from assure.performance.models import Benchmark, Indicator, Observation
from tests.datasets.returns import EPISODES, HEADER, REVIEWS, clean_903
from tests.factories import MemberFactory, PartnershipFactory, heard_worker, queued_task, signed_in

REFERENCE = benchmarks.reference_dir()


@pytest.fixture(autouse=True)
def store(settings, tmp_path: Path) -> Path:
    settings.ASSURE_DATA_DIR = tmp_path / "var"
    settings.DATASETS_MONTHS_COMPUTED = 2  # the last two months: enough to see the figures
    return tmp_path / "var"


def upload(client, home: str, files: dict[str, str], year: str = "", capture=None):
    uploads = [
        SimpleUploadedFile(name, text.encode(), content_type="text/csv")
        for name, text in files.items()
    ]
    with capture(execute=True):
        return client.post(f"{home}data/upload/", {"files": uploads, "year": year})


def test_an_analyst_loads_returns_and_the_figures_are_computed(
    signed_in_as, partnership, home, django_capture_on_commit_callbacks
):
    analyst = signed_in_as("analyst")
    response = upload(
        analyst,
        home,
        {"header.csv": HEADER, "episodes.csv": EPISODES, "reviews.csv": REVIEWS},
        capture=django_capture_on_commit_callbacks,
    )
    load = Load.objects.get(partnership=partnership)
    assert response.status_code == 302 and response["Location"].endswith(f"/loads/{load.pk}/")
    assert load.status == Load.Status.ACCEPTED and load.snapshot_id
    page = analyst.get(response["Location"]).content.decode()
    assert "Loaded" in page and load.snapshot_id in page and "SSDA903 Episodes" in page
    looked_after = Indicator.objects.get(partnership=partnership, reference="LAC-01")
    figure = looked_after.observations.get(period_end="2024-03-31")
    assert figure.value == 2 and figure.source == Observation.Source.COMPUTATION
    assert load.snapshot_id in figure.source_detail and "definition v1" in figure.source_detail
    overview = analyst.get(f"{home}data/").content.decode()
    assert load.snapshot_id in overview and "ssda903" in overview


def test_a_refused_upload_shows_the_report_and_keeps_nothing(
    signed_in_as, partnership, home, store, django_capture_on_commit_callbacks
):
    analyst = signed_in_as("analyst")
    response = upload(
        analyst,
        home,
        {"header.csv": HEADER.replace("MWBC", "XXXX"), "episodes.csv": EPISODES},
        capture=django_capture_on_commit_callbacks,
    )
    load = Load.objects.get(partnership=partnership)
    assert load.status == Load.Status.REFUSED and not load.snapshot_id
    page = analyst.get(response["Location"]).content.decode()
    assert "nothing has been kept" in page and "&#x27;XXXX&#x27; is not a code" in page
    assert not (store / "snapshots").exists() or not any((store / "snapshots").rglob("*.parquet"))
    assert not Observation.objects.filter(indicator__partnership=partnership).exists()
    assert not Path(load.folder).exists()  # the uploaded files are not kept either


def test_an_upload_with_no_files_gets_an_error_summary(signed_in_as, partnership, home):
    response = signed_in_as("analyst").post(f"{home}data/upload/", {"year": ""})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert "Choose the files to load" in response.content.decode()
    assert not Load.objects.filter(partnership=partnership).exists()


def outsider() -> Client:
    """The business manager of another partnership."""
    return signed_in(MemberFactory(partnership=PartnershipFactory(), role=Role.BUSINESS_MANAGER))


def test_only_analysts_reach_the_data_pages(signed_in_as, home):
    assert signed_in_as("analyst").get(f"{home}data/upload/").status_code == 200
    for role in ("manager", "owner", "auditor", "board"):
        assert signed_in_as(role).get(f"{home}data/").status_code == 403
    assert outsider().get(f"{home}data/").status_code == 404


def kept_load(partnership, tmp_path: Path) -> Load:
    """The hand-written clean SSDA903 return, loaded as the load command loads it."""
    load = services.start_paths(None, partnership, [clean_903(tmp_path / "returns")])
    return services.run(load.pk)


def test_child_level_rows_are_shown_to_analysts_and_every_view_is_recorded(
    signed_in_as, people, partnership, home, tmp_path
):
    load = kept_load(partnership, tmp_path)
    url = f"{home}data/loads/{load.pk}/rows/ssda903_header/"
    page = signed_in_as("analyst").get(url).content.decode()
    assert "This viewing has been recorded" in page and "Shown pseudonymously" in page
    assert pseudonym("880", "1001") in page and ">1001<" not in page
    assert "A123456789012" not in page and "2010-04-03" not in page  # no UPN, no birth date
    viewed = ChangeRecord.objects.get(partnership=partnership, verb=ChangeRecord.Verb.VIEWED)
    assert viewed.actor == people("analyst").user
    assert "3 child-level rows of ssda903_header" in viewed.summary
    assert signed_in_as("manager").get(url).status_code == 403
    assert outsider().get(url).status_code == 404
    assert ChangeRecord.objects.filter(verb=ChangeRecord.Verb.VIEWED).count() == 1


def test_identifiers_only_with_access_to_childrens_records(
    signed_in_as, member, partnership, home, tmp_path
):
    load = kept_load(partnership, tmp_path)
    url = f"{home}data/loads/{load.pk}/rows/ssda903_episodes/"
    analyst = signed_in_as("analyst").get(url).content.decode()
    assert "TQ1 1AA" not in analyst and pseudonym("880", "1002") in analyst
    exploitation_lead = member("analyst")
    grant_lead(None, exploitation_lead, reason="Leads the response to exploited children")
    lead = signed_in(exploitation_lead).get(url).content.decode()
    assert "TQ1 1AA" in lead and ">1002<" in lead and "Shown pseudonymously" not in lead


def test_another_partnerships_load_is_not_found(signed_in_as, home, tmp_path):
    stockton = PartnershipFactory(la_code="808", la_name="Stockton-on-Tees")
    load = kept_load(stockton, tmp_path)
    assert load.status == Load.Status.ACCEPTED
    assert signed_in_as("analyst").get(f"{home}data/loads/{load.pk}/").status_code == 404


def test_progress_is_read_from_the_loads_own_row(signed_in_as, partnership, home):
    load = Load.objects.create(  # as the worker leaves it part-way (no service starts one so)
        partnership=partnership, status=Load.Status.RUNNING, stage="Checking codes", progress=40
    )
    analyst = signed_in_as("analyst")
    status = analyst.get(f"{home}data/loads/{load.pk}/status/").json()
    assert status == {
        "status": "running",
        "label": "Loading",
        "stage": "Checking codes",
        "progress": 40,
        "finished": False,
    }
    page = analyst.get(f"{home}data/loads/{load.pk}/").content.decode()
    assert "Checking codes (40%)" in page and "progress.js" in page


def test_a_waiting_load_says_when_no_worker_is_taking_tasks(signed_in_as, partnership, home):
    task = queued_task(dt.timedelta(minutes=10), task_path="assure.datasets.tasks.run_load")
    load = Load.objects.create(partnership=partnership, task_id=str(task.pk))
    analyst = signed_in_as("analyst")

    def warned() -> bool:
        page = analyst.get(f"{home}data/loads/{load.pk}/").content.decode()
        return "No worker is taking tasks" in page

    assert warned()  # no worker heard from
    # a worker beats, yet has left the load waiting ten minutes: its main thread is stuck
    heard_worker("w1")
    assert warned()
    DBTaskResult.objects.filter(pk=task.pk).update(
        status=TaskResultStatus.RUNNING, worker_ids=["w1"], started_at=timezone.now()
    )
    assert not warned()


def test_a_load_left_running_by_a_closed_shell_is_failed_after_an_hour(partnership):
    load = Load.objects.create(partnership=partnership, status=Load.Status.RUNNING)
    assert services.fail_abandoned(partnership) == 0
    Load.objects.filter(pk=load.pk).update(created_at="2020-01-01T00:00:00Z")
    assert services.fail_abandoned(partnership) == 1
    assert Load.objects.get(pk=load.pk).status == Load.Status.FAILED


def test_what_a_killed_worker_half_wrote_is_removed_when_its_load_is_failed(partnership, store):
    half = snapshots.root(store, "880") / ".incomplete-0123"
    half.mkdir(parents=True)
    (half / "ssda903_episodes.parquet").write_bytes(b"PAR1")
    (half / "ssda903_episodes.parquet").chmod(0o444)
    load = Load.objects.create(partnership=partnership, status=Load.Status.RUNNING)
    Load.objects.filter(pk=load.pk).update(created_at="2020-01-01T00:00:00Z")
    assert services.fail_abandoned(partnership) == 1
    assert list(snapshots.root(store, "880").iterdir()) == []


def test_the_load_command_reports_and_sets_its_exit_status(partnership, tmp_path, capsys):
    where = ["--partnership", partnership.slug]
    assert command.main([*where, str(clean_903(tmp_path / "a"))]) == 0
    assert "Loaded: 0 fatal problems" in capsys.readouterr().out
    bad = clean_903(tmp_path / "b")
    (bad / "reviews.csv").write_text("")
    assert command.main([*where, str(bad)]) == 1
    assert "FATAL reviews.csv: The file is empty." in capsys.readouterr().out
    assert command.main(["--partnership", "nowhere", str(bad)]) == 2


def _published_sn_median(year: str) -> float:
    folder = REFERENCE / "csc_outcomes_and_enablers"
    with (folder / "sn_model_2025_wide.csv").open(encoding="utf-8-sig") as handle:
        row = next(r for r in csv.DictReader(handle) if r["old_la_code"] == "880")
    ten = {row[f"SN_{i}"] for i in range(1, 11)}
    with (folder / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv").open() as f:
        values = [
            float(r["rereferral_percent"])
            for r in csv.DictReader(f)
            if r["time_period"] == year and r["old_la_code"] in ten
        ]
    assert len(values) == 10
    return statistics.median(values)


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared reference figures not present")
def test_published_figures_become_benchmarks_with_the_neighbours_median(partnership):
    assert benchmarks.load_published(None, partnership, years=2) > 0
    rereferrals = Indicator.objects.get(partnership=partnership, reference="CIN-02")
    found = {(b.financial_year, b.kind): b for b in rereferrals.benchmarks.all()}
    assert float(found[(2024, Benchmark.Kind.ENGLAND)].value) == 22.6  # 2024-25, England
    assert found[(2024, Benchmark.Kind.REGION)].label == "South West"
    neighbours = found[(2024, Benchmark.Kind.NEIGHBOURS)]
    assert float(neighbours.value) == pytest.approx(_published_sn_median("2025"))
    assert float(found[(2023, Benchmark.Kind.AUTHORITY)].value) == 26.5  # Torbay 2023-24
    assert benchmarks.load_published(None, partnership, years=2) == 0  # the same again: no change


def test_snapshots_past_the_retention_are_deleted_but_each_datasets_newest_and_the_figures_stay(
    signed_in_as, partnership, home, tmp_path, store
):
    from tests.datasets.returns import write

    older = kept_load(partnership, tmp_path)
    newer = services.run(
        services.start_paths(
            None,
            partnership,
            [write(tmp_path / "b", header=HEADER, episodes=EPISODES, reviews=REVIEWS[:-1])],
        ).pk
    )
    assert older.snapshot_id != newer.snapshot_id
    figures = Observation.objects.filter(indicator__partnership=partnership).count()

    assert services.purge_snapshots(None, 0, dry_run=True) == [f"880/{older.snapshot_id}"]
    assert (store / "snapshots" / "880" / older.snapshot_id).is_dir()
    assert services.purge_snapshots(None, 0) == [f"880/{older.snapshot_id}"]
    assert not (store / "snapshots" / "880" / older.snapshot_id).exists()
    assert (store / "snapshots" / "880" / newer.snapshot_id).is_dir()
    assert Observation.objects.filter(indicator__partnership=partnership).count() == figures
    record = ChangeRecord.objects.filter(object_id=older.pk, object_type="datasets.load").latest(
        "pk"
    )
    assert "older than the retention of 0 days" in record.summary
    page = signed_in_as("analyst").get(f"{home}data/loads/{older.pk}/").content.decode()
    assert "Its snapshot was deleted on" in page
    assert services.purge_snapshots(None, 0) == []  # the newest is kept however old


def test_a_load_that_fails_after_its_snapshot_is_written_keeps_no_snapshot(
    partnership, tmp_path, store, monkeypatch
):
    from analytics.store import snapshots

    def broken(*args, **kwargs):
        raise RuntimeError("the figures could not be computed")

    monkeypatch.setattr(services.observations, "compute", broken)
    where = ["--partnership", partnership.slug]
    assert command.main([*where, str(clean_903(tmp_path / "a"))]) != 0
    load = Load.objects.get(partnership=partnership)
    assert load.status == Load.Status.FAILED and not load.snapshot_id
    assert snapshots.all_snapshots(store, "880") == []
