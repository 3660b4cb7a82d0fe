"""Staff pages, the public feedback page and the API: behaviour, team boundary, bounded queries."""

import datetime as dt

import pytest
from django.utils import timezone

from kotipolku.clients.models import Client, ClientFeedback, Encounter
from kotipolku.clients.services import (
    client_create,
    encounter_log,
    feedback_link_create,
    goal_add,
    housing_period_add,
    referral_create,
)
from kotipolku.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
# Session, user, the session's one-time code device (core.mfa), teams, a count and a page of ids, those
# rows with their counts, the audit event.
CASELOAD_QUERIES = 12
# Plus one prefetch per section of the client page and the encounters page with its workers.
CLIENT_PAGE_QUERIES = 20


def _populate(worker, team, n_clients: int, n_encounters: int) -> list[Client]:
    clients = []
    for i in range(n_clients):
        c = client_create(actor=worker, team=team, nickname=f"Asiakas {i}")
        housing_period_add(actor=worker, client=c, status="dormitory_hostel", start_date=dt.date(2024, 1, 1))
        goal_add(actor=worker, client=c, text="Asunto", target_date=timezone.localdate() + dt.timedelta(days=9))
        referral_create(actor=worker, client=c, target_text="Kela", next_step_on=timezone.localdate())
        for d in range(n_encounters):
            encounter_log(actor=worker, client=c, occurred_at=timezone.now() - dt.timedelta(days=d + 1))
        clients.append(c)
    return clients


def test_quick_encounter_form_saves_with_defaults(as_worker_a, worker_a, client_a):
    """Posting only the type and today's date logs an outreach encounter with me present."""
    response = as_worker_a.post(
        f"/fi/staff/asiakkaat/{client_a.pk}/tapaaminen/",
        {"type": "outreach", "date": timezone.localdate().isoformat(), "topics": ["benefits"]},
    )
    assert response.status_code == 302
    enc = Encounter.objects.get()
    assert enc.topics == ["benefits"] and list(enc.workers.all()) == [worker_a]


def test_quick_encounter_form_refuses_future_date_with_field_error(as_worker_a, client_a):
    """A future date re-renders the form with a message and saves nothing."""
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = as_worker_a.post(
        f"/fi/staff/asiakkaat/{client_a.pk}/tapaaminen/", {"type": "outreach", "date": tomorrow}
    )
    assert response.status_code == 400
    assert "tulevaisuudessa" in response.content.decode()
    assert not Encounter.objects.exists()


def test_overlapping_period_form_shows_message(as_worker_a, worker_a, client_a):
    """An overlapping housing period is refused on the form."""
    housing_period_add(
        actor=worker_a,
        client=client_a,
        status="own_rental",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 6, 30),
    )
    response = as_worker_a.post(
        f"/fi/staff/asiakkaat/{client_a.pk}/asuminen/",
        {"status": "outdoors_shelter", "start_date": "2025-03-01", "end_date": "2025-04-01"},
    )
    assert response.status_code == 400 and "päällekkäin" in response.content.decode()


def test_stale_edit_form_tells_the_worker(as_worker_a, worker_a, client_a):
    """Submitting an edit form loaded before someone else's save shows the conflict message."""
    from kotipolku.clients.services import client_update

    client_update(actor=worker_a, client=client_a.pk, version=1, nickname="Toisen muutos")
    response = as_worker_a.post(f"/fi/staff/asiakkaat/{client_a.pk}/muokkaa/", {"nickname": "Oma", "version": 1})
    assert response.status_code == 400 and "Joku muu muutti" in response.content.decode()
    assert Client.objects.get(pk=client_a.pk).nickname == "Toisen muutos"


def test_create_outreach_contact_with_duplicate_code_is_refused(as_worker_a, worker_b, team_a, team_b):
    """The new-client form refuses a code another client already has."""
    client_create(actor=worker_b, team=team_b, nickname="B", henkilotunnus="010190-900P")
    response = as_worker_a.post(
        "/fi/staff/asiakkaat/uusi/", {"nickname": "A", "team": team_a.pk, "henkilotunnus": "010190-900P"}
    )
    assert response.status_code == 400 and "jo asiakas" in response.content.decode()
    assert Client.objects.count() == 1


def test_public_feedback_link_works_once(anonymous, worker_a, client_a):
    """The anonymous page accepts one answer; the second visit says the link is used."""
    _link, token = feedback_link_create(actor=worker_a, client=client_a)
    url = f"/fi/palaute/{token}/"
    assert anonymous.get(url).status_code == 200
    assert anonymous.post(url, {"trust_grown": "4", "free_text": "Kiitos"}).status_code == 200
    assert ClientFeedback.objects.get().client is None
    assert anonymous.get(url).status_code == 410


