from django.urls import path, re_path

from assure.reviews.views import incidents, learning

R = "case-reviews/"

urlpatterns = [
    path(R, incidents.case_reviews, name="case-reviews"),
    path(f"{R}my-summaries/", incidents.my_requests, name="my-review-summaries"),
    path(f"{R}incidents/new/", incidents.incident_edit, name="case-review-incident-new"),
    path(f"{R}incidents/<int:pk>/", incidents.incident_detail, name="case-review-incident"),
    path(f"{R}incidents/<int:pk>/edit/", incidents.incident_edit, name="case-review-incident-edit"),
    path(f"{R}incidents/<int:pk>/notify/", incidents.incident_notify, name="case-review-notify"),
    re_path(
        r"^case-reviews/incidents/(?P<pk>\d+)/ask/(?P<kind>summary|chronology)/$",
        incidents.incident_ask,
        name="case-review-ask",
    ),
    path(
        f"{R}incidents/<int:pk>/rapid-review/",
        incidents.incident_rapid_review,
        name="case-review-rapid-review",
    ),
    path(f"{R}incidents/<int:pk>/send/", incidents.incident_send, name="case-review-send"),
    path(
        f"{R}incidents/<int:pk>/response/",
        incidents.incident_response,
        name="case-review-response",
    ),
    path(f"{R}incidents/<int:pk>/close/", incidents.incident_close, name="case-review-close"),
    path(f"{R}incidents/<int:pk>/start/", incidents.review_start, name="case-review-start"),
    path(
        f"{R}incidents/<int:pk>/findings/new/",
        learning.finding_new,
        {"of": "incident"},
        name="case-review-incident-finding",
    ),
    path(f"{R}requests/<int:pk>/", incidents.request_detail, name="case-review-request"),
    path(f"{R}reviews/new/", learning.review_edit, name="case-review-new"),
    path(f"{R}reviews/<int:pk>/", learning.review_detail, name="case-review"),
    path(f"{R}reviews/<int:pk>/edit/", learning.review_edit, name="case-review-edit"),
    path(
        f"{R}reviews/<int:pk>/milestones/new/", learning.milestone_new, name="case-review-milestone"
    ),
    path(
        f"{R}milestones/<int:pk>/done/", learning.milestone_done, name="case-review-milestone-done"
    ),
    path(f"{R}reviews/<int:pk>/delays/new/", learning.delay_new, name="case-review-delay"),
    path(f"{R}reviews/<int:pk>/publish/", learning.review_publish, name="case-review-publish"),
    path(
        f"{R}reviews/<int:pk>/findings/new/",
        learning.finding_new,
        {"of": "review"},
        name="case-review-finding",
    ),
    re_path(
        r"^case-reviews/reviews/(?P<pk>\d+)/briefing\.(?P<kind>docx|pdf)$",
        learning.review_briefing,
        name="case-review-briefing",
    ),
    path(f"{R}findings/<int:pk>/recommend/", learning.recommend, name="case-review-recommend"),
    path(
        f"{R}recommendations/<int:pk>/",
        learning.recommendation_detail,
        name="case-review-recommendation",
    ),
    path(
        f"{R}recommendations/<int:pk>/actions/new/",
        learning.recommendation_action,
        name="case-review-recommendation-action",
    ),
    path(
        f"{R}recommendations/<int:pk>/evidence/new/",
        learning.recommendation_evidence,
        name="case-review-recommendation-evidence",
    ),
    path(
        f"{R}recommendations/<int:pk>/close/",
        learning.recommendation_close,
        name="case-review-recommendation-close",
    ),
    path(f"{R}themes/", learning.themes, name="case-review-themes"),
    re_path(
        r"^case-reviews/themes/(?P<pk>\d+)/briefing\.(?P<kind>docx|pdf)$",
        learning.theme_briefing,
        name="case-review-theme-briefing",
    ),
]
