"""Triage queue: order, overdue state, claim, contact attempts, conversion, closing, isolation."""

import datetime as dt

import pytest
from django.utils import timezone

from kotipolku.clients.models import Client
from kotipolku.intake.models import IntakeItem, ItemStatus, LandlordNotice, NoticeStatus
from kotipolku.intake.tests.factories import notice_payload, synthetic_hetu

API = "/api/v1/landlord/notices"
pytestmark = pytest.mark.django_db


def send(http, **overrides) -> dict:
    payload = notice_payload(**overrides)
    return http.post(API, data=payload, content_type="application/json").json()


def item_of(notice: dict) -> IntakeItem:
    return IntakeItem.objects.get(landlord_notice_id=notice["id"])


def test_queue_lists_items_in_rule_order(as_landlord_a, as_worker_a, team_a):
    """Eviction application first, then the larger arrears, then other notices."""
    send(as_landlord_a, external_id="OTHER", notice_type="disturbance_warning", amount_eur=None, months_in_arrears=None)
    send(as_landlord_a, external_id="SMALL", months_in_arrears=1, amount_eur=300)
    send(as_landlord_a, external_id="EVICT", notice_type="eviction_application")
    send(as_landlord_a, external_id="BIG", months_in_arrears=4, amount_eur=3000)
    rows = as_worker_a.get("/fi/staff/intake/").context["rows"]
    order = [row["item"].landlord_notice.external_id for row in rows]
    assert order == ["EVICT", "BIG", "SMALL", "OTHER"]


def test_worker_of_another_team_sees_nothing_and_gets_404(as_landlord_a, as_worker_b, team_a, team_b):
    """Team A's item is absent from worker B's queue and its page answers 404."""
    notice = send(as_landlord_a, municipality="Vantaa")
    item = item_of(notice)
    assert as_worker_b.get("/fi/staff/intake/").context["rows"] == []
    assert as_worker_b.get(f"/fi/staff/intake/{item.pk}/").status_code == 404
    assert as_worker_b.post(f"/fi/staff/intake/{item.pk}/claim/").status_code == 404
    assert as_worker_b.post(f"/fi/staff/intake/{item.pk}/close/", {"reason": "spam"}).status_code == 404
    item.refresh_from_db()
    assert item.status == ItemStatus.NEW


def test_overdue_item_shows_badge(as_landlord_a, as_worker_a, team_a):
    """An item past its due day without contact is marked overdue in the queue."""
    item = item_of(send(as_landlord_a))
    IntakeItem.objects.filter(pk=item.pk).update(first_contact_due=dt.date(2020, 1, 2))
    response = as_worker_a.get("/fi/staff/intake/")
    assert response.context["rows"][0]["overdue"] is True and response.context["overdue_count"] == 1
    assert "Myöhässä" in response.content.decode()
    assert as_worker_a.get("/fi/staff/intake/", {"overdue": "on"}).context["rows"][0]["item"] == item


def test_claim_and_reached_attempt_move_the_landlord_visible_status(as_landlord_a, as_worker_a, worker_a, team_a):
    """Claiming does not tell the landlord anything; reaching the tenant shows `contacted`."""
    notice = send(as_landlord_a)
    item = item_of(notice)
    as_worker_a.post(f"/fi/staff/intake/{item.pk}/claim/")
    item.refresh_from_db()
    assert item.claimed_by == worker_a and item.status == ItemStatus.CLAIMED
    assert as_landlord_a.get(f"{API}/{notice['id']}").json()["status"] == "received"
    as_worker_a.post(f"/fi/staff/intake/{item.pk}/attempt/", {"method": "phone", "reached": ""})
    item.refresh_from_db()
    assert item.first_contact_at is None and item.attempts.count() == 1
    as_worker_a.post(f"/fi/staff/intake/{item.pk}/attempt/", {"method": "visit", "reached": "on", "note": "Tavattiin."})
    item.refresh_from_db()
    assert item.first_contact_at is not None and item.status == ItemStatus.CONTACTED
    assert as_landlord_a.get(f"{API}/{notice['id']}").json()["status"] == "contacted"


def test_convert_matches_existing_client_by_identity_code(as_landlord_a, as_worker_a, team_a):
    """A notice about an existing client of the team is linked to that client; none is created."""
    client = Client.objects.create(nickname="Olemassa", henkilotunnus=synthetic_hetu())
    client.teams.add(team_a)
    notice = send(as_landlord_a)
    item = item_of(notice)
    response = as_worker_a.post(f"/fi/staff/intake/{item.pk}/convert/")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.client == client and item.status == ItemStatus.CONVERTED
    assert Client.objects.count() == 1
    assert as_landlord_a.get(f"{API}/{notice['id']}").json()["status"] == NoticeStatus.SUPPORT_STARTED


def test_convert_creates_a_new_client_with_the_tenant_identity(as_landlord_a, as_worker_a, team_a):
    """Without a match a new client of the item's team is created with the notice's identity."""
    tenant = {"henkilotunnus": synthetic_hetu(individual=951), "name": "Maija Testinen"}
    notice = send(as_landlord_a, tenant=tenant)
    as_worker_a.post(f"/fi/staff/intake/{item_of(notice).pk}/convert/")
    client = Client.objects.get()
    assert client.last_name == "Testinen" and client.henkilotunnus.reveal() == tenant["henkilotunnus"]
    assert list(client.teams.all()) == [team_a]


