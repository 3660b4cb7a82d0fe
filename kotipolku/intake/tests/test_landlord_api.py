"""Landlord notice API: idempotency, isolation, validation and size limits."""

import pytest

from kotipolku.core.models import AuditEvent
from kotipolku.intake.models import IntakeItem, LandlordNotice, NoticeStatus
from kotipolku.intake.tests.factories import notice_payload, synthetic_hetu

URL = "/api/v1/landlord/notices"
pytestmark = pytest.mark.django_db


def post(http, payload, url=URL):
    return http.post(url, data=payload, content_type="application/json")


def test_new_notice_is_created_and_queued(as_landlord_a, team_a):
    """A valid notice answers 201 with id, status received and created true, and enters the queue."""
    response = post(as_landlord_a, notice_payload())
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["created"] is True and data["status"] == "received"
    notice = LandlordNotice.objects.get(pk=data["id"])
    assert notice.henkilotunnus.reveal() == synthetic_hetu()
    assert notice.intake_item.team == team_a
    assert AuditEvent.objects.filter(object_type="intake.LandlordNotice", action="create").exists()


def test_resend_with_same_external_id_creates_nothing_new(as_landlord_a, team_a):
    """The same notice sent twice gives the same id and created false."""
    first = post(as_landlord_a, notice_payload()).json()
    second = post(as_landlord_a, notice_payload())
    assert second.status_code == 200
    assert second.json()["id"] == first["id"] and second.json()["created"] is False
    assert LandlordNotice.objects.count() == 1 and IntakeItem.objects.count() == 1


def test_changed_resend_updates_while_received_and_is_refused_once_handled(as_landlord_a, team_a):
    """Changed content replaces a notice still `received`; after a worker acted it answers 409."""
    first = post(as_landlord_a, notice_payload()).json()
    changed = post(as_landlord_a, notice_payload(months_in_arrears=3))
    assert changed.status_code == 200 and changed.json()["updated"] is True
    assert LandlordNotice.objects.get().months_in_arrears == 3
    LandlordNotice.objects.filter(pk=first["id"]).update(status=NoticeStatus.CONTACTED)
    refused = post(as_landlord_a, notice_payload(months_in_arrears=4))
    assert refused.status_code == 409
    assert LandlordNotice.objects.get().months_in_arrears == 3


def test_same_external_id_of_two_landlords_are_two_notices(as_landlord_a, as_landlord_b, team_a):
    """external_id is unique per landlord, not globally."""
    a = post(as_landlord_a, notice_payload("SHARED")).json()
    b = post(as_landlord_b, notice_payload("SHARED")).json()
    assert a["id"] != b["id"] and b["created"] is True


def test_landlord_b_cannot_see_landlord_a_notices(as_landlord_a, as_landlord_b, team_a):
    """Landlord B gets 404 for A's notice and an empty list."""
    a = post(as_landlord_a, notice_payload("A-ONLY")).json()
    assert as_landlord_b.get(f"{URL}/{a['id']}").status_code == 404
    listing = as_landlord_b.get(URL).json()
    assert listing["count"] == 0 and "A-ONLY" not in str(listing)
    assert as_landlord_a.get(f"{URL}/{a['id']}").json()["external_id"] == "A-ONLY"


def test_landlord_sees_only_processing_status(as_landlord_a, team_a):
    """The detail carries no identity, name, address, amount or team: only id, type, status and times."""
    a = post(as_landlord_a, notice_payload()).json()
    detail = as_landlord_a.get(f"{URL}/{a['id']}").json()
    assert set(detail) <= {
        "id",
        "external_id",
        "notice_type",
        "status",
        "created",
        "updated",
        "received_at",
        "status_changed_at",
    }
    assert synthetic_hetu()[:6] not in str(detail)


def test_landlord_token_gives_no_client_data(as_landlord_a):
    """A landlord token is not a staff session: the clients API answers 401."""
    assert as_landlord_a.get("/api/v1/clients").status_code == 401


