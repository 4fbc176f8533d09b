from django.urls import path

from assure.datasets import views

urlpatterns = [
    path("data/", views.overview, name="datasets"),
    path("data/upload/", views.upload, name="dataset-upload"),
    path("data/templates/<slug:name>.csv", views.extract_template, name="extract-template"),
    path("data/loads/<int:pk>/", views.load_detail, name="dataset-load"),
    path("data/loads/<int:pk>/status/", views.load_status, name="dataset-load-status"),
    path("data/loads/<int:pk>/retry/", views.retry, name="dataset-load-retry"),
    path("data/loads/<int:pk>/rows/<slug:table>/", views.rows, name="dataset-rows"),
    path("data/benchmarks/", views.load_benchmarks, name="dataset-benchmarks"),
    path("data/recompute/", views.recompute, name="dataset-recompute"),
]
