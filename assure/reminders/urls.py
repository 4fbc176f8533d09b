from django.urls import path

from assure.reminders import views

urlpatterns = [path("my-reminders/", views.my_reminders, name="my-reminders")]
