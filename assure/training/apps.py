from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "assure.training"
    label = "training"
    verbose_name = "Multi-agency training"
