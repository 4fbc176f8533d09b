from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "assure.risks"
    label = "risks"
    verbose_name = "Risk and issue register"
