from django.urls import path, re_path

from assure.risks import views

urlpatterns = [
    path("risks/", views.register, name="risks"),
    path("risks/new/", views.risk_edit, name="risk-new"),
    re_path(r"^risks/register\.(?P<kind>docx|xlsx)$", views.register_export, name="risks-export"),
    path("risks/<int:pk>/", views.risk_detail, name="risk"),
    path("risks/<int:pk>/edit/", views.risk_edit, name="risk-edit"),
    path("risks/<int:pk>/review/", views.risk_review, name="risk-review"),
]
