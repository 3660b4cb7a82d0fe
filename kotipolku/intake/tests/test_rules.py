"""Priority and first-contact deadline rules (pure functions)."""

import datetime as dt

import pytest

from kotipolku.intake import rules
from kotipolku.intake.rules import HELSINKI


def at(y, m, d, h=12, minute=0):
    return dt.datetime(y, m, d, h, minute, tzinfo=HELSINKI)


def test_emergency_outranks_eviction_application_which_outranks_arrears():
    """Acute request > eviction application > rent arrears > other notices."""
    emergency = rules.contact_request_priority(urgency="acute")
    eviction = rules.notice_priority(notice_type="eviction_application")
    arrears = rules.notice_priority(notice_type="rent_arrears", months_in_arrears=60, amount_eur=100000)
    termination = rules.notice_priority(notice_type="termination")
    assert emergency > eviction > arrears > termination


def test_arrears_are_ordered_by_months_then_amount():
    """More months in arrears first; with the same months, the larger debt first."""
    two_small = rules.notice_priority(notice_type="rent_arrears", months_in_arrears=2, amount_eur=600)
    two_large = rules.notice_priority(notice_type="rent_arrears", months_in_arrears=2, amount_eur=2400)
    three_small = rules.notice_priority(notice_type="rent_arrears", months_in_arrears=3, amount_eur=10)
    assert three_small > two_large > two_small


def test_housing_flag_puts_a_concern_report_into_the_fast_lane():
    """A concern with the housing flag ranks with eviction applications; urgent ones with emergencies."""
    plain = rules.concern_report_priority(urgent=False, housing_flag=False)
    flagged = rules.concern_report_priority(urgent=False, housing_flag=True)
    urgent = rules.concern_report_priority(urgent=True, housing_flag=False)
    assert urgent > flagged > plain
    assert flagged == rules.notice_priority(notice_type="eviction_application")


def test_queue_sort_puts_older_first_within_the_same_priority():
    """Same priority: the item waiting longer comes first; a higher priority still beats age."""
    old = rules.queue_sort_key(priority=1000, received_at=at(2026, 11, 2))
    new = rules.queue_sort_key(priority=1000, received_at=at(2026, 11, 20))
    urgent_new = rules.queue_sort_key(priority=4000, received_at=at(2026, 11, 22))
    assert sorted([new, urgent_new, old]) == [urgent_new, old, new]


def test_fast_lane_gets_one_and_others_two_working_days():
    """Deadline length is declared by tier."""
    assert rules.deadline_working_days(rules.notice_priority(notice_type="eviction_application")) == 1
    assert rules.deadline_working_days(rules.contact_request_priority(urgency="acute")) == 1
    assert rules.deadline_working_days(rules.notice_priority(notice_type="rent_arrears", months_in_arrears=5)) == 2


@pytest.mark.parametrize(
    ("received", "priority", "due", "why"),
    [
        (at(2026, 11, 23), 1000, dt.date(2026, 11, 25), "Monday + 2 working days = Wednesday"),
        (at(2026, 11, 20), 1000, dt.date(2026, 11, 24), "Friday: the weekend is skipped"),
        (at(2026, 11, 21), 3000, dt.date(2026, 11, 23), "Saturday: first working day is Monday"),
        (at(2027, 12, 3), 3000, dt.date(2027, 12, 7), "Friday before itsenäisyyspäivä (Mon 6.12.2027)"),
        (at(2027, 12, 3), 1000, dt.date(2027, 12, 8), "the same, 2 working days"),
        (at(2026, 12, 23), 3000, dt.date(2026, 12, 28), "Christmas eve, Christmas day, Boxing day, Sunday"),
        (at(2026, 12, 30), 1000, dt.date(2027, 1, 4), "New Year's day"),
        (at(2026, 4, 2), 3000, dt.date(2026, 4, 7), "Easter: Good Friday to Easter Monday"),
        (at(2026, 4, 2), 1000, dt.date(2026, 4, 8), "Easter, 2 working days"),
        (at(2026, 6, 18), 3000, dt.date(2026, 6, 22), "juhannus: midsummer eve is a day off"),
        (at(2026, 5, 13), 3000, dt.date(2026, 5, 15), "Ascension day Thursday"),
    ],
)
def test_first_contact_due_skips_weekends_and_finnish_holidays(received, priority, due, why):
    """The due day is counted in Finnish working days from the day after receipt."""
    assert rules.first_contact_due(received_at=received, priority=priority) == due, why


def test_receipt_date_is_taken_in_helsinki_time():
    """22:30 UTC on a Friday is already Saturday in Helsinki, so Monday is the first working day."""
    utc_friday_night = dt.datetime(2026, 11, 20, 22, 30, tzinfo=dt.UTC)
    assert rules.first_contact_due(received_at=utc_friday_night, priority=3000) == dt.date(2026, 11, 23)


def test_overdue_only_after_the_due_day_and_only_without_first_contact():
    """On the due day an item is not yet late; the next day it is, unless someone reached the person."""
    due = dt.date(2026, 11, 25)
    assert not rules.is_overdue(due=due, first_contact_at=None, is_open=True, now=at(2026, 11, 25, 23, 59))
    assert rules.is_overdue(due=due, first_contact_at=None, is_open=True, now=at(2026, 11, 26, 0, 1))
    assert not rules.is_overdue(due=due, first_contact_at=at(2026, 11, 24), is_open=True, now=at(2026, 11, 27))
    assert not rules.is_overdue(due=due, first_contact_at=None, is_open=False, now=at(2026, 11, 27))


def test_compliance_compares_first_contact_with_the_due_day():
    """Reached on the due day is on time; a day later is not; no contact yet is unknown."""
    due = dt.date(2026, 11, 25)
    assert rules.was_on_time(due=due, first_contact_at=at(2026, 11, 25, 16)) is True
    assert rules.was_on_time(due=due, first_contact_at=at(2026, 11, 26, 8)) is False
    assert rules.was_on_time(due=due, first_contact_at=None) is None


def test_working_days_left_counts_across_holidays():
    """From the Friday before Christmas 2026 to Monday 28.12. is four working days (21.-23.12. and 28.12.)."""
    assert rules.working_days_left(due=dt.date(2026, 12, 28), today=dt.date(2026, 12, 18)) == 4
    assert rules.working_days_left(due=dt.date(2026, 11, 25), today=dt.date(2026, 11, 25)) == 0
    assert rules.working_days_left(due=dt.date(2026, 11, 24), today=dt.date(2026, 11, 26)) == -2
