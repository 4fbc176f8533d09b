from django.urls import path, re_path

from assure.assessments.views import returns, rounds

S = "self-assessments/"
urlpatterns = [
    path(S, rounds.overview, name="self-assessments"),
    path(f"{S}mine/", rounds.my_returns, name="my-self-assessments"),
    path(f"{S}frameworks/new/", rounds.framework_install, name="self-assessment-framework-new"),
    path(f"{S}frameworks/<int:pk>/", rounds.framework_detail, name="self-assessment-framework"),
    path(
        f"{S}frameworks/<int:pk>/copy/",
        rounds.framework_copy,
        name="self-assessment-framework-copy",
    ),
    path(
        f"{S}frameworks/<int:pk>/edit/",
        rounds.framework_edit,
        name="self-assessment-framework-edit",
    ),
    path(
        f"{S}frameworks/<int:pk>/standards/<int:standard_pk>/remove/",
        rounds.standard_remove,
        name="self-assessment-standard-remove",
    ),
    path(
        f"{S}frameworks/<int:pk>/standards/new/",
        rounds.standard_edit,
        name="self-assessment-standard-new",
    ),
    path(
        f"{S}frameworks/<int:pk>/standards/<int:standard_pk>/",
        rounds.standard_edit,
        name="self-assessment-standard",
    ),
    path(f"{S}rounds/new/", rounds.round_new, name="self-assessment-round-new"),
    path(f"{S}rounds/<int:pk>/", rounds.round_detail, name="self-assessment-round"),
    re_path(
        rf"^{S}rounds/(?P<pk>\d+)/results\.(?P<kind>docx|xlsx|pdf)$",
        rounds.round_export,
        name="self-assessment-round-export",
    ),
    path(
        f"{S}rounds/<int:pk>/organisations/",
        rounds.round_organisations,
        name="self-assessment-round-organisations",
    ),
    path(
        f"{S}rounds/<int:pk>/schools/", rounds.round_schools, name="self-assessment-round-schools"
    ),
    path(f"{S}rounds/<int:pk>/chase/", rounds.round_chase, name="self-assessment-round-chase"),
    path(
        f"{S}rounds/<int:pk>/publish/", rounds.round_publish, name="self-assessment-round-publish"
    ),
    path(f"{S}rounds/<int:pk>/close/", rounds.round_close, name="self-assessment-round-close"),
    path(f"{S}rounds/<int:pk>/events/new/", returns.event_new, name="self-assessment-event-new"),
    path(f"{S}events/<int:pk>/", returns.event_detail, name="self-assessment-event"),
    path(f"{S}returns/<int:pk>/", returns.return_detail, name="self-assessment-return"),
    path(f"{S}returns/<int:pk>/edit/", returns.return_edit, name="self-assessment-return-edit"),
    path(
        f"{S}returns/<int:pk>/submit/", returns.return_submit, name="self-assessment-return-submit"
    ),
    path(
        f"{S}returns/<int:pk>/reopen/", returns.return_reopen, name="self-assessment-return-reopen"
    ),
    path(f"{S}returns/<int:pk>/lead/", returns.return_lead, name="self-assessment-return-lead"),
    path(
        f"{S}returns/<int:pk>/findings/",
        returns.return_findings,
        name="self-assessment-return-findings",
    ),
    re_path(
        rf"^{S}returns/(?P<pk>\d+)/report\.(?P<kind>docx|xlsx|pdf)$",
        returns.return_export,
        name="self-assessment-return-export",
    ),
    path(
        f"{S}ratings/<int:pk>/moderate/",
        returns.rating_moderate,
        name="self-assessment-rating-moderate",
    ),
    path(f"{S}ratings/<int:pk>/query/", returns.rating_query, name="self-assessment-rating-query"),
    path(f"{S}queries/<int:pk>/answer/", returns.query_answer, name="self-assessment-query-answer"),
]
