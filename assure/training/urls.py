from django.urls import path, re_path

from assure.training import views

urlpatterns = [
    path("training/", views.programme, name="training"),
    path("training/courses/new/", views.course_edit, name="training-course-new"),
    path("training/courses/<int:pk>/", views.course_detail, name="training-course"),
    path("training/courses/<int:pk>/edit/", views.course_edit, name="training-course-edit"),
    path(
        "training/courses/<int:course_pk>/sessions/new/",
        views.session_edit,
        name="training-session-new",
    ),
    path("training/sessions/<int:pk>/", views.session_detail, name="training-session"),
    path("training/sessions/<int:pk>/edit/", views.session_edit, name="training-session-edit"),
    path(
        "training/sessions/<int:session_pk>/book/",
        views.attendee_edit,
        name="training-attendee-new",
    ),
    path(
        "training/sessions/<int:session_pk>/bookings/<int:pk>/",
        views.attendee_edit,
        name="training-attendee",
    ),
    path("training/sessions/<int:pk>/import/", views.attendance_import, name="training-import"),
    path(
        "training/sessions/<int:pk>/send/<str:stage>/",
        views.send_links,
        name="training-send",
    ),
    path("training/uptake/", views.uptake, name="training-uptake"),
    re_path(
        r"^training/board-table\.(?P<kind>docx|xlsx)$",
        views.board_table,
        name="training-board-table",
    ),
    path("training/publish/", views.publish, name="training-publish"),
    path("evaluate/<str:token>/", views.evaluate, name="evaluate"),
]
