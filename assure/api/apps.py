from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "assure.api"
    label = "api"
    verbose_name = "Read API"
