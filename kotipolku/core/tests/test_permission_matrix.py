"""Every route × every role → the declared status; and no route may lack a declaration.

Routes are discovered from the URL resolver (HTML pages and the API's URL patterns) and, for the API,
every method of every path in the OpenAPI document, so a new page, API path or a new method on an
existing API path fails here until its module declares what each role gets. The roles include
worker B on team A's records and each landlord on the other landlord's notices (IDOR by id guessing).
"""

import copy
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client as HttpClient
from django.urls import get_resolver, path, resolve
from django.utils import translation

from kotipolku.api import api
from kotipolku.core.discovery import app_modules
from kotipolku.core.middleware import StaffMFAMiddleware
from kotipolku.core.models import AuditAction, AuditEvent
from kotipolku.core.permission_matrix import ROLES, Context, iter_route_names


def _matrix_modules():
    return app_modules("access_matrix")


MODULES = _matrix_modules()
ROWS = [row for module in MODULES for row in module.ROWS]
# The Django admin applies its own permission system; its index is in the matrix as a sample.
EXEMPT_NAMESPACES = ("admin:",)


@pytest.fixture
def matrix_ctx(team_a, team_b, worker_a, worker_b, lead, editor, admin_user, landlord_a, landlord_b):
    ctx = Context()
    for name, value in locals().items():
        if name != "ctx":
            setattr(ctx, name, value)
    for module in MODULES:
        if hasattr(module, "setup"):
            module.setup(ctx)
    return ctx


def _send(http, row, ctx):
    cache.clear()  # every role calls from the same address: rate limits (tested elsewhere) must not answer
    path = row.path(ctx) if callable(row.path) else row.path
    body = row.body(ctx) if callable(row.body) else row.body
    method = getattr(http, row.method.lower())
    if row.json:
        return method(path, data=body or {}, content_type="application/json")
    if row.method == "GET":
        return method(path, data=body or None)
    return method(path, data=body or {})


def _refused_count() -> int:
    return AuditEvent.objects.filter(action=AuditAction.REFUSED).count()


def _refusal_expected(role: str, response, row) -> bool:
    return role != "anonymous" and response.status_code in (403, 404) and row.audited_refusal


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_route_answers_each_role_as_declared(row, role_clients, matrix_ctx):
    """Each role gets exactly the declared status (404, not 403, for other teams' records)."""
    wrong = []
    for role in ROLES:
        refused_before = _refused_count()
        response = _send(role_clients[role], row, matrix_ctx)
        if response.status_code != row.expect[role]:
            wrong.append(f"{role}: got {response.status_code}, want {row.expect[role]}")
        elif _refusal_expected(role, response, row) and _refused_count() == refused_before:
            # A signed-in role refused here must leave a trace (ASVS 7.1.3, G4 in docs/reliability/asvs.md).
            wrong.append(f"{role}: {response.status_code} without a 'refused' audit event")
    assert not wrong, f"{row.id}: " + "; ".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "row", [r for r in ROWS if r.route not in StaffMFAMiddleware.OPEN_URL_NAMES], ids=lambda r: r.id
)
def test_a_session_without_the_code_step_gets_no_staff_route(row, matrix_ctx, worker_a, admin_user):
    """Before the one-time code (core.mfa) a signed-in session reaches nothing that a signed-in role
    would get and an anonymous visitor would not: pages redirect to the code step, the API says 403."""
    from kotipolku.conftest import logged_in

    anonymous_status = _send(HttpClient(), row, matrix_ctx).status_code
    for user in (worker_a, admin_user):
        response = _send(logged_in(user, second_step=False), row, matrix_ctx)
        if response.status_code == anonymous_status and response.status_code >= 300:
            continue  # refused as anyone would be (404 of a missing page, 401/403/405, 302 to a step)
        if row.route.startswith("api:"):
            assert response.status_code == 403, (row.id, user.username, response.status_code)
        elif row.method in ("GET", "HEAD"):
            assert response.status_code == 302 and "/accounts/koodi/" in response["Location"], (row.id, response)
        else:
            assert response.status_code == 403, (row.id, user.username, response.status_code)


