"""The pages, as each persona meets them: an agency lead completes and submits their return
in the browser's forms; another agency and another partnership cannot reach it; a draft is
the agency's and the reviewers' alone; the results are for readers, by organisation for all
but contributors."""

from __future__ import annotations

import pytest

from assure.assessments.models import Return
from tests.factories import signed_in

from .conftest import rate, submit


def test_an_agency_lead_saves_a_draft_then_checks_and_submits(agencies, return_of, url):
    alpha = agencies[0]
    assessment = return_of(alpha)
    client = signed_in(alpha.member)
    form = client.get(url(f"returns/{assessment.pk}/edit/"))
    assert form.status_code == 200
    assert "1.1 A named lead" in form.content.decode()

    ratings = {r.standard.number: r for r in assessment.ratings.select_related("standard")}
    levels = {lv.label: lv.pk for lv in assessment.round.framework.levels.all()}
    data = {f"level_{ratings['1.1'].standard_id}": levels["Met"], "summary": "", "draft": ""}
    saved = client.post(url(f"returns/{assessment.pk}/edit/"), data)
    assert saved.status_code == 302
    assert return_of(alpha).status == Return.Status.DRAFT

    refused = client.post(
        url(f"returns/{assessment.pk}/submit/"),
        {"signed_off_by": "Chief Executive", "signed_off_role": "CEO", "confirm": "on"},
    )
    assert refused.status_code == 400
    assert "Rate standard 1.2." in refused.content.decode()

    data |= {
        f"level_{ratings['1.2'].standard_id}": levels["Met"],
        f"level_{ratings['2.1'].standard_id}": levels["Partly met"],
        f"actions_{ratings['2.1'].standard_id}": "Train the new starters by June",
        f"links_{ratings['2.1'].standard_id}": "https://intranet.example/training",
        "check": "",
    }
    checked = client.post(url(f"returns/{assessment.pk}/edit/"), data)
    assert checked.url.endswith(f"returns/{assessment.pk}/submit/")
    done = client.post(
        checked.url,
        {"signed_off_by": "Chief Executive", "signed_off_role": "CEO", "confirm": "on"},
    )
    assert done.status_code == 302
    assert return_of(alpha).is_submitted
    locked = client.get(url(f"returns/{assessment.pk}/edit/"), follow=True)
    assert "locked" in locked.content.decode()


def test_a_bad_link_comes_back_on_the_form_with_an_error_summary(agencies, return_of, url):
    alpha = agencies[0]
    assessment = return_of(alpha)
    rating = assessment.ratings.select_related("standard").get(standard__number="1.1")
    response = signed_in(alpha.member).post(
        url(f"returns/{assessment.pk}/edit/"),
        {f"links_{rating.standard_id}": "the shared drive", "draft": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and "is not a web address" in body


def test_another_agency_and_another_partnership_cannot_reach_a_return(
    agencies, return_of, outsider, url
):
    alpha, beta = agencies[0], agencies[1]
    draft = rate(beta, return_of(beta), {"1.1": "Met"})
    for tail in ("", "edit/", "report.pdf"):
        assert signed_in(alpha.member).get(url(f"returns/{draft.pk}/{tail}")).status_code == 404
    theirs = f"/p/{outsider.partnership.slug}/self-assessments/returns/{draft.pk}/"
    assert signed_in(outsider).get(theirs).status_code == 404
    assert signed_in(outsider).get(url(f"returns/{draft.pk}/")).status_code == 404
    assert signed_in(beta.member).get(url(f"returns/{draft.pk}/")).status_code == 200


def test_a_draft_is_the_agency_and_reviewers_alone_a_submission_is_read_by_all(
    agencies, return_of, board, auditor, url
):
    alpha = agencies[0]
    draft = rate(alpha, return_of(alpha), {"1.1": "Met", "1.2": "Met", "2.1": "Met"})
    assert signed_in(board).get(url(f"returns/{draft.pk}/")).status_code == 404
    assert signed_in(auditor).get(url(f"returns/{draft.pk}/")).status_code == 200
    submit(alpha, draft)
    assert signed_in(board).get(url(f"returns/{draft.pk}/")).status_code == 200
    edit = signed_in(board).get(url(f"returns/{draft.pk}/edit/"))
    assert edit.status_code == 403


def test_round_results_are_read_by_all_and_by_organisation_by_all_but_contributors(
    sent, agencies, return_of, board, outsider, url
):
    alpha = agencies[0]
    submit(alpha, rate(alpha, return_of(alpha), {"1.1": "Met", "1.2": "Not met", "2.1": "N/A"}))
    read = signed_in(board).get(url(f"rounds/{sent.pk}/")).content.decode()
    assert 'id="heat-map"' in read and "Alpha Trust" in read
    contributor = signed_in(agencies[1].member).get(url(f"rounds/{sent.pk}/"))
    assert contributor.status_code == 200
    assert 'id="heat-map"' not in contributor.content.decode()
    assert "Alpha Trust" not in contributor.content.decode()
    export = signed_in(agencies[1].member).get(url(f"rounds/{sent.pk}/results.xlsx"))
    assert export.status_code == 403
    # One return in: its counts by standard would be Alpha's ratings, so they are not shown.
    assert "once three organisations have returned" in contributor.content.decode()
    assert "once three organisations have returned" not in read
    assert signed_in(outsider).get(url(f"rounds/{sent.pk}/")).status_code == 404


@pytest.mark.parametrize(
    ("kind", "starts"),
    [("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")],
)
def test_results_and_an_organisations_report_download_in_each_format(
    sent, agencies, return_of, manager, url, kind, starts
):
    alpha = agencies[0]
    done = submit(alpha, rate(alpha, return_of(alpha), {"1.1": "Met", "1.2": "Met", "2.1": "Met"}))
    results = signed_in(manager).get(url(f"rounds/{sent.pk}/results.{kind}"))
    assert results.status_code == 200 and results.content.startswith(starts)
    report = signed_in(manager).get(url(f"returns/{done.pk}/report.{kind}"))
    assert report.status_code == 200 and report.content.startswith(starts)


def test_only_reviewers_send_rounds_and_a_bad_round_is_refused_on_the_form(
    framework, board, auditor, agencies, url
):
    assert signed_in(board).get(url("rounds/new/")).status_code == 403
    response = signed_in(auditor).post(
        url("rounds/new/"),
        {
            "framework": framework.pk,
            "title": "S11 next",
            "opens_on": "2025-05-01",
            "due_on": "2025-04-01",
            "organisations": [agencies[0].organisation.pk],
        },
    )
    assert response.status_code == 400
    assert "The returns must be due after the round is sent." in response.content.decode()


def test_the_list_and_my_returns_pages(agencies, sent, board, url):
    listing = signed_in(board).get(url(""))
    assert listing.status_code == 200 and "Tiny S11 2024/25" in listing.content.decode()
    mine = signed_in(agencies[0].member).get(url("mine/")).content.decode()
    assert "Tiny S11 2024/25" in mine and "Returns asked of Alpha Trust" in mine
