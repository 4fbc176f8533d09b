from django.contrib.auth import views as auth_views
from django.urls import include, path

from assure.accounts.urls import signing_in
from assure.api.endpoints import api
from assure.core import views as core_views
from assure.service import health

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("healthz", health.healthz, name="healthz"),
    path("healthz/web", health.healthz_web, name="healthz-web"),
    path("formats/<slug:name>/", core_views.guide, name="guide"),
    *signing_in,
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("p/<slug:slug>/", include("assure.partnership.urls")),
    path("p/<slug:slug>/", include("assure.accounts.urls")),
    path("p/<slug:slug>/", include("assure.api.urls")),
    path("p/<slug:slug>/", include("assure.transfer.urls")),
    path("api/v1/", api.urls),
    path("p/<slug:slug>/", include("assure.plans.urls")),
    path("p/<slug:slug>/", include("assure.risks.urls")),
    path("p/<slug:slug>/", include("assure.meetings.urls")),
    path("p/<slug:slug>/", include("assure.reminders.urls")),
    path("p/<slug:slug>/", include("assure.performance.urls")),
    path("p/<slug:slug>/", include("assure.audits.urls")),
    path("p/<slug:slug>/", include("assure.exploitation.urls")),
    path("p/<slug:slug>/", include("assure.reviews.urls")),
    path("p/<slug:slug>/", include("assure.assessments.urls")),
    path("p/<slug:slug>/", include("assure.training.urls")),
    path("p/<slug:slug>/", include("assure.datasets.urls")),
    path("p/<slug:slug>/", include("assure.reports.urls")),
]

handler400 = "assure.core.views.bad_request"
handler403 = "assure.core.views.forbidden"
handler404 = "assure.core.views.not_found"
handler500 = "assure.core.views.server_error"
