from django.apps import AppConfig


class ServiceConfig(AppConfig):
    name = "assure.service"
    label = "service"
    verbose_name = "Service"