def test_list_is_paginated_newest_first(as_landlord_a, team_a):
    """page_size limits the list; count is the total."""
    for i in range(3):
        post(as_landlord_a, notice_payload(f"P-{i}"))
    data = as_landlord_a.get(URL, {"page_size": 2}).json()
    assert data["count"] == 3 and [n["external_id"] for n in data["items"]] == ["P-2", "P-1"]
    assert as_landlord_a.get(URL, {"page": 0}).status_code == 400


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"tenant": {"henkilotunnus": "010190-123X"}}, "tenant.henkilotunnus"),
        ({"notice_type": "nonsense"}, "notice_type"),
        ({"amount_eur": -5}, "amount_eur"),
        ({"legal_basis": None}, "legal_basis"),
        ({"amount_eur": None}, "amount_eur"),
        ({"months_in_arrears": None}, "months_in_arrears"),
        ({"notice_date": "2999-01-01"}, "notice_date"),
        ({"notice_date": "2.11.2026"}, "notice_date"),
        ({"tenant": {"name": "Testi Henkilö"}}, "tenant.birth_date"),
        ({"tenant": {"name": "A B", "birth_date": "1990-01-01", "address": "x", "extra": 1}}, "tenant.extra"),
        ({"contact_person": ""}, "contact_person"),
        ({"surprise": 1}, "surprise"),
        ({"external_id": "bad id with spaces"}, "external_id"),
    ],
)
def test_invalid_notice_is_refused_with_field_and_reason_and_nothing_stored(as_landlord_a, team_a, overrides, field):
    """Each invalid notice answers 400 naming the field, and stores nothing."""
    response = post(as_landlord_a, notice_payload(**overrides))
    assert response.status_code == 400, response.content
    fields = [e["field"] for e in response.json()["detail"]]
    assert field in fields and all(e["reason"] for e in response.json()["detail"])
    assert LandlordNotice.objects.count() == 0 and IntakeItem.objects.count() == 0


def test_temporary_identity_code_and_name_only_tenant_are_accepted(as_landlord_a, team_a):
    """900-999 codes are valid; a tenant without a code needs name, birth date and address."""
    assert (
        post(as_landlord_a, notice_payload("T1", tenant={"henkilotunnus": synthetic_hetu(individual=999)})).status_code
        == 201
    )
    tenant = {"name": "Testi Henkilö", "birth_date": "1980-05-05", "address": "Testitie 1 A 2, 01300 Vantaa"}
    response = post(
        as_landlord_a,
        notice_payload("T2", tenant=tenant, notice_type="disturbance_warning", amount_eur=None, months_in_arrears=None),
    )
    assert response.status_code == 201
    assert LandlordNotice.objects.get(external_id="T2").tenant_address == tenant["address"]


