"""The business manager brings a plan's table in: downloads the template, fills it (the
test fills it, as the manager would in Excel), uploads it, reads the preview, confirms, and
finds the actions on the plan."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from .test_journeys import NEW_PLAN

pytestmark = pytest.mark.browser


def test_the_manager_imports_a_plan_table_from_the_template(visit, tmp_path):
    manager = visit("manager")
    manager.follow("Plans")
    manager.follow("Add a plan")
    manager.fill_in(
        {
            "Title": NEW_PLAN,
            "Kind": "Business plan",
            "Rag scheme": "Three-level RAG (red, amber, green)",
            "Starts": "2026-04-01",
            "Ends": "2027-03-31",
            "Reporting period": "2026-Q1",
        }
    )
    manager.submit()
    manager.follow("Import a plan table")
    assert manager.heading() == "Import a plan table"

    with manager.page.expect_download() as download:
        manager.page.get_by_role("link", name="plan table template (Excel)").click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)
    book["Plan"].append(
        [
            "P1",
            "Children are safe from exploitation",
            "",
            "",
            "1.1",
            "Map the county lines that reach Torbay",
            "Devon and Cornwall Police",
            "Quarterly",
        ]
    )
    book["Plan"].append(
        [
            "P1",
            "",
            "",
            "",
            "1.2",
            "Train taxi drivers to spot exploitation",
            "Children and Young People Exploitation Sub-Group (MET Subgroup)",
            "March 2027",
        ]
    )
    book.save(template)

    manager.page.get_by_label("The plan table").set_input_files(template)
    manager.submit("Check the table")
    assert "Check what will change" in manager.text()
    assert "Map the county lines that reach Torbay" in manager.text()
    manager.shot("import-preview")
    manager.submit("Confirm and import")
    assert manager.heading() == NEW_PLAN
    assert "2 actions new, 0 changed; 1 objective new, 0 changed; 1 theme new" in manager.banner()
    assert "Train taxi drivers to spot exploitation" in manager.text()
