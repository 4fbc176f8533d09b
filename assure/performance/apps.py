from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "assure.performance"
    label = "performance"
    verbose_name = "Performance: indicators, targets, benchmarks and observations"