def test_close_with_reason_and_second_close_is_refused_politely(as_landlord_a, as_worker_a, team_a):
    """Closing records the reason and shows `closed` to the landlord; closing again only shows a message."""
    notice = send(as_landlord_a)
    item = item_of(notice)
    as_worker_a.post(f"/fi/staff/intake/{item.pk}/close/", {"reason": "unreachable", "note": "3 yritystä"})
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED and item.close_reason == "unreachable"
    assert LandlordNotice.objects.get().status == NoticeStatus.CLOSED
    again = as_worker_a.post(f"/fi/staff/intake/{item.pk}/close/", {"reason": "spam"}, follow=True)
    assert "jo suljettu" in again.content.decode()
    item.refresh_from_db()
    assert item.close_reason == "unreachable"


def test_close_without_reason_is_refused(as_landlord_a, as_worker_a, team_a):
    """An invalid close form changes nothing."""
    item = item_of(send(as_landlord_a))
    as_worker_a.post(f"/fi/staff/intake/{item.pk}/close/", {"reason": "because"})
    item.refresh_from_db()
    assert item.status == ItemStatus.NEW


def test_item_page_shows_details_to_the_team_and_audits_the_read(as_landlord_a, as_worker_a, team_a):
    """The team sees the masked identity code and the amount; the read is audited."""
    from kotipolku.core.models import AuditEvent

    item = item_of(send(as_landlord_a))
    html = as_worker_a.get(f"/fi/staff/intake/{item.pk}/").content.decode()
    assert synthetic_hetu()[:7] + "****" in html and synthetic_hetu() not in html
    assert "väliaikainen tunnus" in html
    assert AuditEvent.objects.filter(object_type="intake.IntakeItem", object_id=str(item.pk), action="read").exists()


def test_reference_code_search_finds_the_anonymous_request(anonymous, as_worker_a, team_a):
    """A person who calls back with the reference code is found by it."""
    from kotipolku.intake import services
    from kotipolku.intake.models import ContactRequest

    services.contact_request_submit(
        actor=None, theme="", urgency="soon", contact_method="callback", preferred_language="fi", municipality="Vantaa"
    )
    code = ContactRequest.objects.get().reference_code
    rows = as_worker_a.get("/fi/staff/intake/", {"code": code.lower().replace("-", "")}).context["rows"]
    assert [r["item"].contact_request.reference_code for r in rows] == [code]


def test_lead_sees_both_teams(as_landlord_a, as_lead, team_a, team_b):
    """The lead of both teams sees items of both."""
    send(as_landlord_a, external_id="A", municipality="Vantaa")
    send(as_landlord_a, external_id="B", municipality="Hyvinkää")
    rows = as_lead.get("/fi/staff/intake/").context["rows"]
    assert {r["item"].team for r in rows} == {team_a, team_b}


def test_first_contact_compliance_is_recorded(as_landlord_a, as_worker_a, team_a):
    """first_contact_at and first_contact_due give deadline compliance for reports."""
    from kotipolku.intake import rules

    item = item_of(send(as_landlord_a))
    as_worker_a.post(f"/fi/staff/intake/{item.pk}/attempt/", {"method": "phone", "reached": "on"})
    item.refresh_from_db()
    assert rules.was_on_time(due=item.first_contact_due, first_contact_at=item.first_contact_at) is True
    assert item.first_contact_at <= timezone.now()


def test_reassign_moves_the_item_to_the_other_team(as_landlord_a, as_worker_a, as_worker_b, worker_a, team_a, team_b):
    """A worker routes an item to the team of the person's municipality; then only that team sees it."""
    item = item_of(send(as_landlord_a, municipality="Vantaa"))
    as_worker_a.post(f"/fi/staff/intake/{item.pk}/claim/")
    response = as_worker_a.post(f"/fi/staff/intake/{item.pk}/reassign/", {"team": team_b.pk})
    assert response.status_code == 302 and response.url.endswith("/fi/staff/intake/")
    item.refresh_from_db()
    assert item.team == team_b and item.claimed_by is None and item.status == ItemStatus.NEW
    assert as_worker_a.get(f"/fi/staff/intake/{item.pk}/").status_code == 404
    assert as_worker_b.get(f"/fi/staff/intake/{item.pk}/").status_code == 200


def test_convert_does_not_reveal_or_duplicate_another_team_client(as_landlord_a, as_worker_a, team_a, team_b):
    """When only another team has a client with the code, nothing is linked or created; a message explains."""
    other = Client.objects.create(nickname="Toisen tiimin", henkilotunnus=synthetic_hetu())
    other.teams.add(team_b)
    item = item_of(send(as_landlord_a, municipality="Vantaa"))
    response = as_worker_a.post(f"/fi/staff/intake/{item.pk}/convert/", follow=True)
    assert response.status_code == 200 and list(response.context["messages"])
    item.refresh_from_db()
    assert item.client is None and item.status == ItemStatus.NEW
    assert Client.objects.count() == 1
