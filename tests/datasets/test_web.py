"""The datasets pages and commands: uploads by analysts, progress, the report, the snapshot
list, child-level rows seen only by the partnership's analysts (and every view recorded),
figures written into the performance framework, and published benchmarks."""

from __future__ import annotations

import csv
import statistics
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from analytics.store import snapshots
from assure.audits.pseudonyms import pseudonym
from assure.core.models import ChangeRecord
from assure.datasets import benchmarks, command, services
from assure.datasets.models import Load
from assure.performance.models import Benchmark, Indicator, Observation
from tests.datasets.returns import EPISODES, HEADER, REVIEWS, clean_903

REFERENCE = benchmarks.reference_dir()


@pytest.fixture(autouse=True)
def store(settings, tmp_path: Path) -> Path:
    settings.ASSURE_DATA_DIR = tmp_path / "var"
    settings.DATASETS_MONTHS_COMPUTED = 2  # the last two months: enough to see the figures
    return tmp_path / "var"


def upload(client, files: dict[str, str], year: str = "", capture=None):
    uploads = [
        SimpleUploadedFile(name, text.encode(), content_type="text/csv")
        for name, text in files.items()
    ]
    with capture(execute=True):
        return client.post("/p/torbay/data/upload/", {"files": uploads, "year": year})


def test_an_analyst_loads_returns_and_the_figures_are_computed(
    client_as, torbay, django_capture_on_commit_callbacks
):
    analyst = client_as("analyst")
    response = upload(
        analyst,
        {"header.csv": HEADER, "episodes.csv": EPISODES, "reviews.csv": REVIEWS},
        capture=django_capture_on_commit_callbacks,
    )
    load = Load.objects.filter(partnership=torbay).latest("pk")  # after the demo's own load
    assert response.status_code == 302 and response["Location"].endswith(f"/loads/{load.pk}/")
    assert load.status == Load.Status.ACCEPTED and load.snapshot_id
    page = analyst.get(response["Location"]).content.decode()
    assert "Loaded" in page and load.snapshot_id in page and "SSDA903 Episodes" in page
    looked_after = Indicator.objects.get(partnership=torbay, reference="LAC-01")
    figure = looked_after.observations.get(period_end="2024-03-31")
    assert figure.value == 2 and figure.source == Observation.Source.COMPUTATION
    assert load.snapshot_id in figure.source_detail and "definition v1" in figure.source_detail
    overview = analyst.get("/p/torbay/data/").content.decode()
    assert load.snapshot_id in overview and "ssda903" in overview


def test_a_refused_upload_shows_the_report_and_keeps_nothing(
    client_as, torbay, store, django_capture_on_commit_callbacks
):
    analyst = client_as("analyst")
    computed = Observation.objects.filter(
        indicator__partnership=torbay, source=Observation.Source.COMPUTATION
    )
    before = computed.count()  # the demo's figures, computed from its synthetic returns
    response = upload(
        analyst,
        {"header.csv": HEADER.replace("MWBC", "XXXX"), "episodes.csv": EPISODES},
        capture=django_capture_on_commit_callbacks,
    )
    load = Load.objects.filter(partnership=torbay).latest("pk")
    assert load.status == Load.Status.REFUSED and not load.snapshot_id
    page = analyst.get(response["Location"]).content.decode()
    assert "nothing has been kept" in page and "&#x27;XXXX&#x27; is not a code" in page
    assert not (store / "snapshots").exists() or not any((store / "snapshots").rglob("*.parquet"))
    assert computed.count() == before
    assert not Path(load.folder).exists()  # the uploaded files are not kept either


def test_an_upload_with_no_files_gets_an_error_summary(client_as):
    response = client_as("analyst").post("/p/torbay/data/upload/", {"year": ""})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert "Choose the files to load" in response.content.decode()


def test_only_analysts_reach_the_data_pages(client_as):
    assert client_as("analyst").get("/p/torbay/data/upload/").status_code == 200
    for persona in ("manager", "owner", "auditor", "board"):
        assert client_as(persona).get("/p/torbay/data/").status_code == 403
    assert client_as("outsider").get("/p/torbay/data/").status_code == 404


def kept_load(torbay, tmp_path: Path) -> Load:
    load = services.start_paths(None, torbay, [clean_903(tmp_path / "returns")])
    return services.run(load.pk)


def test_child_level_rows_are_shown_to_analysts_and_every_view_is_recorded(
    client_as, membership, torbay, tmp_path
):
    load = kept_load(torbay, tmp_path)
    url = f"/p/torbay/data/loads/{load.pk}/rows/ssda903_header/"
    page = client_as("analyst").get(url).content.decode()
    assert "This viewing has been recorded" in page and "Shown pseudonymously" in page
    assert pseudonym("880", "1001") in page and ">1001<" not in page
    assert "A123456789012" not in page and "2010-04-03" not in page  # no UPN, no birth date
    viewed = ChangeRecord.objects.get(partnership=torbay, verb=ChangeRecord.Verb.VIEWED)
    assert viewed.actor == membership("analyst").user
    assert "3 child-level rows of ssda903_header" in viewed.summary
    assert client_as("manager").get(url).status_code == 403
    assert client_as("outsider").get(url).status_code == 404
    assert ChangeRecord.objects.filter(verb=ChangeRecord.Verb.VIEWED).count() == 1


def test_identifiers_only_with_access_to_childrens_records(client_as, torbay, tmp_path):
    load = kept_load(torbay, tmp_path)
    url = f"/p/torbay/data/loads/{load.pk}/rows/ssda903_episodes/"
    analyst = client_as("analyst").get(url).content.decode()
    assert "TQ1 1AA" not in analyst and pseudonym("880", "1002") in analyst
    lead = client_as("torbay.exploitation").get(url).content.decode()  # granted access
    assert "TQ1 1AA" in lead and ">1002<" in lead and "Shown pseudonymously" not in lead


