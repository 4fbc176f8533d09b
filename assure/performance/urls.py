from django.urls import path

from assure.performance import views

urlpatterns = [
    path("performance/", views.dashboard, name="performance"),
    path("performance/tables/", views.table_list, name="performance-tables"),
    path("performance/load/", views.observations_load, name="observations-load"),
    path("performance/benchmarks/load/", views.benchmarks_load, name="benchmarks-load"),
    path("performance/templates/<slug:kind>.csv", views.file_template, name="performance-template"),
    path("performance/indicators/new/", views.indicator_edit, name="indicator-new"),
    path("performance/indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path("performance/indicators/<int:pk>/edit/", views.indicator_edit, name="indicator-edit"),
    path("performance/indicators/<int:pk>/spc/", views.spc_settings, name="indicator-spc"),
    path(
        "performance/indicators/<int:indicator_pk>/targets/new/",
        views.target_edit,
        name="target-new",
    ),
    path("performance/targets/<int:pk>/edit/", views.target_edit, name="target-edit"),
    path(
        "performance/indicators/<int:indicator_pk>/benchmarks/new/",
        views.benchmark_edit,
        name="benchmark-new",
    ),
    path("performance/benchmarks/<int:pk>/edit/", views.benchmark_edit, name="benchmark-edit"),
    path(
        "performance/indicators/<int:indicator_pk>/figures/new/",
        views.observation_edit,
        name="observation-new",
    ),
    path("performance/figures/<int:pk>/edit/", views.observation_edit, name="observation-edit"),
]
