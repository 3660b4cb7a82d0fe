"""Root URLs. HTML pages are under a language prefix (/fi/, /sv/, /en/); the unprefixed path
redirects by the browser's language. The API and /healthz are language-neutral."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from kotipolku.api import api
from kotipolku.core import views as core_views
from kotipolku.core.discovery import app_modules


def _module_urls() -> list:
    return [path("", include(m.__name__)) for m in app_modules("urls") if m.__name__ != "kotipolku.core.urls"]


urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("healthz/db", core_views.healthz_db, name="healthz-db"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", include("kotipolku.core.urls")),
    *_module_urls(),
    prefix_default_language=True,
)

handler400 = "kotipolku.core.views.bad_request"
handler403 = "kotipolku.core.views.permission_denied"
handler404 = "kotipolku.core.views.page_not_found"
handler500 = "kotipolku.core.views.server_error"
