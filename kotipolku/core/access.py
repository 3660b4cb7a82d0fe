"""The one object-level permission rule of Kotipolku. Every view, API endpoint, service and selector
that touches personal data asks here, and `authorize` writes the audit event in the same call.

Models opt in by declaring `access_scope`, built from the scopes below:
    access_scope = TeamScope("teams")                      # client data of the actor's teams
    access_scope = AnyOf(TeamScope("team"), LandlordScope("landlord"))
Objects an actor may not see raise Http404 (their existence is not revealed); visible objects
with a forbidden action raise PermissionDenied.
"""

from dataclasses import dataclass
from enum import StrEnum
from functools import reduce
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404

from kotipolku.core import audit
from kotipolku.core.models import AuditAction, LandlordOrganisation, Role, User

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class LandlordPrincipal:
    """The actor behind a landlord API token."""

    organisation: LandlordOrganisation
    is_authenticated: bool = True

    @property
    def pk(self) -> int:
        return self.organisation.pk


Actor = User | AnonymousUser | LandlordPrincipal | None


class Area(StrEnum):
    """Coarse areas of the product; the object rule below narrows within them."""

    STAFF = "staff"  # any staff member: staff front page
    CLIENT_WORK = "client_work"  # client records, intake queue
    REPORTS = "reports"  # dashboards and exports
    CONTENT = "content"  # handbook, bot, services, instruments editing
    AUDIT = "audit"  # the audit log
    LANDLORD = "landlord"  # landlord API


AREA_ROLES: dict[Area, set[str]] = {
    Area.STAFF: {Role.WORKER, Role.LEAD, Role.EDITOR, Role.ADMIN},
    Area.CLIENT_WORK: {Role.WORKER, Role.LEAD, Role.ADMIN},
    Area.REPORTS: {Role.LEAD, Role.ADMIN},
    Area.CONTENT: {Role.EDITOR, Role.ADMIN},
    Area.AUDIT: {Role.ADMIN},
}


def is_staff_user(actor: Actor) -> bool:
    return isinstance(actor, User) and actor.is_authenticated and actor.is_active


def role_of(actor: Actor) -> str | None:
    if not is_staff_user(actor):
        return None
    return Role.ADMIN if actor.is_superuser else actor.role


def in_area(actor: Actor, area: Area) -> bool:
    if area is Area.LANDLORD:
        return isinstance(actor, LandlordPrincipal)
    return role_of(actor) in AREA_ROLES[area]


def require_area(actor: Actor, area: Area) -> None:
    if not in_area(actor, area):
        refuse_area(actor, area)
        raise PermissionDenied


def refuse_area(actor: Actor, area: Area) -> None:
    """Audit a signed-in actor sent away from an area (the caller answers 403)."""
    audit.refused(actor, AuditAction.READ, object_type="area", object_id=area.value, reason="area")


def team_ids(actor: Actor) -> frozenset[int]:
    """Teams whose client data the actor may handle (cached on the user object for the request)."""
    if not is_staff_user(actor):
        return frozenset()
    cached = getattr(actor, "_kotipolku_team_ids", None)
    if cached is None:
        cached = frozenset(actor.memberships.values_list("team_id", flat=True))
        actor._kotipolku_team_ids = cached
    return cached


class Scope:
    def q_for(self, actor: Actor) -> Q:  # pragma: no cover - interface
        raise NotImplementedError

    def allows(self, actor: Actor, action: AuditAction) -> bool:
        return True


@dataclass(frozen=True)
class TeamScope(Scope):
    """Client data: workers and leads of the owning team(s); admins all."""

    path: str
    write_roles: frozenset[str] = frozenset({Role.WORKER, Role.LEAD, Role.ADMIN})

    def q_for(self, actor: Actor) -> Q:
        role = role_of(actor)
        if role == Role.ADMIN:
            return Q()
        if role in (Role.WORKER, Role.LEAD):
            return Q(**{f"{self.path}__in": team_ids(actor)})
        return NOTHING

    def allows(self, actor: Actor, action: AuditAction) -> bool:
        return action in (AuditAction.READ, AuditAction.EXPORT) or role_of(actor) in self.write_roles


@dataclass(frozen=True)
class LandlordScope(Scope):
    """A landlord's own records (its notices): only that landlord."""

    path: str

    def q_for(self, actor: Actor) -> Q:
        if isinstance(actor, LandlordPrincipal):
            return Q(**{self.path: actor.organisation.pk})
        return NOTHING


@dataclass(frozen=True)
class RoleScope(Scope):
    """Records that whole roles may see (e.g. the audit log: admins only)."""

    roles: frozenset[str]

    def q_for(self, actor: Actor) -> Q:
        return Q() if role_of(actor) in self.roles else NOTHING


