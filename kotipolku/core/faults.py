"""Answers for infrastructure faults: the database unreachable or read-only, the disk full.

A fault is not a bug, so the person gets a short 503 answer instead of a 500: an HTML page in the
request's language (what happened, what to do in an emergency) or `{"detail": ...}` under /api/,
always with Retry-After and never a stack trace. Building the answer touches no database: no
context processors, no session, no user. Bugs that happen to be database errors (a missing table,
a constraint) are not faults and stay 500. See docs/reliability/faults.md.
"""

import errno
import logging
import sqlite3

from django.conf import settings
from django.db import DatabaseError, InterfaceError, InternalError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _

log = logging.getLogger("kotipolku.faults")

UNAVAILABLE = "unavailable"
READ_ONLY = "read_only"
DISK_FULL = "disk_full"
RETRY_AFTER_SECONDS = 30

# SQLite reports every kind of trouble as OperationalError; only these messages are faults of the
# environment (a missing table or a syntax error is a bug and must stay a 500).
_SQLITE_READ_ONLY = ("readonly database", "database or disk is full")
_SQLITE_UNAVAILABLE = ("unable to open database", "database is locked", "database table is locked", "disk i/o error")
_PG_READ_ONLY_STATES = {"25006", "53100"}  # read_only_sql_transaction, disk_full
_DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}

API_DETAIL = {
    UNAVAILABLE: "The database is temporarily unavailable. The request was not completed; send it again later.",
    READ_ONLY: "The service cannot save anything at the moment (read-only). Nothing was saved; send it again later.",
    DISK_FULL: "The server has no disk space left for this. Nothing was changed; try again later.",
}
# Form fields never echoed back on the fault page.
_NO_ECHO = ("csrf", "password", "token", "secret", "started", "website")
_ECHO_MAX_FIELDS = 30
_ECHO_MAX_CHARS = 10_000


def classify(exc: BaseException | None) -> str | None:
    """UNAVAILABLE, READ_ONLY or DISK_FULL when `exc` is a fault of the environment, else None."""
    if exc is None:
        return None
    if isinstance(exc, OSError) and exc.errno in _DISK_FULL_ERRNOS:
        return DISK_FULL
    cause = exc.__cause__
    if isinstance(exc, InternalError):
        return READ_ONLY if getattr(cause, "sqlstate", None) in _PG_READ_ONLY_STATES else None
    if not isinstance(exc, OperationalError | InterfaceError):
        return None
    if isinstance(cause, sqlite3.Error):
        message = str(cause).lower()
        if any(marker in message for marker in _SQLITE_READ_ONLY):
            return READ_ONLY
        return UNAVAILABLE if any(marker in message for marker in _SQLITE_UNAVAILABLE) else None
    if getattr(cause, "sqlstate", None) in _PG_READ_ONLY_STATES:
        return READ_ONLY
    return UNAVAILABLE


def classify_chain(exc: BaseException | None, *, depth: int = 4) -> str | None:
    """classify() of `exc` or of what it was raised from (Django turns a failed session save into a 400)."""
    while exc is not None and depth > 0:
        kind = classify(exc)
        if kind:
            return kind
        exc, depth = exc.__cause__ or exc.__context__, depth - 1
    return None


def _language(request: HttpRequest) -> str:
    try:
        return translation.get_language_from_request(request, check_path=True)
    except Exception:  # a fault page must render even for a strange request
        return settings.LANGUAGE_CODE


def _css_url() -> str:
    try:
        return static("kotipolku/kotipolku.css")
    except Exception:  # a missing static manifest must not break the fault page
        return ""


def _echo(request: HttpRequest) -> list[tuple[str, str]]:
    """What the person typed into a form that could not be saved, so it is not silently lost."""
    if request.method != "POST":
        return []
    try:
        items = list(request.POST.lists())
    except Exception:  # an unreadable body has nothing to give back
        return []
    echoed = []
    for name, values in items:
        if any(word in name.lower() for word in _NO_ECHO):
            continue
        text = "\n".join(v for v in values if v.strip())[:_ECHO_MAX_CHARS]
        if text:
            echoed.append((name, text))
    return echoed[:_ECHO_MAX_FIELDS]


def _texts(kind: str) -> tuple[str, str]:
    if kind == READ_ONLY:
        return (
            _("Tallentaminen ei juuri nyt onnistu"),
            _(
                "Palvelu on tilapäisesti vain luku -tilassa: voit lukea sivuja, mutta mitään ei voi juuri nyt tallentaa."
            ),
        )
    if kind == DISK_FULL:
        return (
            _("Tiedostoa ei voitu muodostaa"),
            _("Palvelimen levytila on lopussa, joten pyyntöä ei voitu tehdä. Mitään ei muutettu. Ilmoita ylläpidolle."),
        )
    return (
        _("Palvelu on tilapäisesti poissa käytöstä"),
        _("Palvelussa on tekninen häiriö, eikä pyyntöäsi voitu käsitellä."),
    )


def form_message(kind: str) -> str:
    """The error shown above a form that is shown again, filled in, after a fault."""
    if kind == READ_ONLY:
        return _(
            "Tietoja ei tallennettu, koska palvelu on tilapäisesti vain luku -tilassa. "
            "Kirjoittamasi tiedot ovat tallella: lähetä lomake uudelleen muutaman minuutin kuluttua."
        )
    return _(
        "Tietoja ei tallennettu tilapäisen teknisen häiriön vuoksi. "
        "Kirjoittamasi tiedot ovat tallella: lähetä lomake uudelleen muutaman minuutin kuluttua."
    )


def with_retry_after(response: HttpResponse) -> HttpResponse:
    """A form shown again after a fault: 503 with Retry-After, so clients and monitors see the fault."""
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def fault_response(request: HttpRequest, kind: str, exc: BaseException | None = None) -> HttpResponse:
    """503 for a fault of `kind`: JSON under /api/, otherwise a database-free HTML page."""
    log.warning(
        "Fault %s on %s %s (request %s): %s",
        kind,
        request.method,
        request.path,
        getattr(request, "request_id", ""),
        type(exc).__name__ if exc is not None else "-",
    )
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": API_DETAIL[kind]}, status=503)
    else:
        lang = _language(request)
        with translation.override(lang):
            title, text = _texts(kind)
            html = render_to_string(
                "core/fault.html",
                {"lang": lang, "title": title, "text": text, "css_url": _css_url(), "echoed": _echo(request)},
            )
        response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
        response["Content-Language"] = lang
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
    return response


def database_state() -> str:
    """`ok`, READ_ONLY or UNAVAILABLE, from one cheap query (for /healthz/db)."""
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT current_setting('transaction_read_only') = 'on' OR pg_is_in_recovery()")
            elif connection.vendor == "sqlite":
                cursor.execute("PRAGMA query_only")
            else:
                cursor.execute("SELECT 0")
            read_only = bool(cursor.fetchone()[0])
    except DatabaseError as exc:
        log.warning("Database check failed: %s", type(exc).__name__)
        return classify(exc) or UNAVAILABLE
    return READ_ONLY if read_only else "ok"


class FaultMiddleware:
    """Turns a database or disk fault raised by a view into a 503 (faults outside views: views.server_error)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        kind = classify(exception)
        return fault_response(request, kind, exception) if kind else None
