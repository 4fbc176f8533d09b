"""Practice reviews and other sources of learning, their findings and recommendations (to
actions and evidence of impact), the learning themes, and the learning briefings: parse,
call, render."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from analytics.periods import financial_year_label, financial_year_of
from assure.audits.models import LearningTheme
from assure.core.access import TenantRequest, may, tenant_view
from assure.core.errors import DomainError
from assure.core.forms import form_data
from assure.documents.files import attachment
from assure.reviews import access, briefing, clocks, learning, practice, queries, recommendations
from assure.reviews.forms import (
    ActionForm,
    DelayForm,
    EvidenceForm,
    FindingForm,
    MilestoneDoneForm,
    MilestoneForm,
    PublishForm,
    RecommendForm,
    ReviewForm,
)
from assure.reviews.models import Finding, ImpactEvidence, Review
from assure.reviews.views.pages import base, form_page


def _review_url(request: TenantRequest, review: Review) -> str:
    return f"{base(request)}reviews/{review.pk}/"


def _recommendation_url(request: TenantRequest, pk: int) -> str:
    return f"{base(request)}recommendations/{pk}/"


@tenant_view(access.RUNNERS)
def review_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    review = queries.get_review(request.partnership, pk) if pk else None
    form = ReviewForm(form_data(request), instance=review, partnership=request.partnership)

    def write(data: dict) -> Review:
        return practice.save_review(request.user, request.partnership, review, **data)

    return form_page(
        request,
        form,
        write,
        title=f"Edit {review}" if review else "Record a review or other source of learning",
        back=_review_url(request, review) if review else base(request),
        done=lambda saved: _review_url(request, saved),
    )


@tenant_view(access.READERS)
def review_detail(request: TenantRequest, pk: int) -> HttpResponse:
    review = queries.get_review(request.partnership, pk)
    context = {
        "review": review,
        "expected": clocks.publication_expected(review) if review.is_ours else None,
        "milestones": list(review.milestones.all()),
        "delays": list(review.delays.all()),
        "findings": list(review.findings.prefetch_related("themes", "recommendations")),
        "may_run": may(request.membership, "run_case_reviews"),
        "today": dt.date.today(),
    }
    return render(request, "reviews/review.html", context)


def _review_form(
    request: TenantRequest, pk: int, form_class: type, write_with: object, title: str
) -> HttpResponse:
    review = queries.get_review(request.partnership, pk)
    return form_page(
        request,
        form_class(form_data(request)),
        lambda data: write_with(request.user, review, **data),  # type: ignore[operator]
        title=f"{title}: {review.reference}",
        back=_review_url(request, review),
        said=lambda _: f"Saved: {title.lower()}",
    )


@tenant_view(access.RUNNERS)
def milestone_new(request: TenantRequest, pk: int) -> HttpResponse:
    return _review_form(request, pk, MilestoneForm, practice.add_milestone, "Add a milestone")


@tenant_view(access.RUNNERS)
def delay_new(request: TenantRequest, pk: int) -> HttpResponse:
    return _review_form(request, pk, DelayForm, practice.record_delay, "Record a delay")


@tenant_view(access.RUNNERS)
def review_publish(request: TenantRequest, pk: int) -> HttpResponse:
    return _review_form(request, pk, PublishForm, practice.publish_review, "Publish the review")


@tenant_view(access.RUNNERS)
def milestone_done(request: TenantRequest, pk: int) -> HttpResponse:
    milestone = queries.get_milestone(request.partnership, pk)
    form = MilestoneDoneForm(form_data(request), initial={"done_on": dt.date.today()})
    return form_page(
        request,
        form,
        lambda data: practice.complete_milestone(request.user, milestone, **data),
        title=f"Mark done: {milestone}",
        back=_review_url(request, milestone.review),
    )


@tenant_view(access.RUNNERS)
def finding_new(request: TenantRequest, pk: int, of: str) -> HttpResponse:
    partnership = request.partnership
    review = queries.get_review(partnership, pk) if of == "review" else None
    incident = None if review else queries.get_incident(partnership, pk)
    if review is not None:
        back, reference = _review_url(request, review), review.reference
    else:
        assert incident is not None  # noqa: S101 (one or the other, by the URL)
        back, reference = f"{base(request)}incidents/{incident.pk}/", incident.reference
    form = FindingForm(form_data(request), partnership=partnership)

    def write(data: dict) -> Finding:
        return practice.add_finding(request.user, review=review, incident=incident, **data)

    return form_page(request, form, write, title=f"Add a finding: {reference}", back=back)


@tenant_view(access.RUNNERS)
def recommend(request: TenantRequest, pk: int) -> HttpResponse:
    finding = queries.get_finding(request.partnership, pk)
    form = RecommendForm(form_data(request), initial={"issued_on": dt.date.today()})
    return form_page(
        request,
        form,
        lambda data: recommendations.recommend(request.user, finding, **data),
        title="Make a recommendation",
        lede=finding.text,
        back=_review_url(request, finding.review) if finding.review else base(request),
        done=lambda saved: _recommendation_url(request, saved.pk),
    )


@tenant_view(access.READERS)
def recommendation_detail(request: TenantRequest, pk: int) -> HttpResponse:
    recommendation = queries.get_recommendation(request.partnership, pk)
    context = {
        "page": queries.recommendation_page(recommendation),
        "evidence": list(
            ImpactEvidence.objects.filter(recommendation=recommendation).select_related(
                "case_audit", "dip_sample", "indicator"
            )
        ),
        "may_run": may(request.membership, "run_case_reviews"),
    }
    return render(request, "reviews/recommendation.html", context)


@tenant_view(access.RUNNERS)
def recommendation_action(request: TenantRequest, pk: int) -> HttpResponse:
    recommendation = queries.get_recommendation(request.partnership, pk)
    form = ActionForm(form_data(request), partnership=request.partnership)
    return form_page(
        request,
        form,
        lambda data: recommendations.add_action(request.user, recommendation, **data),
        title=f"Add an action for recommendation {recommendation.reference}",
        lede=recommendation.text,
        back=_recommendation_url(request, pk),
        said=lambda action: f"Added action {action.code} to {action.plan}",
    )


@tenant_view(access.RUNNERS)
def recommendation_evidence(request: TenantRequest, pk: int) -> HttpResponse:
    recommendation = queries.get_recommendation(request.partnership, pk)
    form = EvidenceForm(form_data(request), partnership=request.partnership)
    return form_page(
        request,
        form,
        lambda data: recommendations.record_evidence(request.user, recommendation, **data),
        title=f"Record evidence of impact for {recommendation.reference}",
        lede=recommendation.text,
        back=_recommendation_url(request, pk),
        said=lambda _: "Recorded the evidence of impact",
    )


@require_POST
@tenant_view(access.RUNNERS)
def recommendation_close(request: TenantRequest, pk: int) -> HttpResponse:
    recommendation = queries.get_recommendation(request.partnership, pk)
    try:
        recommendations.close_recommendation(request.user, recommendation)
        messages.success(request, f"Recommendation {recommendation.reference} is met")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(_recommendation_url(request, pk))


@tenant_view(access.READERS)
def themes(request: TenantRequest) -> HttpResponse:
    partnership = request.partnership
    years_found = learning.theme_years(partnership)
    this_year = financial_year_of(dt.date.today())
    first = min((y for c in years_found.values() for y in c), default=this_year)
    years = list(range(max(first, this_year - 5), this_year + 1))
    rows = [
        (theme, [years_found.get(theme.pk, Counter())[y] for y in years])
        for theme in LearningTheme.objects.filter(partnership=partnership).prefetch_related(
            "priorities__plan"
        )
    ]
    rows.sort(key=lambda row: (-sum(row[1]), row[0].name))
    context = {"rows": rows, "years": [financial_year_label(y) for y in years]}
    return render(request, "reviews/themes.html", context)


@tenant_view(access.READERS)
def review_briefing(request: TenantRequest, pk: int, kind: str) -> HttpResponse:
    review = queries.get_review(request.partnership, pk)
    return _briefing(briefing.review_briefing(review), kind, f"briefing-{review.reference}")


@tenant_view(access.READERS)
def theme_briefing(request: TenantRequest, pk: int, kind: str) -> HttpResponse:
    theme = LearningTheme.objects.filter(partnership=request.partnership, pk=pk).first()
    if theme is None:
        raise Http404("No such learning theme")
    return _briefing(briefing.theme_briefing(theme), kind, f"briefing-theme-{theme.pk}")


def _briefing(document: briefing.Briefing, kind: str, name: str) -> HttpResponse:
    body, mime = briefing.render(document, kind)
    return attachment(body, mime, f"{name}.{kind}")
