"""Writing the audit log. Call inside the transaction of the change it records (services do)."""

from typing import Any

from django.db import models

from kotipolku.core import context
from kotipolku.core.models import AuditAction, AuditEvent


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


def record(
    actor: Any,
    action: AuditAction | str,
    *,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    client_id: str | int = "",
    **detail: Any,
) -> AuditEvent:
    ctx = context.current()
    if obj is not None:
        object_type = object_type or object_type_of(obj)
        object_id = object_id or obj.pk
        client_id = client_id or client_id_of(obj)
    return AuditEvent.objects.create(
        **_actor_fields(actor),
        action=AuditAction(action),
        object_type=object_type,
        object_id=str(object_id or ""),
        client_id=str(client_id or ""),
        request_id=ctx.request_id,
        ip=ctx.ip,
        detail=detail,
    )


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
