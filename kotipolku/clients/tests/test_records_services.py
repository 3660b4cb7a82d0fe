"""Encounters, housing history, goals and referrals: validation, team boundary and audit."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from kotipolku.clients.models import Client, Encounter, HousingPeriod, Referral, ReferralStatus
from kotipolku.clients.services import (
    encounter_log,
    goal_add,
    goal_set_status,
    housing_period_add,
    housing_period_close,
    referral_create,
    referral_transition,
)
from kotipolku.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
TODAY = dt.date.today


def test_encounter_defaults_to_now_with_the_actor_present_and_updates_last_met(worker_a, client_a):
    """A minimal encounter has the actor as worker present and moves the client's last_met_at."""
    enc = encounter_log(actor=worker_a, client=client_a, topics=["rent_arrears", "benefits"])
    assert list(enc.workers.all()) == [worker_a]
    assert enc.type == "outreach"
    client_a.refresh_from_db()
    assert client_a.last_met_at == enc.occurred_at
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(enc.pk), client_id=str(client_a.pk))


def test_future_encounter_is_refused_and_nothing_saved(worker_a, client_a):
    """An encounter tomorrow is refused with a field message."""
    with pytest.raises(ValidationError) as err:
        encounter_log(actor=worker_a, client=client_a, occurred_at=timezone.now() + dt.timedelta(days=1))
    assert "occurred_at" in err.value.message_dict
    assert not Encounter.objects.exists()


def test_an_encounter_time_with_any_offset_is_stored_as_the_same_instant(worker_a, client_a):
    """PostgreSQL stores offsets up to ±15:59 only; an API client may send +20:39 (the fuzzing run's 500)."""
    sent = dt.datetime(2020, 3, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=20, minutes=39)))
    enc = encounter_log(actor=worker_a, client=client_a, occurred_at=sent)
    enc.refresh_from_db()
    assert enc.occurred_at == sent and enc.occurred_at.utcoffset() == dt.timedelta(0)


def test_an_encounter_time_before_the_first_calendar_day_in_utc_is_a_field_error(worker_a, client_a):
    """0001-01-01T00:00+02:00 is 31 Dec of year 0 in UTC, which Python cannot hold: a field error, not a 500."""
    sent = dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    with pytest.raises(ValidationError) as err:
        encounter_log(actor=worker_a, client=client_a, occurred_at=sent)
    assert "occurred_at" in err.value.message_dict
    assert not Encounter.objects.exists()


def test_unknown_topic_is_refused(worker_a, client_a):
    """Topics come from the fixed list only."""
    with pytest.raises(ValidationError):
        encounter_log(actor=worker_a, client=client_a, topics=["astrology"])


def test_worker_of_another_team_gets_404_for_every_write(worker_b, client_a):
    """Team B cannot write anything about team A's client; the record is not revealed."""
    for call in (
        lambda: encounter_log(actor=worker_b, client=client_a),
        lambda: housing_period_add(actor=worker_b, client=client_a, status="outdoors_shelter", start_date=TODAY()),
        lambda: goal_add(actor=worker_b, client=client_a, text="x"),
        lambda: referral_create(actor=worker_b, client=client_a, target_text="x"),
    ):
        with pytest.raises(Http404):
            call()


def test_editor_cannot_log_encounters(editor, client_a):
    """Roles outside client work are refused."""
    with pytest.raises(PermissionDenied):
        encounter_log(actor=editor, client=client_a)


def test_housing_end_before_start_is_refused(worker_a, client_a):
    """End before start gives a clear message and no row."""
    with pytest.raises(ValidationError) as err:
        housing_period_add(
            actor=worker_a,
            client=client_a,
            status="own_rental",
            start_date=dt.date(2025, 5, 1),
            end_date=dt.date(2025, 4, 30),
        )
    assert "end_date" in err.value.message_dict
    assert not HousingPeriod.objects.exists()


def test_overlapping_housing_periods_are_refused(worker_a, client_a):
    """A closed period overlapping an earlier one is refused; the day after the end is fine."""
    housing_period_add(
        actor=worker_a,
        client=client_a,
        status="dormitory_hostel",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 3, 31),
    )
    with pytest.raises(ValidationError, match="päällekkäin"):
        housing_period_add(
            actor=worker_a,
            client=client_a,
            status="friends_relatives",
            start_date=dt.date(2025, 3, 31),
            end_date=dt.date(2025, 4, 10),
        )
    housing_period_add(
        actor=worker_a,
        client=client_a,
        status="friends_relatives",
        start_date=dt.date(2025, 4, 1),
        end_date=dt.date(2025, 4, 10),
    )
    assert HousingPeriod.objects.count() == 2


