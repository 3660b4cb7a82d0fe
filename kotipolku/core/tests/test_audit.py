"""The audit log records reads and writes of personal data and cannot be altered."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from kotipolku.clients.models import Client
from kotipolku.core import audit
from kotipolku.core.models import AuditAction, AuditEvent


@pytest.fixture
def client_a(team_a):
    client = Client.objects.create(nickname="Kalle")
    client.teams.add(team_a)
    return client


@pytest.mark.django_db
def test_reading_a_client_writes_an_audit_event(as_worker_a, worker_a, client_a):
    response = as_worker_a.get(f"/api/v1/clients/{client_a.pk}", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.READ, object_type="clients.Client")
    assert event.actor_id == str(worker_a.pk) and event.actor_type == "user"
    assert event.object_id == str(client_a.pk) and event.client_id == str(client_a.pk)
    assert event.ip == "10.1.2.3"
    assert event.request_id == response["X-Request-ID"]


@pytest.mark.django_db
def test_a_refused_read_is_audited_as_refused_not_as_read(as_worker_b, worker_b, client_a):
    """Id guessing across teams shows in the audit log (ASVS 7.1.3, gap G4), and is never a read."""
    response = as_worker_b.get(f"/api/v1/clients/{client_a.pk}", REMOTE_ADDR="10.1.2.4")
    assert response.status_code == 404
    event = AuditEvent.objects.get(object_id=str(client_a.pk))
    assert event.action == AuditAction.REFUSED and event.object_type == "clients.Client"
    assert event.actor_type == "user" and event.actor_id == str(worker_b.pk)
    assert event.detail == {"reason": "not_visible", "asked": "read"}
    assert event.ip == "10.1.2.4" and event.request_id == response["X-Request-ID"]


@pytest.mark.django_db
def test_a_guessed_id_that_does_not_exist_is_told_apart(as_worker_b, client_a):
    assert as_worker_b.get(f"/api/v1/clients/{client_a.pk + 1000}").status_code == 404
    event = AuditEvent.objects.get(action=AuditAction.REFUSED)
    assert event.object_id == str(client_a.pk + 1000) and event.detail["reason"] == "not_found"


@pytest.mark.django_db
def test_a_refused_write_is_audited_although_its_transaction_is_rolled_back(as_worker_b, client_a):
    """The refusal ends the write's transaction with an exception; the event is written after it."""
    response = as_worker_b.post(
        f"/api/v1/clients/{client_a.pk}/encounters", {"type": "phone"}, content_type="application/json"
    )
    assert response.status_code == 404
    event = AuditEvent.objects.get(action=AuditAction.REFUSED)
    assert event.object_id == str(client_a.pk) and event.detail == {"reason": "not_visible", "asked": "update"}
    assert not client_a.encounters.exists()


@pytest.mark.django_db
def test_a_signed_in_user_outside_an_area_is_audited(as_editor, editor):
    assert as_editor.get("/fi/staff/asiakkaat/").status_code == 403
    event = AuditEvent.objects.get(action=AuditAction.REFUSED)
    assert (event.object_type, event.object_id, event.actor_id) == ("area", "client_work", str(editor.pk))
    assert event.detail["reason"] == "area"


@pytest.mark.django_db
def test_anonymous_refusals_write_nothing(anonymous, client_a):
    """Unauthenticated traffic must not be able to fill the audit log; it goes to the login page."""
    assert anonymous.get(f"/fi/staff/asiakkaat/{client_a.pk}/").status_code == 302
    assert anonymous.get(f"/api/v1/clients/{client_a.pk}").status_code == 401
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_refusal_event_that_cannot_be_written_does_not_change_the_answer(as_worker_b, client_a, monkeypatch):
    def fail(*args, **kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(AuditEvent.objects, "bulk_create", fail)
    assert as_worker_b.get(f"/api/v1/clients/{client_a.pk}").status_code == 404


@pytest.mark.django_db
def test_list_read_names_every_client_shown(as_worker_a, client_a, team_a):
    other = Client.objects.create(nickname="Sanna")
    other.teams.add(team_a)
    as_worker_a.get("/api/v1/clients")
    event = AuditEvent.objects.get(action=AuditAction.READ)
    assert sorted(event.detail["client_ids"]) == sorted([str(client_a.pk), str(other.pk)])


@pytest.mark.django_db
def test_audit_events_cannot_be_changed_or_deleted_through_the_application(worker_a):
    event = audit.record(worker_a, AuditAction.READ, object_type="clients.Client", object_id="1")
    event.action = AuditAction.DELETE
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).update(action=AuditAction.DELETE)
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.READ


