"""Front page, staff home, audit log, health check and error pages."""

import csv
import sys

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kotipolku.core import audit, faults
from kotipolku.core.access import Area
from kotipolku.core.decorators import area_required
from kotipolku.core.forms import AuditFilterForm
from kotipolku.core.models import AuditAction
from kotipolku.core.navigation import public_entries, staff_entries
from kotipolku.core.pagination import paginate
from kotipolku.core.selectors import audit_event_list


@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def healthz_db(request):
    """The database check for monitors; a URL of its own so that /healthz stays free of queries."""
    state = faults.database_state()
    if state == "ok":
        return JsonResponse({"status": "ok", "database": "ok"})
    response = JsonResponse({"status": "error", "database": state}, status=503)
    response["Retry-After"] = str(faults.RETRY_AFTER_SECONDS)
    return response


@require_GET
def front(request):
    return render(request, "core/front.html", {"entries": public_entries()})


@area_required(Area.STAFF)
def staff_home(request):
    return render(request, "staff/home.html", {"entries": staff_entries(request.user)})


def _audit_filters(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, filters


@area_required(Area.AUDIT)
def audit_log(request):
    form, filters = _audit_filters(request)
    events = audit_event_list(actor=request.user, filters=filters) if not form.errors else []
    page = paginate(request, events, per_page=50)
    return render(request, "staff/audit_log.html", {"form": form, "page": page})


def _csv_safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value):
        return value


@area_required(Area.AUDIT)
def audit_export(request):
    form, filters = _audit_filters(request)
    if form.errors:
        return render(request, "staff/audit_log.html", {"form": form, "page": None}, status=400)
    events = audit_event_list(actor=request.user, filters=filters)
    audit.record(
        request.user,
        AuditAction.EXPORT,
        object_type="core.AuditEvent",
        filters={k: str(v) for k, v in filters.items() if v},
    )
    writer = csv.writer(_Echo())
    header = [
        "time",
        "actor_type",
        "actor_id",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "client_id",
        "request_id",
        "ip",
    ]

    def rows():
        yield writer.writerow(header)
        for e in events.iterator(chunk_size=2000):
            yield writer.writerow(
                _csv_safe(v)
                for v in [
                    e.time.isoformat(),
                    e.actor_type,
                    e.actor_id,
                    e.actor_label,
                    e.action,
                    e.object_type,
                    e.object_id,
                    e.client_id,
                    e.request_id,
                    e.ip or "",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kotipolku-audit.csv"'
    return response


def _error(request, status, title, text):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(text)}, status=status)
    return render(request, "core/error.html", {"status": status, "title": title, "text": text}, status=status)


def bad_request(request, exception=None):
    # A session that cannot be saved because of a database fault reaches here as SessionInterrupted.
    kind = faults.classify_chain(exception)
    if kind:
        return faults.fault_response(request, kind, exception)
    return _error(
        request, 400, _("Virheellinen pyyntö"), _("Pyyntöä ei voitu käsitellä. Tarkista tiedot ja yritä uudelleen.")
    )


def permission_denied(request, exception=None):
    return _error(request, 403, _("Ei käyttöoikeutta"), _("Sinulla ei ole oikeutta tähän sivuun tai tietoon."))


def page_not_found(request, exception=None):
    return _error(
        request, 404, _("Sivua ei löytynyt"), _("Osoitteessa ei ole sivua. Tarkista osoite tai palaa etusivulle.")
    )


def server_error(request):
    # Faults raised outside views (a session read in middleware) reach only this handler.
    kind = faults.classify(sys.exc_info()[1])
    if kind:
        return faults.fault_response(request, kind, sys.exc_info()[1])
    return _error(
        request, 500, _("Palvelussa tapahtui virhe"), _("Virhe on kirjattu. Yritä hetken kuluttua uudelleen.")
    )


@never_cache
def csrf_failure(request, reason=""):
    return _error(
        request,
        403,
        _("Lomake vanhentui"),
        _("Lomakkeen tarkiste ei ollut voimassa. Lataa sivu uudelleen ja lähetä lomake uudestaan."),
    )


def too_many_requests(request) -> HttpResponse:
    """429 page or JSON for rate-limited requests."""
    response = _error(
        request,
        429,
        _("Liian monta pyyntöä"),
        _("Liian monta pyyntöä lyhyessä ajassa. Odota hetki ja yritä uudelleen."),
    )
    response["Retry-After"] = "60"
    return response
