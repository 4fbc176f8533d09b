"""The learning themes across the partnership: counted by year and source, a theme that
comes back marked, and read only by those who read audit figures."""

import datetime as dt
import io

import pytest
from docx import Document

from assure.audits import learning
from assure.audits.models import LearningTheme
from assure.core.models import Partnership
from assure.reports.learning.model import learning_report


def theme(partnership: Partnership, name: str) -> LearningTheme:
    return learning.save_theme(None, partnership, None, name=name, description="", priorities=[])


def found_in_dip(partnership: Partnership, on: dt.date, *themes: LearningTheme) -> None:
    dip = learning.save_dip_sample(
        None, partnership, None, title=f"Dip {on}", topic="Neglect", carried_out_on=on
    )
    for found in themes:
        learning.add_finding(None, dip, kind="development", text="Seen", theme=found)


@pytest.fixture
def fresh(db) -> Partnership:
    """A partnership with no audits, so every count is the test's own."""
    return Partnership.objects.create(slug="fresh", name="Fresh", la_code="999", la_name="Fresh")


def test_themes_are_counted_by_financial_year_and_one_found_twice_comes_back(fresh):
    twice, once = theme(fresh, "Drift and delay"), theme(fresh, "Voice of the child")
    found_in_dip(fresh, dt.date(2021, 3, 31), twice, once)  # 2020/21
    found_in_dip(fresh, dt.date(2021, 4, 1), twice)  # 2021/22
    theme(fresh, "Never found")
    report = learning_report(fresh)
    assert report.year_labels == ["2020/21", "2021/22"]
    rows = {row.theme: row for row in report.rows}
    assert rows["Drift and delay"].by_year == [1, 1]
    assert rows["Drift and delay"].comes_back
    assert rows["Voice of the child"].by_year == [1, 0]
    assert not rows["Voice of the child"].comes_back
    assert rows["Never found"].total == 0
    assert report.rows[0].theme == "Drift and delay"  # what comes back is read first
    assert [row.theme for row in report.not_taught] == ["Drift and delay"]


def test_another_partnerships_findings_are_not_counted(fresh, stockton):
    theme(fresh, "Drift and delay")
    elsewhere = theme(stockton, "Drift and delay")
    found_in_dip(stockton, dt.date(2021, 3, 31), elsewhere)
    report = learning_report(fresh)
    assert report.years == [] and report.rows[0].total == 0


def test_the_page_and_its_word_file_show_the_torbay_themes(client_as, torbay):
    report = learning_report(torbay)
    assert report.rows, "the demo's audits find learning themes"
    page = client_as("board").get("/p/torbay/reports/learning/")
    assert page.status_code == 200
    body = page.content.decode()
    assert report.rows[0].theme in body and "comes back" in body.lower()
    word = client_as("board").get("/p/torbay/reports/learning.docx")
    text = "\n".join(
        c.text for t in Document(io.BytesIO(word.content)).tables for r in t.rows for c in r.cells
    )
    assert report.rows[0].theme in text


@pytest.mark.parametrize(("persona", "status"), [("owner", 403), ("outsider", 404)])
def test_those_who_do_not_read_audit_figures_cannot_open_it(client_as, persona, status):
    assert client_as(persona).get("/p/torbay/reports/learning/").status_code == status
    assert client_as(persona).get("/p/torbay/reports/learning.xlsx").status_code == status
