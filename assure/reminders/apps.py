from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "assure.reminders"
    label = "reminders"
    verbose_name = "Reminders to owners"
