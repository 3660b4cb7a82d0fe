"""contact_request_submit: the request, its triage item and its audit event are stored together."""

import pytest
from django.contrib.auth.models import AnonymousUser

from kotipolku.core.models import AuditEvent
from kotipolku.intake.models import ContactRequest, IntakeItem
from kotipolku.intake.services import public

pytestmark = pytest.mark.django_db


def _submit(**overrides):
    values = {
        "actor": AnonymousUser(),
        "theme": "",
        "urgency": "soon",
        "contact_method": "email",
        "preferred_language": "fi",
        "municipality": "Vantaa",
        "email": "testi@example.org",
        "phone": "040 123 4567",  # dropped: the person chose email
        "message": "Vuokra on myöhässä.",
    }
    values.update(overrides)
    return public.contact_request_submit(**values)


def test_the_request_its_item_and_its_audit_event_are_stored_and_linked(team_a):
    request = _submit()
    stored = ContactRequest.objects.get(pk=request.pk)
    assert stored.email == "testi@example.org" and stored.phone == ""
    item = IntakeItem.objects.get(contact_request=stored)
    assert item.team == team_a and item.first_contact_due is not None and request.intake_item == item
    event = AuditEvent.objects.get(object_type="intake.ContactRequest", object_id=str(request.pk))
    assert (event.action, event.actor_type, event.detail) == ("create", "anonymous", {"attached_assessment": False})


def test_a_clashing_reference_code_is_drawn_again_and_stores_one_of_each(team_a, monkeypatch):
    first = _submit()
    codes = iter([first.reference_code, "HJKM-NPRT"])
    monkeypatch.setattr(public, "new_reference_code", lambda: next(codes))
    second = _submit()
    assert second.reference_code == "HJKM-NPRT"
    assert ContactRequest.objects.count() == IntakeItem.objects.count() == 2
    assert AuditEvent.objects.filter(object_type="intake.ContactRequest").count() == 2
    assert AuditEvent.objects.get(object_type="intake.ContactRequest", object_id=str(second.pk))
