"""Writing the audit log. Call inside the transaction of the change it records (services do)."""

import logging
from typing import Any

from django.db import DatabaseError, models

from kotipolku.core import context
from kotipolku.core.models import AuditAction, AuditEvent

log = logging.getLogger(__name__)


def _actor_fields(actor: Any) -> dict[str, str]:
    from kotipolku.core.access import LandlordPrincipal  # local: access imports this module

    if isinstance(actor, LandlordPrincipal):
        return {
            "actor_type": "landlord",
            "actor_id": str(actor.organisation.pk),
            "actor_label": actor.organisation.name,
        }
    if actor is not None and getattr(actor, "is_authenticated", False):
        return {"actor_type": "user", "actor_id": str(actor.pk), "actor_label": actor.get_username()}
    if actor == "system":
        return {"actor_type": "system", "actor_id": "", "actor_label": "system"}
    return {"actor_type": "anonymous", "actor_id": "", "actor_label": ""}


def object_type_of(model: type[models.Model] | models.Model) -> str:
    return model._meta.label


def client_id_of(obj: models.Model) -> str:
    """The client a record belongs to: models say so with `audit_client_id` (a property or attribute)."""
    value = getattr(obj, "audit_client_id", None)
    return "" if value is None else str(value)


def _storable(value: Any) -> Any:
    """Text for the audit log with any NUL character written as the four characters \\x00.

    PostgreSQL cannot store NUL in text or JSON, and a refused request may carry one (a guessed id, a
    filter value): the event must still be written, showing what was asked for.
    """
    if isinstance(value, str):
        return value.replace("\x00", "\\x00")
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    return value


def event(
    actor: Any,
    action: AuditAction | str,
    *,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    client_id: str | int = "",
    **detail: Any,
) -> AuditEvent:
    """The unsaved event of record(): for a service that stores it in the same statement as the change
    (core.inserts.insert_linked, which also fills in object_id when obj is new)."""
    ctx = context.current()
    if obj is not None:
        object_type = object_type or object_type_of(obj)
        object_id = object_id or obj.pk
        client_id = client_id or client_id_of(obj)
    return AuditEvent(
        **_actor_fields(actor),
        action=AuditAction(action),
        object_type=_storable(object_type),
        object_id=_storable(str(object_id or "")),
        client_id=_storable(str(client_id or "")),
        request_id=ctx.request_id,
        ip=ctx.ip,
        detail=_storable(detail),
    )


def record(actor: Any, action: AuditAction | str, **what: Any) -> AuditEvent:
    """Write one event (arguments as event()); call inside the transaction of the change it records."""
    saved = event(actor, action, **what)
    saved.save()
    return saved


def record_list(actor: Any, model: type[models.Model], rows: list[models.Model]) -> AuditEvent:
    """One event for a list read, naming every row shown (and their clients)."""
    client_ids = sorted({c for c in (client_id_of(r) for r in rows) if c})
    return record(
        actor,
        AuditAction.READ,
        object_type=object_type_of(model),
        ids=[str(r.pk) for r in rows],
        client_ids=client_ids,
    )


def refused(
    actor: Any, action: AuditAction | str, *, object_type: str, object_id: str | int = "", client_id="", reason: str
) -> None:
    """Record that a signed-in actor was refused an object or an area (ASVS 7.1.3, gap G4).

    reason: "not_visible" (the object exists but belongs to another team or landlord), "not_found"
    (no such object: an id that was guessed or mistyped), "action_not_allowed" or "area". Anonymous
    visitors are not recorded: they are sent to the login page, and rows written for unauthenticated
    traffic would let anyone fill the log. During a request the event is written when the request
    ends (flush_pending), outside the transaction that the refusal rolls back.
    """
    fields = _actor_fields(actor)
    if fields["actor_type"] == "anonymous":
        return
    ctx = context.active()
    event = AuditEvent(
        **fields,
        action=AuditAction.REFUSED,
        object_type=_storable(object_type),
        object_id=_storable(str(object_id or "")),
        client_id=_storable(str(client_id or "")),
        request_id=ctx.request_id if ctx else "",
        ip=ctx.ip if ctx else None,
        detail={"reason": reason, "asked": str(AuditAction(action))},
    )
    if ctx is None:
        event.save()
    else:
        ctx.pending_events.append(event)


def flush_pending(ctx: context.RequestContext) -> None:
    """Write the refusals of a finished request. A database fault must not turn the answer into a 500:
    it is logged (counts only, no personal data) and the request's own answer goes out unchanged."""
    if not ctx.pending_events:
        return
    events, ctx.pending_events[:] = list(ctx.pending_events), []
    try:
        AuditEvent.objects.bulk_create(events)
    except DatabaseError as exc:
        log.error("Could not write %d refused-access audit event(s): %s", len(events), type(exc).__name__)
