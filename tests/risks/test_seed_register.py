"""What the demo holds of seed 004's issue and risk register: its ten risks, their scores,
their places on the heat map, and the register's exports."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from assure.risks import queries
from assure.risks.models import Risk

pytestmark = pytest.mark.usefixtures("demo")


def test_the_demo_holds_the_ten_risks_of_the_highlight_report(torbay):
    risks = {r.reference: r for r in Risk.objects.filter(partnership=torbay)}
    assert sorted(risks, key=int) == [str(n) for n in range(1, 11)]
    scores = {ref: risk.score for ref, risk in risks.items()}
    assert scores == {
        "1": 20, "2": 16, "3": 16, "4": 15, "5": 25,
        "6": 12, "7": 4, "8": 12, "9": 12, "10": 12,
    }  # fmt: skip
    assert {r.owner_person.name for r in risks.values()} == {"Director of Children's Services"}
    assert risks["5"].description.startswith("If the pace of progress")
    assert risks["9"].raised_on == dt.date(2020, 10, 1)


def test_the_heat_map_places_each_of_004s_risks_in_its_cell(torbay):
    heat = queries.heat_map(torbay)
    refs = lambda p, i: sorted(r.reference for r in heat.cell(p, i).risks)  # noqa: E731
    assert refs(5, 5) == ["5"]
    assert refs(4, 5) == ["1"]
    assert refs(4, 4) == ["2", "3"]
    assert refs(3, 5) == ["4"]
    assert refs(3, 4) == ["10", "6", "8", "9"]
    assert refs(2, 2) == ["7"]


def test_the_register_exports_004s_rows_to_word_and_excel(client_as):
    word = client_as("board").get(reverse("risks-export", args=["torbay", "docx"]))
    table = Document(io.BytesIO(word.content)).tables[0]
    header = [c.text for c in table.rows[0].cells]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert len(rows) == 10
    assert rows["5"][2].startswith("If the pace of progress")
    assert rows["1"][header.index("Owner")].startswith("Director of Children's Services")
    excel = client_as("manager").get(reverse("risks-export", args=["torbay", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(excel.content)).active
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(cells) if r[0] == "Ref")
    body = {r[0]: r for r in cells[header_at + 1 :]}
    assert body["10"][cells[header_at].index("Date Raised")] == "November 2020"
