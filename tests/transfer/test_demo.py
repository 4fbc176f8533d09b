"""The demo's Torbay taken out and brought back in whole: its improvement plan (seed 004's,
over fifty actions) into an empty plan, and the whole partnership (every table the import
reads) into an empty partnership, give the same tables."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from assure.plans import services as plan_services
from assure.plans.models import Plan
from assure.transfer import export, plan_workbook
from tests.transfer.test_partnership_tables import TABLES, main_text
from tests.transfer.test_plan_import import confirm, upload

pytestmark = pytest.mark.usefixtures("demo")

IMPROVEMENT_PLAN = "Children's Services Improvement Plan 2021/22"


def test_the_demos_improvement_plan_taken_out_and_brought_into_an_empty_plan_is_the_same(
    client_as, torbay, membership
):
    empty = plan_services.save_plan(
        membership("manager").user,
        torbay,
        None,
        title="Imported plan 2022-2025",
        kind="business",
        rag_scheme=torbay.schemes.get(key="three_level"),
        starts=dt.date(2022, 4, 1),
        ends=dt.date(2025, 3, 31),
        reporting_period="2022-Q1",
    )
    manager = client_as("manager")
    source = Plan.objects.get(partnership=torbay, title=IMPROVEMENT_PLAN)
    exported = manager.get(f"/p/torbay/plans/{source.pk}/table.xlsx")
    assert exported.status_code == 200
    assert upload(manager, empty, exported.content).status_code == 200
    assert confirm(manager, empty).status_code == 302
    assert plan_workbook.rows_of(empty) == plan_workbook.rows_of(source)
    assert len(plan_workbook.rows_of(source)) > 50


def test_the_demos_torbay_taken_out_and_brought_into_an_empty_partnership_is_the_same(
    client_as, torbay, membership
):
    """Torbay's export, imported into a new partnership, gives the same tables (everything
    the import reads: structure, plans with every action, risks, recommendations answered by
    actions, indicators with targets and benchmarks)."""
    from assure.partnership.services import add_member, start_partnership

    admin = membership("administrator").user
    fresh = start_partnership(
        admin, slug="torbay-copy", name="Torbay (copy)", la_code="880", la_name="Torbay"
    )
    add_member(admin, fresh, admin, "administrator")
    client = client_as("administrator")
    exported = client.get("/p/torbay/export.xlsx").content
    handle = io.BytesIO(exported)
    handle.name = "torbay.xlsx"
    preview = client.post("/p/torbay-copy/import/", {"file": handle})
    assert preview.status_code == 200, main_text(preview.content.decode())
    assert client.post("/p/torbay-copy/import/", {"confirm": "yes"}).status_code == 302
    before, after = export.records_of(torbay), export.records_of(fresh)
    for sheet in [*TABLES, "Actions", "Figures"]:
        assert after[sheet] == before[sheet], sheet
    assert len(after["Actions"]) > 100 and len(after["Indicators"]) > 50
