"""Root URLs. HTML pages are under a language prefix (/fi/, /sv/, /en/); the unprefixed path
redirects by the browser's language. The API and /healthz are language-neutral."""

import re
from types import ModuleType

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.urls.resolvers import RoutePattern

from kotipolku.api import api
from kotipolku.core import views as core_views
from kotipolku.core.discovery import app_modules


def first_segments(patterns) -> set[str] | None:
    """The first path segment of every route ("" for the empty route); None when a route starts with a
    parameter or is a regular expression, so that no look-ahead can stand for it."""
    segments = set()
    for pattern in patterns:
        if not isinstance(pattern.pattern, RoutePattern):
            return None
        head = str(pattern.pattern).split("/", 1)[0]
        if "<" in head:
            return None
        segments.add(head)
    return segments


def guarded_include(module: ModuleType):
    """The module's URLs behind a look-ahead for the first segments of its routes.

    Django tries the modules in turn, and a module whose routes all fail first lists every route it
    tried (for the debug 404 page) before the next module is tried. The public contact form, behind six
    modules, spent a fifth of its CPU on that (docs/reliability/load.md). With the look-ahead a module
    whose first segments cannot match is passed over at once. It consumes nothing and reverse() ignores
    look-aheads, so every URL stays as it was; a module with a route that starts with a parameter is
    included as such.
    """
    segments = first_segments(module.urlpatterns)
    if segments is None:
        return path("", include(module.__name__))
    heads = "|".join(sorted(re.escape(s) + r"(?:/|$)" if s else "$" for s in segments))
    return re_path(rf"^(?=(?:{heads}))", include(module.__name__))


def _module_urls() -> list:
    return [guarded_include(m) for m in app_modules("urls")]


urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("healthz/db", core_views.healthz_db, name="healthz-db"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(*_module_urls(), prefix_default_language=True)

handler400 = "kotipolku.core.views.bad_request"
handler403 = "kotipolku.core.views.permission_denied"
handler404 = "kotipolku.core.views.page_not_found"
handler500 = "kotipolku.core.views.server_error"