def test_worker_b_gets_404_on_every_client_page_and_api(as_worker_b, client_a):
    """Every client-specific URL answers 404 to another team's worker."""
    base = f"/fi/staff/asiakkaat/{client_a.pk}/"
    for suffix in (
        "",
        "tapaaminen/",
        "muokkaa/",
        "tunnista/",
        "asuminen/",
        "tavoitteet/",
        "ohjaukset/",
        "paata/",
        "palaute/",
        "palautelinkki/",
        "tiedot/",
        "tiedot.json",
        "anonymisoi/",
    ):
        assert as_worker_b.get(base + suffix).status_code == 404, suffix
    assert as_worker_b.get(f"/api/v1/clients/{client_a.pk}").status_code == 404
    response = as_worker_b.post(
        f"/api/v1/clients/{client_a.pk}/encounters", {"type": "phone"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert "Kalle" not in as_worker_b.get("/fi/staff/asiakkaat/").content.decode()


def test_api_encounter_validation_errors_are_400_with_fields(as_worker_a, client_a):
    """A future time gives 400 with the field named; an unknown topic too."""
    future = (timezone.now() + dt.timedelta(days=2)).isoformat()
    response = as_worker_a.post(
        f"/api/v1/clients/{client_a.pk}/encounters", {"occurred_at": future}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "occurred_at"
    response = as_worker_a.post(
        f"/api/v1/clients/{client_a.pk}/encounters", {"topics": ["magic"]}, content_type="application/json"
    )
    assert response.status_code == 400


def test_client_page_read_is_audited(as_worker_a, client_a):
    """Opening the client page writes a READ event naming the client."""
    as_worker_a.get(f"/fi/staff/asiakkaat/{client_a.pk}/")
    assert AuditEvent.objects.filter(action=AuditAction.READ, client_id=str(client_a.pk)).exists()


def test_export_json_contains_the_code_and_is_audited(as_worker_a, worker_a, team_a):
    """The JSON export includes the identity code in full and writes an EXPORT event."""
    c = client_create(actor=worker_a, team=team_a, first_name="Maija", henkilotunnus="010190-900P")
    response = as_worker_a.get(f"/fi/staff/asiakkaat/{c.pk}/tiedot.json")
    assert response.json()["client"]["henkilotunnus"] == "010190-900P"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, client_id=str(c.pk)).exists()


def _count_queries(django_assert_max_num_queries, http, url, limit):
    with django_assert_max_num_queries(limit):
        response = http.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("size", [(2, 1), (8, 2)])
def test_caseload_query_count_does_not_grow_with_data(
    size, as_worker_a, worker_a, team_a, django_assert_max_num_queries
):
    """Personal and team caseloads take the same bounded number of queries for 2 or 8 clients."""
    _populate(worker_a, team_a, *size)
    r = _count_queries(django_assert_max_num_queries, as_worker_a, "/fi/staff/asiakkaat/", CASELOAD_QUERIES)
    assert "Asiakas 1" in r.content.decode()
    _count_queries(
        django_assert_max_num_queries, as_worker_a, f"/fi/staff/asiakkaat/?team={team_a.pk}", CASELOAD_QUERIES
    )
    _count_queries(django_assert_max_num_queries, as_worker_a, "/fi/staff/asiakkaat/?not_met=0", CASELOAD_QUERIES)


@pytest.mark.parametrize("size", [(1, 2), (1, 25)])
def test_client_page_query_count_does_not_grow_with_data(
    size, as_worker_a, worker_a, team_a, django_assert_max_num_queries
):
    """The client page takes the same bounded number of queries with 2 or 25 encounters."""
    (client,) = _populate(worker_a, team_a, *size)
    for i in range(3):
        referral_create(actor=worker_a, client=client, target_text=f"Palvelu {i}")
    _count_queries(django_assert_max_num_queries, as_worker_a, f"/fi/staff/asiakkaat/{client.pk}/", CLIENT_PAGE_QUERIES)


def test_api_list_is_paged_and_team_scoped(as_worker_a, as_worker_b, worker_a, team_a):
    """The list answers pages with the total count; another team sees none of them."""
    for i in range(3):
        client_create(actor=worker_a, team=team_a, nickname=f"K{i}")
    data = as_worker_a.get("/api/v1/clients?page=2&page_size=2").json()
    assert data["count"] == 3 and len(data["items"]) == 1 and data["page"] == 2
    assert as_worker_b.get("/api/v1/clients").json()["count"] == 0
    assert as_worker_a.get("/api/v1/clients?page_size=501").status_code == 400


def test_quick_encounter_can_add_a_colleague_present(as_worker_a, worker_a, team_a, client_a):
    """A colleague of the same team can be ticked as present besides me."""
    from kotipolku.conftest import make_user

    colleague = make_user("colleague", "worker", team_a)
    response = as_worker_a.post(
        f"/fi/staff/asiakkaat/{client_a.pk}/tapaaminen/",
        {"type": "home_visit", "date": timezone.localdate().isoformat(), "colleagues": [colleague.pk]},
    )
    assert response.status_code == 302
    assert set(Encounter.objects.get().workers.all()) == {worker_a, colleague}


def test_search_finds_by_name_and_code_within_own_teams_only(as_worker_a, as_worker_b, worker_a, team_a):
    """Search matches names and the full identity code (by hash); another team finds nothing."""
    client_create(actor=worker_a, team=team_a, first_name="Maija", last_name="Meikäläinen", henkilotunnus="010190-900P")
    assert "Meikäläinen" in as_worker_a.get("/fi/staff/asiakkaat/?q=meikä").content.decode()
    assert "Meikäläinen" in as_worker_a.get("/fi/staff/asiakkaat/?q=010190-900P").content.decode()
    assert "Meikäläinen" not in as_worker_b.get("/fi/staff/asiakkaat/?q=010190-900P").content.decode()
    assert "Meikäläinen" not in as_worker_b.get("/fi/staff/asiakkaat/?q=Maija").content.decode()


def test_anonymise_form_takes_a_reason_code_not_free_text(as_lead, client_a):
    """The audit trail outlives the erasure, so the reason is a code: a name typed there is refused."""
    url = f"/fi/staff/asiakkaat/{client_a.pk}/anonymisoi/"
    refused = as_lead.post(url, {"reason": "Kalle Virtanen pyysi", "confirm": "on"})
    assert refused.status_code == 400
    client_a.refresh_from_db()
    assert client_a.nickname == "Kalle"

    assert as_lead.post(url, {"reason": "request", "confirm": "on"}).status_code == 302
    event = AuditEvent.objects.filter(action=AuditAction.DELETE, object_id=str(client_a.pk)).latest("pk")
    assert event.detail["reason"] == "request"
