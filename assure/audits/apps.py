from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "assure.audits"
    label = "audits"
    verbose_name = "Case audits"
