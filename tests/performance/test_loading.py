"""Loading figures and benchmarks from CSV and Excel files: all rows or none, a report that
names the file, row, column and problem, and corrections that keep the earlier figure. The
files name measures of seed 004, which each test's partnership holds (`measures`)."""

import datetime as dt
import io
import time
import tracemalloc
import zipfile
from decimal import Decimal as D

import pytest
from openpyxl import Workbook

from assure.core.models import ChangeRecord
from assure.performance import services
from assure.performance.models import Benchmark, FileLoad, Indicator, Observation
from tests.factories import MemberFactory
from tests.performance.factories import BenchmarkFactory, FigureFactory, IndicatorFactory

TODAY = dt.date(2026, 1, 15)
HEADINGS = "indicator,period,value,numerator,denominator,status,note\n"


@pytest.fixture
def measures(partnership):
    """A partnership holding the measures the files name: 2.21 with its May 2021 figure
    (100%, provisional) and England's 2019/20 benchmark (77.6%), 1.1, 1.4, 1.8e and 2.32b."""
    icpcs = IndicatorFactory(partnership=partnership, reference="2.21")
    FigureFactory(indicator=icpcs, period="2021-05", value=D(100), status="provisional")
    BenchmarkFactory(indicator=icpcs, financial_year=2019, kind="england", value=D("77.6"))
    IndicatorFactory(partnership=partnership, reference="1.1", decimals=1, polarity="lower")
    IndicatorFactory(partnership=partnership, reference="1.4", unit="count", polarity="none")
    IndicatorFactory(partnership=partnership, reference="1.8e", unit="count", polarity="none")
    IndicatorFactory(partnership=partnership, reference="2.32b", year_to_date="ratio")


@pytest.fixture
def analyst(people):
    return people("analyst").user


def load(user, partnership, text, name="figures.csv"):
    return services.load_observations(user, partnership, name, text.encode(), today=TODAY)


def figure(partnership, reference, code):
    indicator = Indicator.objects.get(partnership=partnership, reference=reference)
    return indicator.observations.filter(
        span="month" if "-" in code else "year", period_end__startswith=code
    ).first()


def counts():
    return (Observation.objects.count(), FileLoad.objects.count(), ChangeRecord.objects.count())


def test_a_good_file_loads_every_row_and_is_recorded(partnership, measures, analyst):
    outcome = load(
        analyst,
        partnership,
        HEADINGS + "2.21,2021-06,92,11,12,provisional,\n"
        "1.1,2021-06,12.5%,,,final,\n"
        "2.32b,2021-06,,1,4,,\n",
    )
    assert outcome.problems == []
    assert (outcome.rows, outcome.changed) == (3, 3)
    june = figure(partnership, "2.21", "2021-06")
    assert (june.value, june.numerator, june.denominator) == (D(92), D(11), D(12))
    assert (june.source, june.source_detail) == ("file", "figures.csv, row 2")
    assert june.entered_by == analyst and june.load == outcome.load
    assert figure(partnership, "2.32b", "2021-06").value == D(25)  # worked out: 1 of 4
    assert figure(partnership, "2.32b", "2021-06").status == "provisional"  # the default
    assert outcome.load.sha256 and outcome.load.file_name == "figures.csv"


def test_a_file_with_a_bad_row_changes_nothing_and_says_which_row_and_why(
    partnership, measures, analyst
):
    before = counts()
    may = figure(partnership, "2.21", "2021-05").value
    outcome = load(
        analyst,
        partnership,
        HEADINGS + "2.21,2021-05,95,,,final,\n"  # row 2: fine on its own
        "2.21,2021-06,abc,,,,\n"  # row 3: not a number
        "9.99,2021-06,5,,,,\n"  # row 4: no such indicator
        "1.1,2021-06,140,,,,\n"  # row 5: not a percentage
        "1.4,2021-06,3,,,maybe,\n",  # row 6: not a status
        name="june.csv",
    )
    assert not outcome.loaded
    assert [str(p) for p in outcome.problems] == [
        "june.csv, row 3, column 'value': 'abc' is not a number: give a number, or leave it empty",
        "june.csv, row 4, column 'indicator': There is no indicator '9.99' in this partnership",
        "june.csv, row 5, column 'value': A percentage cannot be above 100, not 140",
        "june.csv, row 6, column 'status': 'maybe' is not a status: write provisional or final",
    ]
    assert counts() == before
    assert figure(partnership, "2.21", "2021-05").value == may  # row 2 was not applied


