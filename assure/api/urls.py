from django.urls import path

from assure.api import views

urlpatterns = [
    path("api-tokens/", views.tokens, name="api-tokens"),
    path("api-tokens/<int:pk>/revoke/", views.revoke, name="api-token-revoke"),
]
