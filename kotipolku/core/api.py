"""API building blocks shared by every module: authentication, the actor, and JSON errors.

Errors are always `{"detail": ...}`; validation errors list `{"field", "reason"}` per bad field
and answer 400, so clients get the same shape from every endpoint.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, InternalError, OperationalError
from django.http import Http404, HttpRequest
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from kotipolku.core import faults
from kotipolku.core.access import Actor, LandlordPrincipal, is_staff_user
from kotipolku.core.models import LandlordOrganisation


class LandlordTokenAuth(HttpBearer):
    """Authorization: Bearer <token> of a landlord organisation."""

    def authenticate(self, request: HttpRequest, token: str):
        organisation = LandlordOrganisation.for_token(token)
        return LandlordPrincipal(organisation) if organisation else None


class StaffSessionAuth(SessionAuth):
    """A logged-in, active staff member (CSRF-checked for writes)."""

    def authenticate(self, request: HttpRequest, key):
        user = super().authenticate(request, key)
        return user if is_staff_user(user) else None


landlord_auth = LandlordTokenAuth()
staff_auth = StaffSessionAuth()


def actor_of(request: HttpRequest) -> Actor:
    auth = getattr(request, "auth", None)
    if isinstance(auth, LandlordPrincipal):
        return auth
    return getattr(request, "user", None)


def _field_of(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form", "data")]
    return ".".join(parts) or "__all__"


def validation_detail(errors) -> list[dict]:
    return [{"field": _field_of(e.get("loc", ())), "reason": e.get("msg", "invalid")} for e in errors]


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def on_validation(request, exc):
        return api.create_response(request, {"detail": validation_detail(exc.errors)}, status=400)

    @api.exception_handler(MultiPartParserError)
    def on_multipart_error(request, exc):
        reason = "The multipart body cannot be read (missing or bad boundary)."
        return api.create_response(request, {"detail": [{"field": "__body__", "reason": reason}]}, status=400)

    @api.exception_handler(AuthenticationError)
    def on_auth(request, exc):
        return api.create_response(request, {"detail": "Authentication required or token not valid."}, status=401)

    @api.exception_handler(Http404)
    def on_404(request, exc):
        return api.create_response(request, {"detail": "Not found."}, status=404)

    @api.exception_handler(PermissionDenied)
    def on_403(request, exc):
        return api.create_response(request, {"detail": "You do not have permission for this."}, status=403)

    @api.exception_handler(HttpError)
    def on_http_error(request, exc):
        detail = exc.message
        if exc.status_code == 400 and isinstance(detail, str):
            # Every 400 carries field-level reasons, also ninja's own "Cannot parse request body".
            field = "__body__" if detail.startswith("Cannot parse request body") else "__all__"
            detail = [{"field": field, "reason": detail}]
        return api.create_response(request, {"detail": detail}, status=exc.status_code)

    def on_database_error(request, exc):
        """The database unreachable or read-only: 503 with Retry-After (other database errors are bugs: 500)."""
        kind = faults.classify(exc)
        return faults.fault_response(request, kind, exc) if kind else on_error(request, exc)

    for database_error in (OperationalError, InterfaceError, InternalError):
        api.add_exception_handler(database_error, on_database_error)

    @api.exception_handler(Exception)
    def on_error(request, exc):
        if settings.DEBUG:
            raise exc
        import logging

        logging.getLogger("kotipolku.api").exception(
            "Unhandled API error (request %s)", getattr(request, "request_id", "")
        )
        return api.create_response(request, {"detail": "Internal error. It has been logged."}, status=500)