def test_the_same_period_twice_is_a_problem(partnership, measures, analyst):
    outcome = load(analyst, partnership, HEADINGS + "2.21,2021-06,92,,,,\n2.21,2021-06,93,,,,\n")
    assert [(p.row, p.message) for p in outcome.problems] == [
        (3, "Row 2 already gives a figure for the same indicator and period")
    ]


def test_unknown_and_missing_columns_are_reported_before_any_row(partnership, measures, analyst):
    outcome = load(analyst, partnership, "indicator,perod,vaule\n2.21,2021-06,92\n")
    assert [(p.row, p.column, p.message.split(":")[0]) for p in outcome.problems] == [
        (1, "perod", "Unknown column"),
        (1, "vaule", "Unknown column"),
        (1, "period", "This column is missing"),
    ]


def test_a_cell_saying_there_is_no_figure_is_kept_as_missing_not_zero(
    partnership, measures, analyst
):
    outcome = load(analyst, partnership, HEADINGS + "1.8e,2021-06,not available for June,,,,\n")
    assert outcome.loaded
    june = figure(partnership, "1.8e", "2021-06")
    assert (june.value, june.quality_note) == (None, "not available for June")


def test_an_empty_figure_needs_a_reason(partnership, measures, analyst):
    outcome = load(analyst, partnership, HEADINGS + "1.8e,2021-06,,,,,\n")
    assert [(p.row, p.column) for p in outcome.problems] == [(2, "value")]


def test_a_period_not_yet_begun_is_refused(partnership, measures, analyst):
    outcome = load(analyst, partnership, HEADINGS + "2.21,2026-02,92,,,,\n")
    assert [(p.row, p.column, p.message) for p in outcome.problems] == [
        (2, "period", "Feb 26 has not begun yet")
    ]


def test_loading_a_new_figure_for_a_period_corrects_it_and_keeps_the_earlier_one(
    partnership, measures, analyst
):
    outcome = load(
        analyst, partnership, HEADINGS + "2.21,2021-05,95,,,final,Rechecked\n", "fix.csv"
    )
    assert (outcome.loaded, outcome.changed) == (True, 1)
    may = figure(partnership, "2.21", "2021-05")
    assert (may.value, may.status, may.quality_note) == (D(95), "final", "Rechecked")
    earlier = may.revisions.get()
    assert (earlier.value, earlier.status, earlier.reason) == (
        D(100),
        "provisional",
        "Loaded from fix.csv",
    )
    again = load(analyst, partnership, HEADINGS + "2.21,2021-05,95,,,final,Rechecked\n", "fix.csv")
    assert (again.loaded, again.changed) == (True, 0)
    assert may.revisions.count() == 1


def excel(rows, percent_cells=()):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cell in percent_cells:
        sheet[cell].number_format = "0%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_excel_workbook_loads_like_a_csv(partnership, measures, analyst):
    content = excel(
        [
            ["Indicator", "Period", "Value"],
            ["2.21", "2021-06", 0.92],
            ["1.4", dt.datetime(2021, 6, 1), 31],
        ],
        percent_cells=["C2"],
    )
    outcome = services.load_observations(analyst, partnership, "june.xlsx", content, today=TODAY)
    assert outcome.problems == []
    assert figure(partnership, "2.21", "2021-06").value == D(92)  # 0.92 shown as 92%
    assert figure(partnership, "1.4", "2021-06").value == D(31)  # a date cell is its month


