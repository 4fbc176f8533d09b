from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "assure.partnership"
    label = "partnership"
    verbose_name = "Partnership structure"
