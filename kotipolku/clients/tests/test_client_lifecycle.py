"""Client record lifecycle: edits with optimistic locking, conversion, closing, feedback, privacy."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from kotipolku.clients.models import Client, ClientFeedback, Closing, FeedbackLink
from kotipolku.clients.selectors import client_export, client_page
from kotipolku.clients.services import (
    anonymise_past_retention,
    client_anonymise,
    client_close,
    client_convert_outreach,
    client_create,
    client_reopen,
    client_update,
    encounter_log,
    feedback_link_create,
    feedback_record,
    feedback_submit_anonymous,
    goal_add,
    housing_period_add,
    walk_in_log,
)
from kotipolku.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
CODE = "010190-900P"  # a temporary code (individual number 900-999)


def test_stale_edit_is_refused_and_the_first_edit_kept(worker_a, client_a):
    """Two edits from the same version: the second is refused with a clear message, not lost silently."""
    client_update(actor=worker_a, client=client_a.pk, version=1, nickname="Kalle K")
    with pytest.raises(ValidationError, match="Joku muu muutti"):
        client_update(actor=worker_a, client=client_a.pk, version=1, languages="suomi")
    fresh = Client.objects.get(pk=client_a.pk)
    assert (fresh.nickname, fresh.languages, fresh.version) == ("Kalle K", "", 2)


def test_converting_an_outreach_contact_keeps_its_history(worker_a, client_a):
    """Adding identity changes nothing else: the same record, encounters still there."""
    encounter_log(actor=worker_a, client=client_a)
    converted = client_convert_outreach(
        actor=worker_a, client=client_a.pk, version=client_a.version, henkilotunnus=CODE, first_name="Kalle"
    )
    assert converted.pk == client_a.pk and converted.is_identified
    assert converted.henkilotunnus.is_temporary
    assert converted.encounters.count() == 1


def test_conversion_with_a_code_already_in_use_is_refused(worker_a, worker_b, team_b, client_a):
    """A second client with the same identity code is refused, even in another team; nothing saved."""
    client_create(actor=worker_b, team=team_b, first_name="Toinen", henkilotunnus=CODE)
    with pytest.raises(ValidationError) as err:
        client_convert_outreach(actor=worker_a, client=client_a.pk, version=client_a.version, henkilotunnus=CODE)
    assert "henkilotunnus" in err.value.message_dict
    assert not Client.objects.get(pk=client_a.pk).is_identified


def test_invalid_identity_code_is_refused(worker_a, client_a):
    """A code with a wrong check character gives a field error."""
    with pytest.raises(ValidationError):
        client_convert_outreach(actor=worker_a, client=client_a.pk, version=1, henkilotunnus="010190-900A")


def test_close_and_reopen_keep_history(worker_a, client_a):
    """Closing records the outcome; reopening keeps the closing, marked reopened."""
    client_close(
        actor=worker_a, client=client_a.pk, version=1, reason="goals_achieved", housing_outcome="housing_found"
    )
    with pytest.raises(ValidationError):
        client_close(actor=worker_a, client=client_a.pk, version=2, reason="other", housing_outcome="other")
    client_reopen(actor=worker_a, client=client_a.pk, version=2)
    closing = Closing.objects.get(client=client_a)
    assert closing.reopened_at is not None
    assert Client.objects.get(pk=client_a.pk).status == "open"


def test_closing_with_unknown_outcome_is_refused(worker_a, client_a):
    """Outcome codes come from the fixed list; nothing is saved otherwise."""
    with pytest.raises(ValidationError):
        client_close(actor=worker_a, client=client_a.pk, version=1, reason="other", housing_outcome="lottery")
    assert Client.objects.get(pk=client_a.pk).status == "open"
    assert Client.objects.get(pk=client_a.pk).version == 1


def test_feedback_link_is_single_use_and_anonymous(worker_a, client_a):
    """The link works once; the feedback names the team, not the client; free text is redacted."""
    link, token = feedback_link_create(actor=worker_a, client=client_a)
    assert link.token_hash != token
    fb = feedback_submit_anonymous(token=token, trust_grown=5, free_text="Soita 040 123 4567")
    assert fb.client is None and fb.anonymous and fb.team_id == link.team_id
    assert "040" not in fb.free_text
    with pytest.raises(ValidationError):
        feedback_submit_anonymous(token=token, trust_grown=1)
    assert ClientFeedback.objects.count() == 1


def test_expired_feedback_link_is_refused(worker_a, client_a):
    """An expired link accepts nothing."""
    link, token = feedback_link_create(actor=worker_a, client=client_a)
    FeedbackLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(ValidationError):
        feedback_submit_anonymous(token=token, trust_grown=4)


def test_feedback_scale_is_1_to_5(worker_a, client_a):
    """A trust answer of 6 is refused."""
    with pytest.raises(ValidationError):
        feedback_record(actor=worker_a, client=client_a, trust_grown=6)


def test_walk_in_can_be_anonymous_and_only_for_own_team(worker_a, team_a, team_b):
    """A walk-in visit needs no client; logging for another team is refused."""
    visit = walk_in_log(actor=worker_a, team=team_a, topics=["rent_arrears"], advice_given="Kelan asumistuki")
    assert visit.client is None
    with pytest.raises(ValidationError):
        walk_in_log(actor=worker_a, team=team_b)


def test_export_contains_everything_and_is_audited(worker_a, client_a):
    """The data-subject export lists the records and writes an EXPORT event."""
    encounter_log(actor=worker_a, client=client_a, note="Tavattiin asemalla")
    goal_add(actor=worker_a, client=client_a, text="Asunto")
    data = client_export(actor=worker_a, client_id=client_a.pk)
    assert data["client"]["nickname"] == "Kalle"
    assert data["encounters"][0]["note"] == "Tavattiin asemalla"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, client_id=str(client_a.pk)).exists()


def test_export_of_another_teams_client_is_404(worker_b, client_a):
    """Team B cannot export team A's client."""
    with pytest.raises(Http404):
        client_export(actor=worker_b, client_id=client_a.pk)