def test_address_is_stored_encrypted(as_landlord_a, team_a):
    """The address column holds ciphertext, not the address."""
    from django.db import connection

    tenant = {"name": "Testi Henkilö", "birth_date": "1980-05-05", "address": "Salainentie 9"}
    post(as_landlord_a, notice_payload("E1", tenant=tenant, notice_type="termination"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT tenant_address FROM intake_landlordnotice")
        (stored,) = cursor.fetchone()
    assert "Salainentie" not in stored


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", "Token test-landlord-a-token"])
def test_missing_or_wrong_token_is_401(client, landlord_a, header):
    """No token, an unknown token or a wrong scheme answers 401 and stores nothing."""
    headers = {"Authorization": header} if header else {}
    response = client.post(URL, data=notice_payload(), content_type="application/json", headers=headers)
    assert response.status_code == 401
    assert LandlordNotice.objects.count() == 0


def test_staff_session_is_not_a_landlord(as_worker_a):
    """A worker's session cannot send or read notices."""
    assert post(as_worker_a, notice_payload()).status_code == 401
    assert as_worker_a.get(URL).status_code == 401


def test_oversized_payload_is_413(as_landlord_a):
    """A single notice larger than 16 KB is refused before parsing."""
    response = post(as_landlord_a, notice_payload(contact_person="x" * 20000))
    assert response.status_code == 413


def test_non_json_body_is_400(as_landlord_a):
    """A body that is not JSON answers 400 with a reason."""
    response = as_landlord_a.post(URL, data="not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"][0]["reason"]


def test_batch_is_all_or_nothing_with_per_item_errors(as_landlord_a, team_a):
    """One bad notice in a batch stores nothing and names its index; a good batch stores all."""
    good = [notice_payload(f"B-{i}") for i in range(5)]
    bad = [*good, notice_payload("B-bad", amount_eur=-1), notice_payload("B-0")]
    response = post(as_landlord_a, {"notices": bad}, url=URL + "/batch")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert {"index": 5, "field": "amount_eur"}.items() <= detail[0].items()
    assert any(e["index"] == 6 and "duplicate" in e["reason"] for e in detail)
    assert LandlordNotice.objects.count() == 0
    ok = post(as_landlord_a, {"notices": good}, url=URL + "/batch").json()
    assert ok["created_count"] == 5
    again = post(as_landlord_a, {"notices": good}, url=URL + "/batch").json()
    assert again["created_count"] == 0 and again["unchanged_count"] == 5
    assert LandlordNotice.objects.count() == 5


def test_batch_size_is_limited(as_landlord_a, settings):
    """More notices than INTAKE_BATCH_MAX_NOTICES answer 413."""
    settings.INTAKE_BATCH_MAX_NOTICES = 2
    response = post(as_landlord_a, {"notices": [notice_payload(f"L-{i}") for i in range(3)]}, url=URL + "/batch")
    assert response.status_code == 413


CSV_HEADER = "external_id;notice_type;henkilotunnus;name;birth_date;address;notice_date;legal_basis;contact_person;amount_eur;months_in_arrears\n"


def test_csv_with_bad_rows_is_refused_whole_listing_every_bad_row(as_landlord_a, team_a):
    """Every bad row is listed with its line number; nothing is stored."""
    hetu = synthetic_hetu()
    body = (
        CSV_HEADER
        + f"C-1;rent_arrears;{hetu};;;;2026-11-01;statutory;Asiakaspalvelu;1200,50;2\n"
        + "C-2;rent_arrears;010190-123X;;;;2026-11-01;statutory;Asiakaspalvelu;100;1\n"
        + f"C-3;whatever;{hetu};;;;2026-11-01;consent;Asiakaspalvelu;;\n"
    )
    response = as_landlord_a.post(URL + "/csv", data=body, content_type="text/csv")
    assert response.status_code == 400
    lines = {(e["line"], e["field"]) for e in response.json()["detail"]}
    assert (3, "henkilotunnus") in lines and (4, "notice_type") in lines
    assert not any(line == 2 for line, _ in lines)
    assert LandlordNotice.objects.count() == 0


def test_good_csv_is_stored_and_resend_is_idempotent(as_landlord_a, team_a):
    """A valid CSV (as text/csv or multipart) creates each row once."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = CSV_HEADER + f"C-1;rent_arrears;{synthetic_hetu()};;;;2026-11-01;statutory;Asiakaspalvelu;1200,50;2\n"
    first = as_landlord_a.post(URL + "/csv", data=body, content_type="text/csv")
    assert first.status_code == 200 and first.json()["created_count"] == 1
    upload = SimpleUploadedFile("notices.csv", body.encode(), content_type="text/csv")
    second = as_landlord_a.post(URL + "/csv", data={"file": upload})
    assert second.status_code == 200 and second.json()["unchanged_count"] == 1
    assert LandlordNotice.objects.get().amount_eur == pytest.approx(1200.50)


def test_csv_with_unknown_column_is_refused(as_landlord_a):
    """A header with an unknown column is refused with the allowed columns."""
    response = as_landlord_a.post(URL + "/csv", data="external_id,colour\nx,red\n", content_type="text/csv")
    assert response.status_code == 400 and "colour" in response.json()["detail"][0]["reason"]


def test_landlord_a_cannot_change_landlord_b_notice_by_reusing_its_external_id(as_landlord_a, as_landlord_b, team_a):
    """A's notice with B's external id is A's own new notice; B's notice keeps its content."""
    b = post(as_landlord_b, notice_payload("B-OWN", months_in_arrears=1)).json()
    a = post(as_landlord_a, notice_payload("B-OWN", months_in_arrears=5)).json()
    assert a["created"] is True and a["id"] != b["id"]
    assert LandlordNotice.objects.get(pk=b["id"]).months_in_arrears == 1


def test_openapi_documents_the_notice_routes(client):
    """The contract routes and the notice body schema are in openapi.json."""
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    body = paths[URL]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "eviction_application" in body["properties"]["notice_type"]["enum"]
    assert {f"{URL}/batch", f"{URL}/csv", URL + "/{notice_id}"} <= set(paths)


def test_batch_costs_a_constant_number_of_queries(as_landlord_a, team_a, django_assert_max_num_queries):
    """Creating or resending a batch does not issue a query per notice (the benchmark depends on it)."""
    batch = {"notices": [notice_payload(f"Q-{i}") for i in range(30)]}
    with django_assert_max_num_queries(20):
        assert post(as_landlord_a, batch, url=URL + "/batch").json()["created_count"] == 30
    with django_assert_max_num_queries(12):
        assert post(as_landlord_a, batch, url=URL + "/batch").json()["unchanged_count"] == 30
