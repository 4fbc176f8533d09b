from django.urls import path

from assure.partnership import views

urlpatterns = [
    path("structure/", views.structure, name="structure"),
    path("structure/<str:kind>/new/", views.edit, name="structure-new"),
    path("structure/<str:kind>/<int:pk>/edit/", views.edit, name="structure-edit"),
    path("changes/", views.changes, name="changes"),
]