def test_anonymise_removes_identity_and_text_but_keeps_facts_and_audit(worker_a, lead, client_a):
    """Erasure anonymises; coded facts and the audit trail stay; workers may not erase."""
    client_convert_outreach(actor=worker_a, client=client_a.pk, version=1, henkilotunnus=CODE)
    encounter_log(actor=worker_a, client=client_a, note="Salainen", topics=["debt"])
    housing_period_add(actor=worker_a, client=client_a, status="own_rental", start_date=dt.date(2025, 1, 1))
    with pytest.raises(PermissionDenied):
        client_anonymise(actor=worker_a, client=client_a.pk)
    events_before = AuditEvent.objects.count()
    client_anonymise(actor=lead, client=client_a.pk, reason="request")
    c = Client.objects.get(pk=client_a.pk)
    assert (c.nickname, c.henkilotunnus, c.henkilotunnus_hash) == ("", None, None)
    assert c.anonymised_at is not None
    enc = c.encounters.get()
    assert enc.note == "" and enc.topics == ["debt"]
    assert c.housing_periods.count() == 1
    assert AuditEvent.objects.count() > events_before
    with pytest.raises(ValidationError):
        encounter_log(actor=worker_a, client=c)


def test_retention_purge_anonymises_only_old_closed_clients(worker_a, team_a, client_a):
    """Clients closed longer ago than the retention time are anonymised; others not."""
    old = client_create(actor=worker_a, team=team_a, nickname="Vanha")
    client_close(
        actor=worker_a,
        client=old.pk,
        version=1,
        reason="other",
        housing_outcome="other",
        closed_at=timezone.now() - dt.timedelta(days=365 * 13),
    )
    client_close(actor=worker_a, client=client_a.pk, version=1, reason="other", housing_outcome="other")
    assert anonymise_past_retention(dry_run=True) == [old.pk]
    assert anonymise_past_retention() == [old.pk]
    assert Client.objects.get(pk=old.pk).anonymised_at is not None
    assert Client.objects.get(pk=client_a.pk).anonymised_at is None


def test_client_page_shows_long_term_flag_from_history(worker_a, client_a):
    """The page's long-term result comes from the rule over the periods."""
    housing_period_add(
        actor=worker_a, client=client_a, status="outdoors_shelter", start_date=dt.date.today() - dt.timedelta(days=500)
    )
    page = client_page(actor=worker_a, client_id=client_a.pk)
    assert page.long_term.is_long_term and page.current_housing is not None