def test_an_excel_workbook_with_a_bad_row_names_it(partnership, measures, analyst):
    content = excel(
        [["indicator", "period", "value"], ["2.21", "2021-06", 92], ["2.21", "June", 1]]
    )
    outcome = services.load_observations(analyst, partnership, "june.xlsx", content, today=TODAY)
    assert [(p.file, p.row, p.column) for p in outcome.problems] == [("june.xlsx", 3, "period")]
    assert figure(partnership, "2.21", "2021-06") is None


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("figures.xlsx", b"not a workbook", "cannot be opened as an Excel workbook"),
        ("figures.pdf", b"%PDF", "Choose a .csv or .xlsx"),
        ("figures.csv", b"", "The first row must hold the column headings"),
        ("figures.csv", HEADINGS.encode(), "The file has no rows of figures"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(
    partnership, measures, analyst, name, content, message
):
    outcome = services.load_observations(analyst, partnership, name, content, today=TODAY)
    assert message in str(outcome.problems[0]) and not outcome.loaded


def test_another_partnerships_references_are_not_found(measures):
    outsider = MemberFactory()  # the business manager of another partnership
    outcome = load(outsider.user, outsider.partnership, HEADINGS + "2.21,2021-06,92,,,,\n")
    assert outcome.problems[0].message == "There is no indicator '2.21' in this partnership"


BENCHMARK_HEADINGS = "indicator,year,kind,label,value,source,note\n"


def test_benchmarks_load_and_replace_the_same_benchmark(partnership, measures, analyst):
    outcome = services.load_benchmarks(
        analyst,
        partnership,
        "lait.csv",
        (
            BENCHMARK_HEADINGS + "2.21,2019/20,england,,77.9,DfE,revised\n"
            "2.21,2020/21,authority,Plymouth,81,,\n"
            "2.21,2020/21,region,South West,79.5,,\n"
        ).encode(),
    )
    assert (outcome.problems, outcome.changed) == ([], 3)
    england = Benchmark.objects.get(
        indicator__partnership=partnership,
        indicator__reference="2.21",
        kind="england",
        financial_year=2019,
    )
    assert (england.value, england.note) == (D("77.9"), "revised")
    plymouth = Benchmark.objects.get(kind="authority", label="Plymouth")
    assert (plymouth.source, plymouth.financial_year) == ("lait.csv", 2020)


def test_a_bad_benchmark_row_changes_nothing(partnership, measures, analyst):
    before = Benchmark.objects.count()
    outcome = services.load_benchmarks(
        analyst,
        partnership,
        "lait.csv",
        (
            BENCHMARK_HEADINGS + "2.21,2020/21,england,,80,,\n"
            "2.21,2020/21,authority,,81,,\n"
            "2.21,2020-22,county,,81,,\n"
        ).encode(),
    )
    assert [(p.row, p.column) for p in outcome.problems] == [(3, "label"), (4, "year")]
    assert Benchmark.objects.count() == before


def bomb(parts: int = 1) -> bytes:
    """A workbook of about a megabyte that unpacks to a gigabyte."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for n in range(parts):
            with archive.open(f"xl/worksheets/sheet{n + 1}.xml", "w", force_zip64=True) as sheet:
                for _ in range(1024 // parts):
                    sheet.write(b"<c/>" * (1 << 18))
    return packed.getvalue()


def test_a_workbook_that_unpacks_to_a_gigabyte_is_refused_at_once(partnership, measures, analyst):
    content = bomb()
    tracemalloc.start()
    started = time.process_time()
    outcome = services.load_observations(analyst, partnership, "bomb.xlsx", content, today=TODAY)
    seconds = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "unpacks to more than 100 times its size" in outcome.problems[0].message
    assert not outcome.loaded
    print(f"bomb refused in {seconds:.2f} s of processor time, peak {peak / 1e6:.0f} MB")
    assert peak < 64e6  # the bomb itself is a megabyte; nothing near a gigabyte is held


def test_an_annex_a_workbook_that_unpacks_too_far_is_refused_by_name(tmp_path):
    from analytics.formats import annex_a, workbooks

    path = tmp_path / "annex_a.xlsx"
    path.write_bytes(bomb())
    tables, problems = annex_a.read_workbook(path, "annex_a.xlsx")
    assert tables == [] and problems[0].rule == "file.too_large"
    assert "unpacks to more than 100 times its size" in problems[0].message
    real = io.BytesIO(excel([["indicator", "period", "value"], ["2.21", "2021-06", 92]]))
    workbooks.check(real)  # a real workbook passes; past the limit of the whole, it would not
    with pytest.raises(workbooks.WorkbookTooLarge, match="unpacks to more than 0 MB"):
        workbooks.check(real, max_unpacked=1000)


def test_an_annex_a_list_reaching_far_past_its_rows_is_refused_before_it_is_read(tmp_path):
    """One cell at row 200,001, column 501 would make calamine build 100 million cells."""
    import xlsxwriter

    from analytics.formats import annex_a

    path = tmp_path / "annex_a.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("List 1")
    sheet.write_row(0, 0, ["Child Unique ID", "Gender"])
    sheet.write(200_000, 500, "x")
    book.close()
    tracemalloc.start()
    tables, problems = annex_a.read_workbook(path, "annex_a.xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert tables == [] and problems[0].rule == "file.too_large"
    assert "The sheet List 1 has a cell at row 200,001, column 501" in problems[0].message
    assert peak < 64e6


def test_a_sheet_of_too_many_rows_is_refused_once_the_limit_is_passed(
    partnership, measures, analyst
):
    from assure.performance import files

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADINGS.strip().split(","))
    for _ in range(files.MAX_ROWS + 5):
        sheet.append(["2.21", "2021-05", 80])
    buffer = io.BytesIO()
    book.save(buffer)
    before = counts()
    outcome = services.load_observations(analyst, partnership, "many.xlsx", buffer.getvalue())
    assert outcome.problems[0].message == f"More than {files.MAX_ROWS} rows: split the file"
    assert counts() == before
