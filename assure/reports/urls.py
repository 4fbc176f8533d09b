from django.urls import path

from assure.reports.annual import views as annual_views
from assure.reports.board_pack import views as board_pack_views
from assure.reports.exception import views as exception_views
from assure.reports.highlight import views
from assure.reports.issued import views as issued_views
from assure.reports.learning import views as learning_views

urlpatterns = [
    path("reports/highlight/", views.highlight, name="report-highlight"),
    path("reports/highlight.<str:kind>", views.highlight_file, name="report-highlight-file"),
    path("reports/annual/", annual_views.annual, name="report-annual"),
    path("reports/annual.<str:kind>", annual_views.annual_file, name="report-annual-file"),
    path("reports/learning/", learning_views.learning, name="report-learning"),
    path("reports/learning.<str:kind>", learning_views.learning_file, name="report-learning-file"),
]

# Issued versions of a report: what the board saw on the day, and what changed since.
urlpatterns += [
    path("reports/issue/", issued_views.issue, name="report-issue"),
    path("reports/issued/", issued_views.issued_list, name="report-issued-list"),
    path("reports/issued/<int:pk>/", issued_views.issued_detail, name="report-issued"),
    path(
        "reports/issued/<int:pk>.<str:kind>",
        issued_views.issued_file,
        name="report-issued-file",
    ),
    path(
        "reports/issued/<int:pk>/compare/",
        issued_views.issued_compare,
        name="report-issued-compare",
    ),
]

# The exception report, and a meeting's board pack.

urlpatterns += [
    path("reports/exception/", exception_views.exception, name="report-exception"),
    path(
        "reports/exception.<str:kind>", exception_views.exception_file, name="report-exception-file"
    ),
    path("reports/board-pack/<int:pk>/", board_pack_views.pack_page, name="report-board-pack"),
    path(
        "reports/board-pack/<int:pk>.<str:kind>",
        board_pack_views.pack_file,
        name="report-board-pack-file",
    ),
]
