from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "assure.transfer"
    label = "transfer"
    verbose_name = "Import and export"
