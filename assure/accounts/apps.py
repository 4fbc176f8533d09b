from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "assure.accounts"
    label = "accounts"
    verbose_name = "Sign-in and access"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from assure.accounts.middleware import note_sign_in

        user_logged_in.connect(note_sign_in, dispatch_uid="assure-idle-clock")
