"""Client API (staff session, team-scoped)."""

from ninja import Router, Schema

from kotipolku.clients import selectors
from kotipolku.core.api import actor_of, staff_auth

router = Router(tags=["clients"], auth=staff_auth)


class ClientOut(Schema):
    id: int
    display_name: str
    identified: bool
    henkilotunnus_masked: str | None
    teams: list[str]


def _out(client) -> dict:
    return {
        "id": client.pk,
        "display_name": client.display_name,
        "identified": client.is_identified,
        "henkilotunnus_masked": client.henkilotunnus.masked if client.henkilotunnus else None,
        "teams": [t.name for t in client.teams.all()],
    }


class ClientPage(Schema):
    items: list[ClientOut]
    count: int


@router.get("/clients", response=ClientPage, url_name="client-list")
def list_clients(request):
    clients = selectors.client_list(actor=actor_of(request))
    return {"items": [_out(c) for c in clients], "count": len(clients)}


@router.get("/clients/{client_id}", response=ClientOut, url_name="client-detail")
def get_client(request, client_id: int):
    return _out(selectors.client_get(actor=actor_of(request), client_id=client_id))
