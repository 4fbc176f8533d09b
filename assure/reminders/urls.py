from django.urls import path

from assure.reminders import views

urlpatterns = [
    path("", views.overview, name="partnership"),  # the partnership's home page
    path("my-reminders/", views.my_reminders, name="my-reminders"),
]
