from django.urls import path

from assure.transfer import views

urlpatterns = [
    path("plans/<int:pk>/import/", views.import_table, name="plan-import"),
    path("plans/<int:pk>/template.xlsx", views.template, name="plan-template"),
    path("plans/<int:pk>/table.xlsx", views.export, name="plan-export"),
]
