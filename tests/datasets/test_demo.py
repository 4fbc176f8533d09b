"""The demo's Torbay holds child-level data: synthetic returns loaded by its analyst as a
validated snapshot, child-level rows seen only by analysts (and every view recorded), and
figures computed from the snapshot with their provenance, beside 004's printed figures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from analytics.store import snapshots
from assure.core.models import ChangeRecord
from assure.datasets.models import Load
from assure.datasets.observations import data_dir
from assure.performance.models import Indicator, Observation

pytestmark = pytest.mark.usefixtures("demo")


def demo_load(torbay) -> Load:
    return Load.objects.get(partnership=torbay)


def test_the_demo_keeps_torbays_synthetic_returns_as_a_snapshot(torbay, client_as):
    load = demo_load(torbay)
    assert load.snapshot_id and load.status in (Load.Status.ACCEPTED, Load.Status.REUSED)
    assert load.created_by.username == "torbay.analyst" and load.fatal_count == 0
    snapshot = snapshots.get(data_dir(), "880", load.snapshot_id)
    assert {"cin", "ssda903", "workforce"} <= set(snapshot.datasets)
    assert snapshot.tables["ssda903_episodes"] > 100 and snapshot.tables["cin_referrals"] > 1000
    # the exploitation and missing extracts stay out: the register reproduces 004's July 2021
    assert "exploitation_toolkits" not in snapshot.tables

    analyst = client_as("analyst")
    overview = analyst.get(reverse("datasets", args=["torbay"])).content.decode()
    assert load.snapshot_id in overview
    report = analyst.get(reverse("dataset-load", args=["torbay", load.pk])).content.decode()
    assert "SSDA903 Episodes" in report
    rows = reverse("dataset-rows", args=["torbay", load.pk, "ssda903_header"])
    page = analyst.get(rows).content.decode()
    header_rows = snapshot.tables["ssda903_header"]
    assert "Shown pseudonymously" in page and f"{header_rows} row" in page
    assert ChangeRecord.objects.filter(
        partnership=torbay, verb=ChangeRecord.Verb.VIEWED, object_type="datasets.load"
    ).exists()
    assert client_as("manager").get(rows).status_code == 403


def test_the_demo_computes_torbays_figures_with_their_provenance(torbay, client_as):
    load = demo_load(torbay)
    looked_after = Indicator.objects.get(partnership=torbay, reference="LAC-01")
    assert looked_after.source == Indicator.Source.COMPUTED
    figures = looked_after.observations.filter(source=Observation.Source.COMPUTATION)
    latest = figures.latest("period_end")
    assert latest.value > 100  # Torbay looks after about 300 children
    assert load.snapshot_id in latest.source_detail and "definition v1" in latest.source_detail
    assert figures.count() >= 12
    page = client_as("analyst").get(reverse("indicator", args=["torbay", looked_after.pk]))
    assert "Computed from snapshot" in page.content.decode()


def test_the_computed_figures_leave_004s_printed_measures_alone(torbay):
    printed = Indicator.objects.filter(partnership=torbay).exclude(source=Indicator.Source.COMPUTED)
    assert printed.count() == 45
    assert not Observation.objects.filter(
        indicator__in=printed, source=Observation.Source.COMPUTATION
    ).exists()