class AnyOf(Scope):
    def __init__(self, *scopes: Scope):
        self.scopes = scopes

    def q_for(self, actor: Actor) -> Q:
        parts = [q for q in (s.q_for(actor) for s in self.scopes) if q != NOTHING]
        if not parts:
            return NOTHING
        if any(not q for q in parts):  # an unrestricted scope wins
            return Q()
        return reduce(lambda a, b: a | b, parts)

    def allows(self, actor: Actor, action: AuditAction) -> bool:
        return any(s.q_for(actor) != NOTHING and s.allows(actor, action) for s in self.scopes)


def scope_of(model: type[models.Model]) -> Scope:
    scope = getattr(model, "access_scope", None)
    if scope is None:
        raise TypeError(f"{model.__name__} holds no declared access_scope; add one before exposing it.")
    return scope


def visible(actor: Actor, queryset: models.QuerySet) -> models.QuerySet:
    """Narrow a queryset to what the actor may see. Never returns rows of other teams or landlords."""
    q = scope_of(queryset.model).q_for(actor)
    if q == NOTHING:
        return queryset.none()
    return queryset.filter(q).distinct() if q else queryset


def check(actor: Actor, action: AuditAction, obj: models.Model) -> None:
    """Raise Http404 if the actor may not see obj, PermissionDenied if it may see but not do action.

    Either refusal is audited (audit.refused), so id guessing shows in the audit log."""
    scope = scope_of(type(obj))
    q = scope.q_for(actor)
    if q == NOTHING or (q and not type(obj)._default_manager.filter(q, pk=obj.pk).exists()):
        _refuse(actor, action, obj, "not_visible")
        raise Http404
    if not scope.allows(actor, action):
        _refuse(actor, action, obj, "action_not_allowed")
        raise PermissionDenied


def _refuse(actor: Actor, action: AuditAction, obj: models.Model, reason: str) -> None:
    audit.refused(
        actor,
        action,
        object_type=audit.object_type_of(obj),
        object_id=obj.pk,
        client_id=audit.client_id_of(obj),
        reason=reason,
    )


def authorize(actor: Actor, action: AuditAction, obj: models.Model, **detail: Any) -> models.Model:
    """Check the rule and record the access in the audit log; returns obj for chaining."""
    check(actor, action, obj)
    audit.record(actor, action, obj=obj, **detail)
    return obj


def get_for(actor: Actor, queryset: models.QuerySet, action: AuditAction = AuditAction.READ, **lookup: Any):
    """Fetch one object the actor may see, check `action` and audit it; Http404 otherwise."""
    return authorize(actor, action, get_visible(actor, queryset, action, **lookup))


def get_visible(actor: Actor, queryset: models.QuerySet, action: AuditAction = AuditAction.READ, **lookup: Any):
    """One object the actor may see, for a caller that audits what it then does with it (a write).
    Http404 otherwise, audited as a refused `action`."""
    try:
        return visible(actor, queryset).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        _refuse_lookup(actor, action, queryset.model, lookup)
        raise Http404 from None


def refusal(
    actor: Actor, action: AuditAction, *, object_type: str, object_id: str | int = "", reason: str, status: int = 403
) -> Exception:
    """Audit a refusal decided outside the scopes (a team the actor is not in, a role that may not do
    this) and return the exception to raise: `raise access.refusal(...)`; 404 hides that it exists."""
    audit.refused(actor, action, object_type=object_type, object_id=object_id, reason=reason)
    return Http404() if status == 404 else PermissionDenied()


def _refuse_lookup(actor: Actor, action: AuditAction, model: type[models.Model], lookup: dict) -> None:
    """Audit a lookup that found nothing the actor may see, telling a guessed id of another team's
    record ("not_visible") from one that does not exist ("not_found"). Only refused lookups pay
    for the extra query."""
    if not in_area(actor, Area.STAFF) and not isinstance(actor, LandlordPrincipal):
        return  # anonymous visitors are not recorded (audit.refused)
    try:
        exists = model._default_manager.filter(**lookup).exists()
    except (ValueError, TypeError, OverflowError, ValidationError):  # an id not even of the right type or size
        exists = False
    object_id = next((str(v) for k, v in lookup.items() if k in ("pk", "id", "public_id")), "")
    audit.refused(
        actor,
        action,
        object_type=audit.object_type_of(model),
        object_id=object_id[:64],
        reason="not_visible" if exists else "not_found",
    )


def read_list(actor: Actor, queryset: models.QuerySet, rows: list[models.Model] | None = None) -> list:
    """Evaluate a visible list of personal data and write one audit event naming the rows read."""
    rows = list(visible(actor, queryset)) if rows is None else rows
    audit.record_list(actor, queryset.model, rows)
    return rows
