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
from ninja.parser import Parser
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


class TextWithNul(ValueError):
    """A text of the request holds a NUL character (\\x00)."""

    def __init__(self, field: str):
        super().__init__(f"NUL character in {field}")
        self.field = field


NUL_REASON = "Remove the NUL character (\\x00): a text cannot contain it."


def refuse_nul(data) -> None:
    """Raise TextWithNul naming a key or text value, at any depth, that holds a NUL character.

    PostgreSQL cannot store NUL in text, so such a value was a 500 there and stored as-is on SQLite.
    Refusing it on the way in answers 400 with the field on every database, for every operation.
    Iterative, so a deeply nested body cannot exhaust the stack.
    """
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                raise TextWithNul(".".join(path) or "__body__")
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and "\x00" in key:
                    raise TextWithNul(".".join((*path, key.replace("\x00", "\\x00"))))
                stack.append(((*path, str(key)), item))
        elif isinstance(value, list | tuple):
            stack.extend(((*path, str(i)), item) for i, item in enumerate(value))


class NulRefusingParser(Parser):
    """Ninja's JSON and query parser, refusing NUL characters in any text (see refuse_nul)."""

    def parse_body(self, request):
        data = super().parse_body(request)
        refuse_nul(data)
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        refuse_nul(result)
        return result


def _field_of(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form", "data")]
    return ".".join(parts) or "__all__"


def validation_detail(errors) -> list[dict]:
    return [{"field": _field_of(e.get("loc", ())), "reason": e.get("msg", "invalid")} for e in errors]


ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["field", "reason"],
                        "properties": {
                            "field": {"type": "string"},
                            "reason": {"type": "string"},
                            "line": {"type": "integer", "description": "CSV line of the problem"},
                            "index": {"type": "integer", "description": "position in a batch"},
                        },
                    },
                },
            ]
        }
    },
}
ERROR_DESCRIPTIONS = {
    400: "Invalid input: `detail` lists `{field, reason}` per problem",
    401: "No or invalid session or token",
    403: "Role not allowed, or the CSRF check of a session write failed",
    404: "Not found, or not visible to this caller",
    409: "Conflicts with the current state",
    413: "Payload too large",
    429: "Too many requests; retry after the Retry-After seconds",
}


def error_responses(*statuses: int) -> dict:
    """`openapi_extra` for a route's own error answers (the shared ones are added to every operation)."""
    return {"responses": {status: _error_response(status) for status in statuses}}


def _error_response(status: int) -> dict:
    return {
        "description": ERROR_DESCRIPTIONS[status],
        "content": {"application/json": {"schema": ERROR_SCHEMA}},
    }


def document_error_responses(schema: dict) -> dict:
    """Add the error answers that the shared machinery gives to every operation of the OpenAPI document.

    400 for any input (ninja validation, the handlers below), 401 for any authenticated operation,
    403 for staff-session operations (area rule, CSRF), 404 for operations with a path id. Routes add
    their own others (409, 413, 429, …) with `openapi_extra=error_responses(...)`. Schemathesis and
    core/tests/test_fuzz_api.py then check every answer against a documented status and schema.
    """
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            statuses = {400}
            security = [name for requirement in operation.get("security") or [] for name in requirement]
            if security:
                statuses.add(401)
            if "StaffSessionAuth" in security:
                statuses.add(403)
            if any(p.get("in") == "path" for p in operation.get("parameters") or []):
                statuses.add(404)
            responses = operation.setdefault("responses", {})
            for status in sorted(statuses):
                if status not in responses and str(status) not in responses:
                    responses[status] = _error_response(status)
            if any(p.get("in") == "query" for p in operation.get("parameters") or []):
                responses.setdefault(414, REQUEST_LINE_TOO_LONG)
    return schema


# Answered by the web server (gunicorn's limit_request_line) before Django sees the request.
REQUEST_LINE_TOO_LONG = {
    "description": "The request line (path and query) is longer than the server accepts: 4,094 bytes",
    "content": {"text/html": {"schema": {"type": "string"}}},
}


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

    @api.exception_handler(TextWithNul)
    def on_nul(request, exc):
        return api.create_response(request, {"detail": [{"field": exc.field, "reason": NUL_REASON}]}, status=400)

    @api.exception_handler(HttpError)
    def on_http_error(request, exc):
        if isinstance(exc.__cause__, TextWithNul):  # ninja wraps any failure of parse_body in HttpError(400)
            return on_nul(request, exc.__cause__)
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
