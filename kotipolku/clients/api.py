"""Client API (staff session, team-scoped)."""

import datetime as dt

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema, Status

from kotipolku.clients import selectors, services
from kotipolku.clients.models import AuthorityContact, EncounterType, Topic
from kotipolku.core.api import actor_of, staff_auth

router = Router(tags=["clients"], auth=staff_auth)


class ClientOut(Schema):
    id: int
    display_name: str
    identified: bool
    henkilotunnus_masked: str | None
    teams: list[str]
    status: str
    long_term_homeless: bool
    last_met_at: dt.datetime | None


def _out(client) -> dict:
    return {
        "id": client.pk,
        "display_name": client.display_name,
        "identified": client.is_identified,
        "henkilotunnus_masked": client.henkilotunnus.masked if client.henkilotunnus else None,
        "teams": [t.name for t in client.teams.all()],
        "status": client.status,
        "long_term_homeless": client.long_term_homeless,
        "last_met_at": client.last_met_at,
    }


class ClientPage(Schema):
    items: list[ClientOut]
    count: int  # all clients the caller may see
    page: int
    page_size: int


class Error(Schema):
    detail: list[dict]


class EncounterIn(Schema):
    type: EncounterType = EncounterType.OUTREACH
    occurred_at: dt.datetime | None = None
    topics: list[Topic] = Field(default_factory=list)
    authority_contacts: list[AuthorityContact] = Field(default_factory=list)
    experience_expert_present: bool = False
    note: str = Field("", max_length=1000)


class EncounterOut(Schema):
    id: int
    client_id: int
    type: str
    occurred_at: dt.datetime
    topics: list[str]
    authority_contacts: list[str]
    experience_expert_present: bool


@router.get("/clients", response=ClientPage, url_name="client-list")
def list_clients(request, page: int = Query(1, ge=1, le=1_000_000), page_size: int = Query(100, ge=1, le=500)):
    """The caller's teams' clients, newest first, one page at a time."""
    clients, total = selectors.client_list_page(actor=actor_of(request), page=page, page_size=page_size)
    return {"items": [_out(c) for c in clients], "count": total, "page": page, "page_size": page_size}


@router.get("/clients/{client_id}", response=ClientOut, url_name="client-detail")
def get_client(request, client_id: int):
    return _out(selectors.client_get(actor=actor_of(request), client_id=client_id))


def _error_detail(exc: ValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [{"field": f, "reason": " ".join(ValidationError(e).messages)} for f, e in exc.error_dict.items()]
    return [{"field": None, "reason": " ".join(exc.messages)}]


@router.post(
    "/clients/{client_id}/encounters",
    response={201: EncounterOut, 400: Error},
    url_name="client-encounter-create",
)
def create_encounter(request, client_id: int, payload: EncounterIn):
    """Log an encounter; the signed-in worker is recorded as present."""
    try:
        encounter = services.encounter_log(
            actor=actor_of(request),
            client=client_id,
            type=payload.type,
            occurred_at=payload.occurred_at,
            topics=[str(t) for t in payload.topics],
            authority_contacts=[str(a) for a in payload.authority_contacts],
            experience_expert_present=payload.experience_expert_present,
            note=payload.note,
        )
    except ValidationError as exc:
        return Status(400, {"detail": _error_detail(exc)})
    return Status(201, encounter)
