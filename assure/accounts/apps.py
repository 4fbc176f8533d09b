from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "assure.accounts"
    label = "accounts"
    verbose_name = "Sign-in and access"
