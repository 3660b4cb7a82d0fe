"""Public contact request and concern report: what is stored, what is shown, abuse protection."""

import datetime as dt
import logging
import time

import pytest
from django.core import signing
from django.db import connection

from kotipolku.intake.forms import _STARTED_SALT
from kotipolku.intake.models import ConcernReport, ContactRequest, IntakeItem
from kotipolku.intake.services.public import REFERENCE_ALPHABET

URL = "/fi/yhteydenotto/"
CONCERN_URL = "/fi/huoli-ilmoitus/"
pytestmark = pytest.mark.django_db


def started(seconds_ago: float = 60) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=_STARTED_SALT)


def contact_form(**overrides) -> dict:
    data = {
        "theme": "vuokranmaksu",
        "urgency": "soon",
        "contact_method": "phone",
        "phone": "040 123 4567",
        "email": "",
        "name": "Testi",
        "message": "Vuokra on myöhässä.",
        "preferred_language": "fi",
        "municipality": "Vantaa",
        "started": started(),
        "website": "",
    }
    data.update(overrides)
    return data


def test_form_renders_without_javascript_and_preselects_theme(anonymous):
    """The page has a plain form; ?theme= preselects the theme; no inline script."""
    response = anonymous.get(URL, {"theme": "haato"})
    html = response.content.decode()
    assert response.status_code == 200 and "<form" in html and "<script" not in html
    assert '<option value="haato" selected>' in html


def test_unknown_theme_parameter_is_ignored(anonymous):
    """A made-up ?theme= does not break the page."""
    assert anonymous.get(URL, {"theme": "<script>"}).status_code == 200


def test_submission_stores_request_and_shows_reference_code_and_due_date(anonymous, team_a):
    """After sending, the confirmation shows the reference code and the due date; the item is queued."""
    response = anonymous.post(URL, contact_form(), follow=True)
    request = ContactRequest.objects.get()
    html = response.content.decode()
    assert request.reference_code in html
    assert len(request.reference_code) == 9 and set(request.reference_code.replace("-", "")) <= set(REFERENCE_ALPHABET)
    assert "2 arkipäivän" in html
    item = IntakeItem.objects.get()
    assert item.contact_request == request and item.team == team_a
    assert request.phone == "040 123 4567" and request.email == ""