def test_another_partnerships_load_is_not_found(client_as, stockton, tmp_path):
    load = kept_load(stockton, tmp_path)
    assert client_as("analyst").get(f"/p/torbay/data/loads/{load.pk}/").status_code == 404


def test_progress_is_read_from_the_loads_own_row(client_as, torbay):
    load = Load.objects.create(
        partnership=torbay, status=Load.Status.RUNNING, stage="Checking codes", progress=40
    )
    status = client_as("analyst").get(f"/p/torbay/data/loads/{load.pk}/status/").json()
    assert status == {
        "status": "running",
        "label": "Loading",
        "stage": "Checking codes",
        "progress": 40,
        "finished": False,
    }
    page = client_as("analyst").get(f"/p/torbay/data/loads/{load.pk}/").content.decode()
    assert "Checking codes (40%)" in page and "progress.js" in page


def test_a_load_left_running_by_a_closed_shell_is_failed_after_an_hour(torbay):
    load = Load.objects.create(partnership=torbay, status=Load.Status.RUNNING)
    assert services.fail_abandoned(torbay) == 0
    Load.objects.filter(pk=load.pk).update(created_at="2020-01-01T00:00:00Z")
    assert services.fail_abandoned(torbay) == 1
    assert Load.objects.get(pk=load.pk).status == Load.Status.FAILED


def test_what_a_killed_worker_half_wrote_is_removed_when_its_load_is_failed(torbay, store):
    half = snapshots.root(store, "880") / ".incomplete-0123"
    half.mkdir(parents=True)
    (half / "ssda903_episodes.parquet").write_bytes(b"PAR1")
    (half / "ssda903_episodes.parquet").chmod(0o444)
    load = Load.objects.create(partnership=torbay, status=Load.Status.RUNNING)
    Load.objects.filter(pk=load.pk).update(created_at="2020-01-01T00:00:00Z")
    assert services.fail_abandoned(torbay) == 1
    assert list(snapshots.root(store, "880").iterdir()) == []


def test_the_load_command_reports_and_sets_its_exit_status(torbay, tmp_path, capsys):
    assert command.main(["--partnership", "torbay", str(clean_903(tmp_path / "a"))]) == 0
    assert "Loaded: 0 fatal problems" in capsys.readouterr().out
    bad = clean_903(tmp_path / "b")
    (bad / "reviews.csv").write_text("")
    assert command.main(["--partnership", "torbay", str(bad)]) == 1
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
def test_published_figures_become_benchmarks_with_the_neighbours_median(torbay):
    assert benchmarks.load_published(None, torbay, years=2) > 0
    rereferrals = Indicator.objects.get(partnership=torbay, reference="CIN-02")
    found = {(b.financial_year, b.kind): b for b in rereferrals.benchmarks.all()}
    assert float(found[(2024, Benchmark.Kind.ENGLAND)].value) == 22.6  # 2024-25, England
    assert found[(2024, Benchmark.Kind.REGION)].label == "South West"
    neighbours = found[(2024, Benchmark.Kind.NEIGHBOURS)]
    assert float(neighbours.value) == pytest.approx(_published_sn_median("2025"))
    assert float(found[(2023, Benchmark.Kind.AUTHORITY)].value) == 26.5  # Torbay 2023-24
    assert benchmarks.load_published(None, torbay, years=2) == 0  # the same again: no change


def test_snapshots_past_the_retention_are_deleted_but_each_datasets_newest_and_the_figures_stay(
    client_as, torbay, tmp_path, store
):
    from tests.datasets.returns import write

    older = kept_load(torbay, tmp_path)
    newer = services.run(
        services.start_paths(
            None,
            torbay,
            [write(tmp_path / "b", header=HEADER, episodes=EPISODES, reviews=REVIEWS[:-1])],
        ).pk
    )
    assert older.snapshot_id != newer.snapshot_id
    figures = Observation.objects.filter(indicator__partnership=torbay).count()

    assert services.purge_snapshots(None, 0, dry_run=True) == [f"880/{older.snapshot_id}"]
    assert (store / "snapshots" / "880" / older.snapshot_id).is_dir()
    assert services.purge_snapshots(None, 0) == [f"880/{older.snapshot_id}"]
    assert not (store / "snapshots" / "880" / older.snapshot_id).exists()
    assert (store / "snapshots" / "880" / newer.snapshot_id).is_dir()
    assert Observation.objects.filter(indicator__partnership=torbay).count() == figures
    record = ChangeRecord.objects.filter(object_id=older.pk, object_type="datasets.load").latest(
        "pk"
    )
    assert "older than the retention of 0 days" in record.summary
    page = client_as("analyst").get(f"/p/torbay/data/loads/{older.pk}/").content.decode()
    assert "Its snapshot was deleted on" in page
    assert services.purge_snapshots(None, 0) == []  # the newest is kept however old


def test_a_load_that_fails_after_its_snapshot_is_written_keeps_no_snapshot(
    torbay, tmp_path, store, monkeypatch
):
    from analytics.store import snapshots

    def broken(*args, **kwargs):
        raise RuntimeError("the figures could not be computed")

    monkeypatch.setattr(services.observations, "compute", broken)
    assert command.main(["--partnership", "torbay", str(clean_903(tmp_path / "a"))]) != 0
    load = Load.objects.filter(partnership=torbay).first()
    assert load.status == Load.Status.FAILED and not load.snapshot_id
    assert snapshots.all_snapshots(store, "880") == []
