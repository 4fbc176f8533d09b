from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "assure.datasets"
    label = "datasets"
    verbose_name = "Datasets: loads of statutory returns and local extracts"
