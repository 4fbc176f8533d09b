"""The learning themes across the partnership: counted by year and source, a theme that
comes back marked, and read only by those who read audit figures. Each test builds its own
themes and dip samples on a partnership of its own."""

import datetime as dt
import io

import pytest
from docx import Document

from assure.audits import learning
from assure.audits.models import LearningTheme
from assure.core.models import Partnership
from assure.reports.learning.model import learning_report
from tests.factories import LearningThemeFactory, MemberFactory, PartnershipFactory, signed_in


def theme(partnership: Partnership, name: str) -> LearningTheme:
    return LearningThemeFactory(partnership=partnership, name=name)


def found_in_dip(partnership: Partnership, on: dt.date, *themes: LearningTheme) -> None:
    dip = learning.save_dip_sample(
        None, partnership, None, title=f"Dip {on}", topic="Neglect", carried_out_on=on
    )
    for found in themes:
        learning.add_finding(None, dip, kind="development", text="Seen", theme=found)


def test_themes_are_counted_by_financial_year_and_one_found_twice_comes_back(partnership):
    twice, once = theme(partnership, "Drift and delay"), theme(partnership, "Voice of the child")
    found_in_dip(partnership, dt.date(2021, 3, 31), twice, once)  # 2020/21
    found_in_dip(partnership, dt.date(2021, 4, 1), twice)  # 2021/22
    theme(partnership, "Never found")
    report = learning_report(partnership)
    assert report.year_labels == ["2020/21", "2021/22"]
    rows = {row.theme: row for row in report.rows}
    assert rows["Drift and delay"].by_year == [1, 1]
    assert rows["Drift and delay"].comes_back
    assert rows["Voice of the child"].by_year == [1, 0]
    assert not rows["Voice of the child"].comes_back
    assert rows["Never found"].total == 0
    assert report.rows[0].theme == "Drift and delay"  # what comes back is read first
    assert [row.theme for row in report.not_taught] == ["Drift and delay"]


def test_another_partnerships_findings_are_not_counted(partnership):
    theme(partnership, "Drift and delay")
    other = PartnershipFactory()
    found_in_dip(other, dt.date(2021, 3, 31), theme(other, "Drift and delay"))
    assert learning_report(other).rows[0].total == 1
    report = learning_report(partnership)
    assert report.years == [] and report.rows[0].total == 0


def test_the_page_and_its_word_file_show_the_themes(partnership, signed_in_as, home):
    twice, once = theme(partnership, "Drift and delay"), theme(partnership, "Voice of the child")
    found_in_dip(partnership, dt.date(2021, 3, 31), twice, once)
    found_in_dip(partnership, dt.date(2021, 4, 1), twice)
    page = signed_in_as("board").get(f"{home}reports/learning/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Drift and delay" in body and "Voice of the child" in body
    assert "comes back" in body.lower()
    word = signed_in_as("board").get(f"{home}reports/learning.docx")
    text = "\n".join(
        c.text for t in Document(io.BytesIO(word.content)).tables for r in t.rows for c in r.cells
    )
    assert "Drift and delay" in text and "Voice of the child" in text


@pytest.mark.parametrize(("persona", "status"), [("owner", 403), ("outsider", 404)])
def test_those_who_do_not_read_audit_figures_cannot_open_it(signed_in_as, home, persona, status):
    if persona == "outsider":  # the business manager of another partnership
        browser = signed_in(MemberFactory(partnership=PartnershipFactory()))
    else:
        browser = signed_in_as(persona)
    assert browser.get(f"{home}reports/learning/").status_code == status
    assert browser.get(f"{home}reports/learning.xlsx").status_code == status