@pytest.mark.django_db(transaction=True)
def test_database_refuses_raw_update_of_audit_events(worker_a):
    event = audit.record(worker_a, AuditAction.READ, object_type="x", object_id="1")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE core_auditevent SET action = 'delete' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.READ


@pytest.mark.django_db
def test_admin_site_offers_no_change_or_delete_of_audit_events(as_admin, worker_a):
    event = audit.record(worker_a, AuditAction.READ, object_type="x", object_id="1")
    response = as_admin.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_only_admins_read_and_export_the_audit_log(as_admin, as_lead, worker_a):
    audit.record(worker_a, AuditAction.READ, object_type="clients.Client", object_id="7")
    assert as_lead.get("/fi/staff/audit/").status_code == 403
    page = as_admin.get("/fi/staff/audit/", {"actor": "worker-a"})
    assert page.status_code == 200 and "clients.Client" in page.content.decode()
    export = as_admin.get("/fi/staff/audit/export.csv", {"action": "read"})
    body = b"".join(export.streaming_content).decode()
    assert body.splitlines()[0].startswith("time,actor_type") and "clients.Client" in body
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="core.AuditEvent").exists()


@pytest.mark.django_db
def test_bad_audit_filter_is_a_field_error_not_a_crash(as_admin):
    response = as_admin.get("/fi/staff/audit/", {"start": "2026-13-45", "action": "nonsense"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"start", "action"}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/fi/staff/audit/", "/fi/staff/audit/export.csv"])
def test_audit_filter_dates_at_the_ends_of_the_calendar_are_field_errors(as_admin, url):
    """P5 of docs/reliability/fuzzing.md: end 9999-12-31 (the search adds a day) and start 0001-01-01 (before
    year 1 in UTC) were a 500 on the audit page and its export."""
    response = as_admin.get(url, {"start": "0001-01-01", "end": "9999-12-31"})
    assert response.status_code in (200, 400)
    if url.endswith("/"):
        assert response.context["form"].errors.keys() >= {"start", "end"}


@pytest.mark.django_db
def test_audit_export_neutralises_spreadsheet_formulas(as_admin):
    """A value that starts like a formula is exported as text, never run by a spreadsheet."""
    from kotipolku.core.models import User

    sneaky = User.objects.create_user(username="@SUM(1+1)", password="x" * 20)
    audit.record(sneaky, AuditAction.READ, object_type="x", object_id="1")
    body = b"".join(as_admin.get("/fi/staff/audit/export.csv").streaming_content).decode()
    assert "'@SUM(1+1)" in body and ",@SUM" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("odd_id", [2**70, "abc", None])
def test_an_id_of_the_wrong_type_or_size_is_a_refused_not_found(worker_b, odd_id):
    """The existence check of a refused lookup must not fail where the lookup itself did not."""
    from django.http import Http404

    from kotipolku.core import access

    with pytest.raises(Http404):
        access.get_for(worker_b, Client.objects.all(), pk=odd_id)
    event = AuditEvent.objects.get(action=AuditAction.REFUSED)
    assert event.detail["reason"] == "not_found" and event.actor_id == str(worker_b.pk)


@pytest.mark.django_db
def test_an_event_about_a_text_with_a_nul_character_is_still_written(worker_b):
    """PostgreSQL cannot store NUL in text or JSON: the refusal of a guessed id "12\\x00" was lost there
    ("Could not write 1 refused-access audit event(s)", server log of 2026-12-03). It is written with the
    NUL shown as \\x00."""
    audit.refused(worker_b, AuditAction.READ, object_type="clients.Client", object_id="12\x00", reason="not_found")
    audit.record(worker_b, AuditAction.EXPORT, object_type="reports\x00", filters={"q\x00": ["a\x00"]})
    refused = AuditEvent.objects.get(action=AuditAction.REFUSED)
    assert refused.object_id == "12\\x00"
    exported = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert exported.object_type == "reports\\x00" and exported.detail == {"filters": {"q\\x00": ["a\\x00"]}}
