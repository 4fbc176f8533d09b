from django.urls import path

from assure.transfer import partnership_views, views

urlpatterns = [
    path("plans/<int:pk>/import/", views.import_table, name="plan-import"),
    path("plans/<int:pk>/template.xlsx", views.template, name="plan-template"),
    path("plans/<int:pk>/table.xlsx", views.export, name="plan-export"),
    path("import/", partnership_views.import_tables, name="tables-import"),
    path("import/template.xlsx", partnership_views.template, name="tables-template"),
    path("export.xlsx", partnership_views.export_workbook, name="export-workbook"),
    path("export.zip", partnership_views.export_csv, name="export-csv"),
]
