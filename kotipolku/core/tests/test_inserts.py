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


# --- insert_linked: a row and the rows that hold its key, in one statement on PostgreSQL -------------
def _contact_rows(reference_code: str):
    """An unsaved contact request, its triage item and its audit event, as the intake service builds them."""
    from kotipolku.core.models import AuditAction
    from kotipolku.intake.models import ContactRequest, IntakeItem, Source

    when = timezone.now().replace(microsecond=123456)
    request = ContactRequest(
        created_at=when,
        reference_code=reference_code,
        urgency="soon",
        contact_method="phone",
        name="Testi O'Brien",
        phone="040 123 4567",
        message='Vuokra myöhässä; "lainausmerkit" ja \\ kenoviiva',
        municipality="Vantaa",
        assessment_summary={"score": 7, "emergency": False},
    )
    item = IntakeItem(
        source=Source.CONTACT_REQUEST,
        priority=2,
        received_at=request.created_at,
        first_contact_due=when.date(),
        contact_request=request,
    )
    event = AuditEvent(
        time=when, actor_type="anonymous", action=AuditAction.CREATE, object_type="intake.ContactRequest"
    )
    event.detail = {"attached_assessment": True}
    return request, item, event


@pytest.mark.django_db
def test_linked_rows_read_back_as_with_save_and_point_at_the_new_row():
    from kotipolku.core.inserts import insert_linked
    from kotipolku.intake.models import ContactRequest, IntakeItem

    fast = _contact_rows("AAAA-AAAA")
    insert_linked(fast[0], (fast[1], "contact_request"), (fast[2], "object_id"))
    slow = _contact_rows("CCCC-CCCC")
    slow[0].save()
    slow[1].save()
    slow[2].object_id = str(slow[0].pk)
    slow[2].save()

    request, item, event = fast
    assert all(obj.pk is not None and not obj._state.adding for obj in fast)
    stored_item = IntakeItem.objects.get(pk=item.pk)
    assert stored_item.contact_request_id == request.pk == item.contact_request_id
    assert AuditEvent.objects.get(pk=event.pk).object_id == str(request.pk) == event.object_id
    for model, mine, theirs in zip((ContactRequest, IntakeItem, AuditEvent), fast, slow, strict=True):
        got, expected = _fields(model.objects.get(pk=mine.pk)), _fields(model.objects.get(pk=theirs.pk))
        for link in ("reference_code", "contact_request_id", "object_id"):  # differ by design
            got.pop(link, None), expected.pop(link, None)
        assert got == expected, model


@pytest.mark.django_db(transaction=True)
def test_linked_rows_are_one_statement_on_postgresql():
    from kotipolku.core.inserts import insert_linked

    if connection.vendor != "postgresql":
        pytest.skip("the one-statement path is PostgreSQL's; elsewhere the rows go in within a transaction")
    request, item, event = _contact_rows("DDDD-DDDD")
    with CaptureQueriesContext(connection) as ctx:
        insert_linked(request, (item, "contact_request"), (event, "object_id"))
    assert [q["sql"][:5] for q in ctx.captured_queries] == ["WITH "]  # no BEGIN, no COMMIT: autocommit


@pytest.mark.django_db
@pytest.mark.parametrize("failing", ["parent", "dependent"])
def test_linked_rows_are_stored_all_or_none(failing):
    from django.db import IntegrityError

    from kotipolku.core.inserts import insert_linked
    from kotipolku.intake.models import ContactRequest, IntakeItem

    first = _contact_rows("EEEE-EEEE")
    insert_linked(first[0], (first[1], "contact_request"), (first[2], "object_id"))
    counts = (ContactRequest.objects.count(), IntakeItem.objects.count(), AuditEvent.objects.count())
    if failing == "parent":
        rows = _contact_rows("EEEE-EEEE")  # the reference code is unique
    else:
        rows = _contact_rows("FFFF-FFFF")
        rows[1].first_contact_due = None  # NOT NULL: the item cannot be stored
    with pytest.raises(IntegrityError):
        insert_linked(rows[0], (rows[1], "contact_request"), (rows[2], "object_id"))
    # The outer (test) transaction is still usable and holds none of the three rows.
    assert (ContactRequest.objects.count(), IntakeItem.objects.count(), AuditEvent.objects.count()) == counts
    assert all(obj.pk is None for obj in rows)


def test_models_written_without_save_have_no_save_listeners():
    """insert_new and insert_linked send no save signals: a receiver added later would silently miss rows."""
    from django.db.models.signals import post_save, pre_save

    from kotipolku.core import pagecache
    from kotipolku.intake.models import ContactRequest, IntakeItem

    for model in (Exchange, AuditEvent, ContactRequest, IntakeItem):
        for signal in (pre_save, post_save):
            sync_receivers, async_receivers = signal._live_receivers(model)
            others = [r for r in [*sync_receivers, *async_receivers] if r is not pagecache._changed]
            assert others == [], (model, signal)
        # the page cache's own receiver would bump a watched namespace; none of these is watched
        assert model._meta.label_lower not in pagecache._watched and model._meta.app_label not in pagecache._watched
