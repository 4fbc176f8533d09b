"""Sign-in pages (at the root) and a partnership's members (under /p/<slug>/)."""

from django.urls import path

from assure.accounts import oidc, views

signing_in = [
    path("accounts/login/", views.SignIn.as_view(), name="login"),
    path("accounts/two-factor/", views.give_code, name="second-factor"),
    path("accounts/two-factor/set-up/", views.enrol, name="enrol"),
    path("accounts/security/", views.security, name="security"),
    path("accounts/security/recovery-codes/", views.new_recovery_codes, name="recovery-codes"),
    path("accounts/invitations/<str:token>/", views.invitation, name="invitation"),
    path("oidc/authenticate/", oidc.Start.as_view(), name="oidc-start"),
    path("oidc/callback/", oidc.Callback.as_view(), name="oidc-callback"),
]

urlpatterns = [
    path("members/", views.members, name="members"),
    path("members/invite/", views.invite, name="invite"),
    path("members/accounts/", views.tenants, name="sign-in-tenants"),
    path("members/<int:pk>/", views.member, name="member"),
    path("invitations/<int:pk>/withdraw/", views.withdraw, name="withdraw-invitation"),
]
