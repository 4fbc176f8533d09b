from django.urls import path

from assure.reports import views

urlpatterns = [
    path("reports/highlight/", views.highlight, name="report-highlight"),
    path("reports/highlight.<str:kind>", views.highlight_file, name="report-highlight-file"),
]
