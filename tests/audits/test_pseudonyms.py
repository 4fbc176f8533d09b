"""Cases and children are known by a keyed pseudonym; the identifier is never stored; a
caseload file with a bad row loads nothing and names every problem."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assure.audits import pseudonyms
from assure.audits.arrangements import CaseloadError, load_caseload
from assure.audits.models import Case
from assure.core.models import ChangeRecord

from .factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cla_team(partnership):
    """The team of children cared for, which caseload files name."""
    return TeamFactory(partnership=partnership, name="CLA Team")


def test_a_pseudonym_is_keyed_stable_and_local(monkeypatch):
    monkeypatch.setenv("ASSURE_PSEUDONYM_KEY", "first key")
    first = pseudonyms.pseudonym("880", "AB123")
    assert first == pseudonyms.pseudonym("880", " ab123 ")  # the same case, however typed
    assert len(first) == 14 and first.count("-") == 2
    assert pseudonyms.pseudonym("808", "AB123") != first  # another authority, another name
    monkeypatch.setenv("ASSURE_PSEUDONYM_KEY", "second key")
    assert pseudonyms.pseudonym("880", "AB123") != first  # without the key, no way back


def test_without_the_variable_a_key_is_kept_in_var(monkeypatch, settings, tmp_path):
    monkeypatch.delenv("ASSURE_PSEUDONYM_KEY", raising=False)
    settings.VAR_DIR = tmp_path
    first = pseudonyms.pseudonym("880", "AB123")
    assert (tmp_path / "pseudonym_key").stat().st_mode & 0o777 == 0o600
    assert pseudonyms.pseudonym("880", "AB123") == first


def test_the_caseload_is_pseudonymised_as_it_loads(partnership, cla_team):
    data = (
        b"case_id,team,category,themes\n"
        b"RAW-77,CLA Team,Cared for child,neglect; missing\n"
        b"RAW-78,,child_in_need,\n"
    )
    loaded = load_caseload(None, partnership, data, "caseload.csv")
    assert (loaded.added, loaded.updated) == (2, 0)
    case = Case.objects.get(
        partnership=partnership, pseudonym=pseudonyms.pseudonym("880", "RAW-77")
    )
    assert case.team.name == "CLA Team" and {t.name for t in case.themes.all()} == {
        "neglect",
        "missing",
    }
    stored = " ".join(
        str(v)
        for v in Case.objects.filter(partnership=partnership).values_list("pseudonym", flat=True)
    )
    logged = " ".join(
        str(c.before) + str(c.after) + c.summary
        for c in ChangeRecord.objects.filter(partnership=partnership)
    )
    assert "RAW-77" not in stored and "RAW-77" not in logged


def test_a_bad_caseload_loads_nothing_and_names_each_problem(partnership, cla_team):
    data = (
        b"case_id,team,category\n"
        b"OK-1,CLA Team,cared_for\n"
        b",CLA Team,cared_for\n"
        b"OK-2,Nowhere,cared_for\n"
        b"OK-1,CLA Team,dragons\n"
    )
    with pytest.raises(CaseloadError) as error:
        load_caseload(None, partnership, data, "caseload.csv")
    problems = error.value.problems
    assert "caseload.csv, row 3, column case_id: empty" in problems[0]
    assert any("row 4, column team: no team called 'Nowhere'" in p for p in problems)
    assert any("row 5, column case_id: the same case as row 2" in p for p in problems)
    assert any("row 5, column category: 'dragons' is not one of" in p for p in problems)
    assert not Case.objects.filter(partnership=partnership).exists()


def test_the_upload_page_lists_the_problems(signed_in_as, partnership):
    upload = SimpleUploadedFile("cases.csv", b"id,name\n1,x\n", content_type="text/csv")
    response = signed_in_as("auditor").post(
        reverse("audit-caseload", args=[partnership.slug]), {"file": upload}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "cases.csv: the first row must name the columns case_id, team, category, themes" in page


def test_a_case_added_through_the_web_is_shown_only_by_its_pseudonym(signed_in_as, partnership):
    client = signed_in_as("auditor")
    response = client.post(
        reverse("audit-case-new", args=[partnership.slug]),
        {"identifier": "WEB-9", "category": "child_protection", "themes": "neglect; exploitation"},
    )
    assert response.status_code == 302
    case = Case.objects.get(partnership=partnership, pseudonym=pseudonyms.pseudonym("880", "WEB-9"))
    assert {t.name for t in case.themes.all()} == {"neglect", "exploitation"}
    page = client.get(reverse("audit-cases", args=[partnership.slug])).content.decode()
    assert case.pseudonym in page and "WEB-9" not in page


def test_a_whole_councils_caseload_loads_in_a_few_queries_and_again_updates_it(
    partnership, cla_team, django_assert_max_num_queries
):
    rows = [f"BIG-{n},CLA Team,cared_for,{'neglect' if n % 2 else 'missing'}" for n in range(5000)]
    data = ("case_id,team,category,themes\n" + "\n".join(rows)).encode()
    # five batches of a thousand (a county has four times as many cases, a town fewer)
    with django_assert_max_num_queries(75):  # about ten a thousand rows, not five a row
        loaded = load_caseload(None, partnership, data, "caseload.csv")
    assert (loaded.added, loaded.updated) == (5000, 0)
    again = data.replace(b",neglect", b",domestic abuse")
    with django_assert_max_num_queries(75):
        loaded = load_caseload(None, partnership, again, "caseload.csv")
    assert (loaded.added, loaded.updated) == (0, 5000)
    case = Case.objects.get(partnership=partnership, pseudonym=pseudonyms.pseudonym("880", "BIG-1"))
    assert [t.name for t in case.themes.all()] == ["domestic abuse"]


def test_a_caseload_past_the_limit_is_refused_saying_why(partnership, monkeypatch):
    from assure.audits import caseload

    monkeypatch.setattr(caseload, "MAX_CASES", 3)
    data = b"case_id,team,category\n" + b"".join(f"C-{n},,cared_for\n".encode() for n in range(4))
    with pytest.raises(CaseloadError) as error:
        load_caseload(None, partnership, data, "caseload.csv")
    assert "more than 3 cases" in error.value.problems[0]
