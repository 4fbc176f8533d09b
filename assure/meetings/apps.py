from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "assure.meetings"
    label = "meetings"
    verbose_name = "Meetings, action trackers and cabinet responses"
