"""Every route × every role → the declared status; and no route may lack a declaration."""

from importlib import import_module

import pytest
from django.conf import settings
from django.urls import resolve
from django.utils import translation

from kotipolku.core.permission_matrix import ROLES, Context, iter_route_names


def _matrix_modules():
    modules = []
    for app in settings.KOTIPOLKU_APPS:
        try:
            modules.append(import_module(f"{app}.access_matrix"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.access_matrix":
                raise
    return modules


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
    path = row.path(ctx) if callable(row.path) else row.path
    body = row.body(ctx) if callable(row.body) else row.body
    method = getattr(http, row.method.lower())
    if row.json:
        return method(path, data=body or {}, content_type="application/json")
    if row.method == "GET":
        return method(path, data=body or None)
    return method(path, data=body or {})


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_route_answers_each_role_as_declared(row, role_clients, matrix_ctx):
    """Each role gets exactly the declared status (404, not 403, for other teams' records)."""
    wrong = []
    for role in ROLES:
        response = _send(role_clients[role], row, matrix_ctx)
        if response.status_code != row.expect[role]:
            wrong.append(f"{role}: got {response.status_code}, want {row.expect[role]}")
    assert not wrong, f"{row.id}: " + "; ".join(wrong)


def test_every_route_has_a_declared_expectation():
    """A route found by the URL resolver without a row in some access_matrix.py fails here."""
    declared = {row.route for row in ROWS}
    missing = sorted(
        f"{name or '(unnamed)'} [{pattern}]"
        for name, pattern in iter_route_names()
        if not name.startswith(EXEMPT_NAMESPACES) and name not in declared
    )
    assert not missing, "routes without permission-matrix rows: " + ", ".join(missing)


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
