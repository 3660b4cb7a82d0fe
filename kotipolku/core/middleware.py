"""Request context, security headers, the staff idle timeout and the code step, and NUL-free query strings."""

import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kotipolku.core import audit, context, mfa


def client_ip(request) -> str | None:
    """The client's address; X-Forwarded-For only when a trusted TLS proxy is declared."""
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if len(incoming) == 36 else str(uuid.uuid4())
        request.request_id = request_id
        ctx = context.RequestContext(request_id=request_id, ip=client_ip(request))
        token = context.activate(ctx)
        try:
            response = self.get_response(request)
        finally:
            context.deactivate(token)
            audit.flush_pending(ctx)
        response["X-Request-ID"] = request_id
        return response


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (no inline scripts or styles)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response.setdefault("Cache-Control", "no-store")
        return response


class StaffIdleTimeoutMiddleware:
    """Logs a staff user out after STAFF_IDLE_TIMEOUT_SECONDS without requests.

    The session is only rewritten once a minute, so the timeout costs no write per request.
    """

    SESSION_KEY = "kotipolku_last_activity"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.SESSION_KEY, now)
            if now - last > settings.STAFF_IDLE_TIMEOUT_SECONDS:
                logout(request)
                messages.info(request, _("Olit pitkään toimettomana, joten sinut kirjattiin ulos. Kirjaudu uudelleen."))
                return redirect_to_login(request.get_full_path())
            if now - last >= 60 or self.SESSION_KEY not in request.session:
                request.session[self.SESSION_KEY] = now
        return self.get_response(request)


class StaffMFAMiddleware:
    """Until a signed-in user has given the one-time code of this session (core.mfa), only the code,
    set-up and logout pages answer: pages redirect to the step, the API and other methods get 403.
    After django_otp's OTPMiddleware, which marks the verified sessions."""

    OPEN_URL_NAMES = frozenset({"mfa-verify", "mfa-setup", "logout", "healthz", "healthz-db"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (match and match.url_name in self.OPEN_URL_NAMES) or not mfa.needs_step(request.user):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Two-step sign-in is not complete: enter the one-time code."}, status=403)
        if request.method in ("GET", "HEAD"):
            return redirect(mfa.step_url(request.user, request.get_full_path()))
        raise PermissionDenied


class NulRefusingMiddleware:
    """A NUL character (\\x00) in the query string of a page answers 400 before any view runs.

    PostgreSQL can neither store nor compare text holding NUL, so a view that filtered on such a value
    was a 500 there (the staff caseload search, found 2026-12-03); nobody types one. Forms refuse it in
    their fields already. The API answers the same with JSON field errors (core.api.NulRefusingParser).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/") and any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            raise BadRequest("A NUL character in the query string.")
        return self.get_response(request)