def test_phone_is_stored_encrypted_and_never_logged(anonymous, team_a, caplog):
    """The phone column holds ciphertext and no log record contains the number."""
    with caplog.at_level(logging.DEBUG):
        anonymous.post(URL, contact_form(phone="0401112223"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM intake_contactrequest")
        (stored,) = cursor.fetchone()
    assert "0401112223" not in stored
    assert "0401112223" not in caplog.text


def test_callback_request_is_anonymous(anonymous, team_a):
    """'I will call back' keeps no phone or e-mail even if they were typed."""
    anonymous.post(URL, contact_form(contact_method="callback", phone="040 123 4567", email="a@example.org"))
    request = ContactRequest.objects.get()
    assert request.phone == "" and request.email == ""


def test_acute_request_gets_one_working_day(anonymous, team_a):
    """An acute request is in the emergency tier with a 1-working-day deadline."""
    response = anonymous.post(URL, contact_form(urgency="acute"), follow=True)
    assert IntakeItem.objects.get().priority == 4000
    assert "arkipäivän kuluessa" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"phone": ""}, "phone"),
        ({"phone": "call me maybe"}, "phone"),
        ({"contact_method": "email", "email": ""}, "email"),
        ({"contact_method": "email", "email": "not-an-email"}, "email"),
        ({"urgency": ""}, "urgency"),
        ({"message": "x" * 2001}, "message"),
        ({"message": "Tunnukseni on 030490-9501"}, "message"),
    ],
)
def test_invalid_form_shows_field_errors_and_stores_nothing(anonymous, overrides, field):
    """Missing or bad contact details give a field error (200 with the error summary), nothing stored."""
    response = anonymous.post(URL, contact_form(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert b"error-summary" in response.content
    assert ContactRequest.objects.count() == 0


def test_honeypot_is_quietly_ignored(anonymous):
    """A filled hidden field looks like success to the bot but stores nothing."""
    response = anonymous.post(URL, contact_form(website="http://spam.example"), follow=True)
    assert response.status_code == 200
    assert ContactRequest.objects.count() == 0


def test_too_fast_or_missing_start_stamp_is_ignored(anonymous):
    """A form sent within the minimum fill time, or without the signed start stamp, stores nothing."""
    anonymous.post(URL, contact_form(started=started(seconds_ago=0)))
    anonymous.post(URL, contact_form(started="forged"))
    assert ContactRequest.objects.count() == 0


def test_rate_limit_answers_429_per_ip(anonymous, settings, team_a, one_rate_window):
    """After the per-IP limit the form answers 429; other addresses are not affected."""
    settings.INTAKE_FORM_RATE_LIMIT = 2
    for _ in range(2):
        assert anonymous.post(URL, contact_form()).status_code == 302
    assert anonymous.post(URL, contact_form()).status_code == 429
    assert anonymous.post(URL, contact_form(), REMOTE_ADDR="10.0.0.9").status_code == 302
    assert ContactRequest.objects.count() == 3


def test_thank_you_page_without_submission_redirects(anonymous):
    """The confirmation is only shown to the person who just sent a request."""
    assert anonymous.get("/fi/yhteydenotto/kiitos/").status_code == 302


def test_assessment_summary_is_attached_only_when_chosen(anonymous, team_a, monkeypatch):
    """With ?assessment=<token> the answers are shown and attached; unticking leaves them out."""
    summary = {
        "instrument": "asumisen-audit",
        "version": "1",
        "band": "high",
        "band_label": "Suuri riski",
        "emergency": True,
        "created_at": dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC),
        "answers": [{"question": "Onko vuokra rästissä?", "answer": "Kyllä"}],
    }
    from kotipolku.intake import views

    monkeypatch.setattr(views, "_assessment_summary", lambda token: summary if token == "good" else None)
    page = anonymous.get(URL, {"assessment": "good"}).content.decode()
    assert "Suuri riski" in page and "Onko vuokra rästissä?" in page
    anonymous.post(URL, contact_form(assessment="good", attach_assessment="on"))
    anonymous.post(URL, contact_form(assessment="good"))
    first, second = ContactRequest.objects.order_by("created_at", "id")
    assert first.assessment_summary["band_label"] == "Suuri riski" and second.assessment_summary is None
    assert first.assessment_summary["created_at"].startswith("2026-11-20")
    # The self-assessment signalled an emergency: the request goes to the emergency tier.
    assert first.intake_item.priority == 4000 and second.intake_item.priority < 4000


def test_invalid_assessment_token_is_ignored(anonymous, team_a):
    """A bad or expired token (or a missing instruments module) shows the plain form and attaches nothing."""
    assert anonymous.get(URL, {"assessment": "garbage"}).status_code == 200
    anonymous.post(URL, contact_form(assessment="garbage", attach_assessment="on"))
    assert ContactRequest.objects.get().assessment_summary is None


def concern_form(**overrides) -> dict:
    data = {
        "reporter_kind": "public",
        "housing_flag": "on",
        "description": "Naapuri kertoi, että häätö on tulossa.",
        "subject_name": "Testi Henkilö",
        "municipality": "Hyvinkää",
        "started": started(),
        "website": "",
    }
    data.update(overrides)
    return data


def test_concern_report_with_housing_flag_goes_to_the_fast_lane(anonymous, team_a, team_b):
    """The housing flag gives the fast-lane priority and the team of the municipality."""
    response = anonymous.post(CONCERN_URL, concern_form(), follow=True)
    assert response.status_code == 200
    report = ConcernReport.objects.get()
    assert report.housing_flag and report.intake_item.priority == 3000 and report.intake_item.team == team_b


def test_concern_description_with_identity_code_is_refused(anonymous):
    """An identity code in the free text is refused (the staff form has its own field for it)."""
    response = anonymous.post(CONCERN_URL, concern_form(description="Hänen tunnuksensa on 030490-9501"))
    assert "description" in response.context["form"].errors
    assert ConcernReport.objects.count() == 0


def test_staff_concern_report_can_carry_identity_code(as_worker_a, team_a):
    """A professional's report from the staff area may include a validated identity code."""
    data = concern_form(henkilotunnus="030490-9501")
    response = as_worker_a.post("/fi/staff/intake/huoli-ilmoitus/", data)
    assert response.status_code == 302
    report = ConcernReport.objects.get()
    assert report.reporter_kind == "professional" and report.henkilotunnus.reveal() == "030490-9501"
    assert report.created_by.username == "worker-a"