def test_new_situation_ends_the_ongoing_period_the_day_before(worker_a, client_a):
    """Adding a new current situation closes the ongoing one, without overlap."""
    first = housing_period_add(
        actor=worker_a, client=client_a, status="outdoors_shelter", start_date=dt.date(2024, 1, 1)
    )
    housing_period_add(actor=worker_a, client=client_a, status="housing_first", start_date=dt.date(2025, 6, 1))
    first.refresh_from_db()
    assert first.end_date == dt.date(2025, 5, 31)


def test_long_term_flag_follows_the_history(worker_a, client_a):
    """The cached flag is computed by the rule after each change, never typed."""
    period = housing_period_add(
        actor=worker_a, client=client_a, status="outdoors_shelter", start_date=TODAY() - dt.timedelta(days=400)
    )
    client_a.refresh_from_db()
    assert client_a.long_term_homeless is True
    housing_period_close(actor=worker_a, period_id=period.pk, end_date=TODAY() - dt.timedelta(days=1))
    client_a.refresh_from_db()
    assert client_a.long_term_homeless is False


def test_referral_walks_the_warm_handover_path_with_timestamps(worker_a, client_a):
    """planned → contacted → first meeting attended → handed over, each step time-stamped."""
    ref = referral_create(actor=worker_a, client=client_a, target_text="Päihdepalvelut")
    for status in ("contacted", "first_meeting_attended", "handed_over"):
        ref = referral_transition(actor=worker_a, referral_id=ref.pk, to_status=status)
    ref.refresh_from_db()
    assert ref.status == ReferralStatus.HANDED_OVER
    assert ref.contacted_at and ref.first_meeting_attended_at and ref.handed_over_at
    assert AuditEvent.objects.filter(object_type="clients.Referral", action=AuditAction.UPDATE).count() == 3


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ((), "handed_over"),
        ((), "first_meeting_attended"),
        (("contacted",), "planned"),
        (("not_reached",), "contacted"),
        (("contacted", "first_meeting_attended", "handed_over"), "not_reached"),
    ],
)
def test_illegal_referral_transitions_are_refused(worker_a, client_a, path, illegal):
    """Skipping steps, going back or leaving a final state is refused and changes nothing."""
    ref = referral_create(actor=worker_a, client=client_a, target_text="Kela")
    for status in path:
        referral_transition(actor=worker_a, referral_id=ref.pk, to_status=status)
    before = Referral.objects.get(pk=ref.pk).status
    with pytest.raises(ValidationError):
        referral_transition(actor=worker_a, referral_id=ref.pk, to_status=illegal)
    assert Referral.objects.get(pk=ref.pk).status == before


def test_not_reached_is_possible_from_every_open_state(worker_a, client_a):
    """A referral can end as not reached before it is handed over."""
    for path in ((), ("contacted",), ("contacted", "first_meeting_attended")):
        ref = referral_create(actor=worker_a, client=client_a, target_text="x")
        for status in path:
            referral_transition(actor=worker_a, referral_id=ref.pk, to_status=status)
        ref = referral_transition(actor=worker_a, referral_id=ref.pk, to_status="not_reached")
        assert ref.not_reached_at is not None


def test_stale_referral_version_is_refused(worker_a, client_a):
    """Two workers moving the same referral: the second, based on the old version, is told."""
    ref = referral_create(actor=worker_a, client=client_a, target_text="x")
    referral_transition(actor=worker_a, referral_id=ref.pk, to_status="contacted", version=1)
    with pytest.raises(ValidationError):
        referral_transition(actor=worker_a, referral_id=ref.pk, to_status="not_reached", version=1)


def test_referral_needs_a_target(worker_a, client_a):
    """A referral without service or text is refused."""
    with pytest.raises(ValidationError):
        referral_create(actor=worker_a, client=client_a, target_text="  ")


def test_goal_status_changes_are_audited(worker_a, client_a):
    """Goals move between open, achieved and dropped."""
    goal = goal_add(actor=worker_a, client=client_a, text="Asuntohakemus vireille", target_date=TODAY())
    goal_set_status(actor=worker_a, goal_id=goal.pk, status="achieved")
    goal.refresh_from_db()
    assert goal.status == "achieved"
    assert Client.objects.get(pk=client_a.pk).goals.count() == 1
