from django.urls import path, re_path

from assure.meetings import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_edit, name="meeting-new"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<int:meeting_pk>/agenda/new/", views.agenda_edit, name="agenda-new"),
    path("meetings/<int:meeting_pk>/agenda/<int:pk>/", views.agenda_edit, name="agenda-edit"),
    path("meetings/<int:meeting_pk>/minutes/new/", views.minute_edit, name="minute-new"),
    path("meetings/<int:meeting_pk>/minutes/<int:pk>/", views.minute_edit, name="minute-edit"),
    path("meetings/<int:meeting_pk>/decisions/new/", views.decision_new, name="decision-new"),
    path("tracker/", views.tracker, name="tracker"),
    path("tracker/new/", views.tracker_action_edit, name="tracker-new"),
    re_path(r"^tracker/tracker\.(?P<kind>docx|xlsx)$", views.tracker_export, name="tracker-export"),
    path("tracker/<int:pk>/", views.tracker_action, name="tracker-action"),
    path("tracker/<int:pk>/edit/", views.tracker_action_edit, name="tracker-edit"),
    path("tracker/<int:pk>/comment/", views.tracker_comment, name="tracker-comment"),
    path("groups/<int:pk>/before-the-meeting/", views.before_meeting, name="before-meeting"),
    path("cabinet-responses/", views.responses, name="cabinet-responses"),
    path("cabinet-responses/new/", views.response_edit, name="cabinet-response-new"),
    re_path(
        r"^cabinet-responses/responses\.(?P<kind>docx|xlsx)$",
        views.responses_export,
        name="cabinet-responses-export",
    ),
    path("cabinet-responses/<int:pk>/edit/", views.response_edit, name="cabinet-response-edit"),
    path(
        "cabinet-responses/<int:pk>/update/", views.response_update, name="cabinet-response-update"
    ),
]
