"""core.inserts.insert_new stores exactly what save() would, with one prepared statement."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kotipolku.bot.models import Exchange
from kotipolku.core.inserts import insert_new
from kotipolku.core.models import AuditEvent


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key}


@pytest.mark.django_db
def test_a_row_reads_back_as_the_same_values_as_with_save():
    when = timezone.now()
    values = {
        "time": when,
        "actor_type": "user",
        "actor_id": "7",
        "actor_label": "työntekijä ä'\"; --",
        "action": "read",
        "object_type": "clients.Client",
        "object_id": "12",
        "ip": "2001:db8::1",
        "detail": {"ids": ["1", "2"], "note": "ääkköset"},
    }
    fast = insert_new(AuditEvent(**values))
    saved = AuditEvent.objects.create(**values)
    assert fast.pk is not None and fast.pk != saved.pk
    assert _fields(AuditEvent.objects.get(pk=fast.pk)) == _fields(AuditEvent.objects.get(pk=saved.pk))


@pytest.mark.django_db
def test_defaults_and_uuid_fields_are_filled_in_one_statement():
    exchange = Exchange(conversation=uuid.uuid4(), lang="fi", question="kysymys", status=Exchange.Status.ANSWERED)
    with CaptureQueriesContext(connection) as ctx:
        insert_new(exchange)
    assert len(ctx.captured_queries) == 1
    stored = Exchange.objects.get(pk=exchange.pk)
    assert stored.public_id == exchange.public_id and stored.conversation == exchange.conversation
    assert stored.helpful is None and stored.reviewed is False and stored.score == 0.0
    assert not exchange._state.adding


@pytest.mark.django_db
def test_an_existing_row_is_refused():
    exchange = Exchange.objects.create(conversation=uuid.uuid4(), lang="fi", question="q", status="answered")
    with pytest.raises(ValueError, match="new rows only"):
        insert_new(exchange)