def undeclared_routes(rows, patterns=None) -> list[str]:
    """URL patterns of the resolver (or of `patterns`) that no row declares."""
    declared = {row.route for row in rows}
    return sorted(
        f"{name or '(unnamed)'} [{pattern}]"
        for name, pattern in iter_route_names(patterns)
        if not name.startswith(EXEMPT_NAMESPACES) and name not in declared
    )


def undeclared_operations(rows, schema: dict) -> list[str]:
    """(method, API route) pairs of the OpenAPI document that no row sends."""
    declared = {(row.route, row.method) for row in rows}
    missing = []
    for api_path, methods in schema["paths"].items():
        route = resolve(re.sub(r"\{[^}]+\}", "1", api_path)).view_name
        missing += [f"{m.upper()} {route} [{api_path}]" for m in methods if (route, m.upper()) not in declared]
    return sorted(missing)


def test_every_route_has_a_declared_expectation():
    """A route found by the URL resolver without a row in some access_matrix.py fails here."""
    missing = undeclared_routes(ROWS)
    assert not missing, "routes without permission-matrix rows: " + ", ".join(missing)


def test_every_api_operation_has_a_declared_expectation():
    """Each method of each API path in the OpenAPI document has a row: a GET row does not cover a POST
    added later to the same path."""
    missing = undeclared_operations(ROWS, api.get_openapi_schema())
    assert not missing, "API operations without permission-matrix rows: " + ", ".join(missing)


def test_the_checks_fail_for_a_route_without_a_row():
    """Proof that the two checks above can fail: a page, an API route and a new method on a declared
    API path, added without rows, are each reported."""
    from ninja import NinjaAPI

    dummy_api = NinjaAPI(urls_namespace="matrix-dummy-api")

    @dummy_api.get("/thing/{thing_id}", url_name="dummy-thing")
    def thing(request, thing_id: int):
        return {}

    patterns = [
        *get_resolver().url_patterns,
        path("matrix-dummy/", lambda request: HttpResponse("x"), name="matrix-dummy"),
        path("matrix-dummy-api/", dummy_api.urls),
    ]
    missing = undeclared_routes(ROWS, patterns)
    assert any(m.startswith("matrix-dummy [") for m in missing), missing
    assert any(m.startswith("matrix-dummy-api:dummy-thing [") for m in missing), missing
    assert undeclared_routes(ROWS) == []  # only the dummies were missing

    schema = copy.deepcopy(api.get_openapi_schema())
    schema["paths"]["/api/v1/clients/{client_id}"]["delete"] = {"responses": {}}
    assert undeclared_operations(ROWS, schema) == ["DELETE api:client-detail [/api/v1/clients/{client_id}]"]


def test_rows_cover_every_role_and_both_idor_directions():
    """Every row states a status for every role (a missing one is refused when the row is built), and the
    matrix has cross-team and cross-landlord rows: worker B gets 404 on team A's records, each landlord
    404 on the other's notice."""
    assert set(ROLES) >= {"anonymous", "worker_a", "worker_b", "lead", "editor", "admin", "landlord_a", "landlord_b"}
    assert all(set(row.expect) == set(ROLES) for row in ROWS)
    cross_team = [row for row in ROWS if row.expect["worker_b"] == 404 and row.expect["worker_a"] != 404]
    assert len({row.route for row in cross_team}) >= 20
    landlord_rows = [row for row in ROWS if row.route == "api:landlord-notice-detail"]
    assert any(row.expect["landlord_a"] == 200 and row.expect["landlord_b"] == 404 for row in landlord_rows)
    assert any(row.expect["landlord_b"] == 200 and row.expect["landlord_a"] == 404 for row in landlord_rows)


@pytest.mark.django_db
def test_rows_request_the_route_they_declare(matrix_ctx):
    """A row's path must resolve to its route, so a row cannot silently test another URL."""
    wrong = []
    for row in ROWS:
        path = (row.path(matrix_ctx) if callable(row.path) else row.path).split("?")[0]
        prefix = path.split("/")[1]
        with translation.override(prefix if prefix in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE):
            view_name = resolve(path).view_name
        if view_name != row.route:
            wrong.append(f"{row.id}: {path} resolves to {view_name}")
    assert not wrong, "; ".join(wrong)
