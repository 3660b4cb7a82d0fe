"""The permission matrix: every URL route of the project × every role → expected HTTP status.

Each module declares its rows in `kotipolku/<app>/access_matrix.py` as `ROWS` (and, when rows need
objects, a `setup(ctx)` function that creates them and stores them on ctx). The test in
core/tests/test_permission_matrix.py discovers every route from the URL resolver and fails when a
route has no row, so a new URL cannot be forgotten.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("anonymous", "worker_a", "worker_b", "lead", "editor", "landlord_a", "landlord_b", "admin")
STAFF_ROLES = ("worker_a", "worker_b", "lead", "editor", "admin")
NO_SESSION = ("anonymous", "landlord_a", "landlord_b")  # landlord tokens are not staff sessions


@dataclass
class Row:
    """One request made as every role. `path` and `body` may be callables of the setup context."""

    route: str  # the URL name with namespace, e.g. "staff-home" or "api:client-detail"
    expect: dict[str, int]
    path: str | Callable[[Any], str] = ""
    method: str = "GET"
    body: dict | Callable[[Any], dict] | None = None
    json: bool = False  # send body as JSON (API) rather than a form
    note: str = ""
    # A signed-in role's 403/404 here is an access decision and must write a "refused" audit event.
    # False only where the 403/404 decides nothing about access (e.g. a public page that does not exist).
    audited_refusal: bool = True

    def __post_init__(self):
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"row {self.route} {self.method}: no expectation for roles {sorted(missing)}")

    @property
    def id(self) -> str:
        return f"{self.method} {self.route}{' ' + self.note if self.note else ''}"


def expect(default: int, **by_role: int) -> dict[str, int]:
    return {role: by_role.get(role, default) for role in ROLES}


def public(status: int = 200) -> dict[str, int]:
    """Open to everyone."""
    return expect(status)


def staff_page(*allowed: str, ok: int = 200) -> dict[str, int]:
    """An HTML staff page: anonymous and landlords are sent to login, other staff get 403."""
    return {role: 302 if role in NO_SESSION else (ok if role in allowed else 403) for role in ROLES}


def staff_api(*allowed: str, ok: int = 200) -> dict[str, int]:
    """A staff API endpoint: no session → 401, staff outside the area → 403."""
    return {role: 401 if role in NO_SESSION else (ok if role in allowed else 403) for role in ROLES}


def team_a_object(*, page: bool, ok: int = 200) -> dict[str, int]:
    """A record of team A: its workers, the lead and admins; worker B gets 404; editors 403."""
    base = staff_page("worker_a", "lead", "admin", ok=ok) if page else staff_api("worker_a", "lead", "admin", ok=ok)
    return {**base, "worker_b": 404}


def landlord_api(ok: int = 200, *, landlord_a: int | None = None, landlord_b: int | None = None) -> dict[str, int]:
    """Landlord token endpoints: only landlord tokens; staff sessions are not landlords. A row about one
    landlord's object gives the other landlord 404 (`landlord_b=404`): the cross-landlord IDOR check."""
    by_landlord = {
        "landlord_a": ok if landlord_a is None else landlord_a,
        "landlord_b": ok if landlord_b is None else landlord_b,
    }
    return {role: by_landlord.get(role, 401) for role in ROLES}


@dataclass
class Context:
    """Objects created by modules' setup functions, available to row paths and bodies."""

    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "objects":
            super().__setattr__(name, value)
        else:
            self.objects[name] = value


def iter_route_names(patterns=None, namespace: str = ""):
    """Yield (name, pattern) for every URL pattern the project serves."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from iter_route_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern):
            yield (f"{namespace}{p.name or ''}", str(p.pattern))
