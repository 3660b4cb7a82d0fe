"""The second sign-in step of staff (core.mfa, ASVS 2.2.3): set-up, codes, throttling, reset, audit."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client as HttpClient
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotipolku.clients.models import Client
from kotipolku.conftest import logged_in
from kotipolku.core.models import AuditAction, AuditEvent

STAFF = "/fi/staff/"


def _code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - steps_ahead * device.step, digits=6):06d}"


def _sign_in(username: str) -> HttpClient:
    http = HttpClient()
    response = http.post("/fi/accounts/login/", {"username": username, "password": "salasana-123"})
    assert response.status_code == 302
    return http


@pytest.fixture
def worker(worker_a):
    worker_a.set_password("salasana-123")
    worker_a.save()
    return worker_a


@pytest.mark.django_db
def test_first_sign_in_sets_up_the_app_then_the_code_opens_the_staff_pages(worker):
    http = _sign_in(worker.username)
    response = http.get(STAFF)
    assert response.status_code == 302 and response["Location"].startswith("/fi/accounts/koodi/kayttoonotto/")
    page = http.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "<title>" in html and 'autocomplete="one-time-code"' in html
    device = TOTPDevice.objects.get(user=worker, confirmed=False)
    assert http.get(response["Location"]).status_code == 200
    assert TOTPDevice.objects.filter(user=worker).count() == 1  # a reload shows the same key
    done = http.post("/fi/accounts/koodi/kayttoonotto/", {"code": _code(device), "next": STAFF})
    assert done.status_code == 302 and done["Location"] == STAFF
    assert http.get(STAFF).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="core.User")
    assert event.detail == {"change": "mfa_device_confirmed"} and event.object_id == str(worker.pk)


@pytest.mark.django_db
def test_a_new_session_asks_for_a_code_and_refuses_a_wrong_or_reused_one(worker):
    device = TOTPDevice.objects.create(user=worker, name="Kotipolku", confirmed=True)
    http = _sign_in(worker.username)
    response = http.get(STAFF)
    assert response["Location"].startswith("/fi/accounts/koodi/?")
    wrong = http.post("/fi/accounts/koodi/", {"code": "000000" if _code(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and "Koodi ei kelpaa" in wrong.content.decode()
    refused = AuditEvent.objects.get(action=AuditAction.REFUSED)
    assert refused.object_type == "mfa" and refused.detail["reason"] == "wrong_code"
    assert http.get(STAFF).status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above slowed tries down; wait it out
    device.throttling_failure_timestamp = None
    device.save()
    code = _code(device)
    assert http.post("/fi/accounts/koodi/", {"code": f"{code[:3]} {code[3:]}"}).status_code == 302
    assert http.get(STAFF).status_code == 200
    # The same code cannot open a second session.
    other = _sign_in(worker.username)
    assert other.post("/fi/accounts/koodi/", {"code": code}).status_code == 400


@pytest.mark.django_db
def test_wrong_codes_slow_down_further_tries(worker):
    device = TOTPDevice.objects.create(user=worker, name="Kotipolku", confirmed=True)
    http = _sign_in(worker.username)
    bad = "000000" if _code(device) != "000000" else "111111"
    http.post("/fi/accounts/koodi/", {"code": bad})
    response = http.post("/fi/accounts/koodi/", {"code": _code(device)})  # right code, but too soon
    assert response.status_code == 400 and "Liian monta" in response.content.decode()
    assert http.get(STAFF).status_code == 302


@pytest.mark.django_db
def test_codes_that_are_not_six_digits_are_explained(worker):
    TOTPDevice.objects.create(user=worker, name="Kotipolku", confirmed=True)
    http = _sign_in(worker.username)
    for code in ("12345", "abcdef", "1234567", "１２３４５６"):
        response = http.post("/fi/accounts/koodi/", {"code": code})
        assert response.status_code == 400 and "kuutena numerona" in response.content.decode(), code


@pytest.mark.django_db
def test_before_the_code_the_api_answers_403_and_posts_are_refused(worker, team_a):
    client_a = Client.objects.create(nickname="Kalle")
    client_a.teams.add(team_a)
    TOTPDevice.objects.create(user=worker, name="Kotipolku", confirmed=True)
    http = logged_in(worker, second_step=False)
    api = http.get(f"/api/v1/clients/{client_a.pk}")
    assert api.status_code == 403 and "one-time code" in api.json()["detail"]
    assert http.post(f"/fi/staff/asiakkaat/{client_a.pk}/tapaaminen/", {"note": "x"}).status_code == 403
    assert http.post("/fi/accounts/logout/").status_code == 302  # leaving is always possible


@pytest.mark.django_db
def test_an_outside_address_is_never_the_next_page(worker):
    device = TOTPDevice.objects.create(user=worker, name="Kotipolku", confirmed=True)
    http = _sign_in(worker.username)
    response = http.post("/fi/accounts/koodi/", {"code": _code(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == STAFF


@pytest.mark.django_db
def test_reset_removes_the_devices_and_is_audited(worker, capsys):
    TOTPDevice.objects.create(user=worker, name="Kotipolku", confirmed=True)
    call_command("mfa_reset", worker.username)
    assert "removed 1 device(s)" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=worker).exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE, object_type="core.User")
    assert event.actor_type == "system" and event.detail == {"change": "mfa_reset"}
    http = _sign_in(worker.username)
    assert http.get(STAFF)["Location"].startswith("/fi/accounts/koodi/kayttoonotto/")
    with pytest.raises(CommandError, match="no user named"):
        call_command("mfa_reset", "ei-ole")


@pytest.mark.django_db
def test_without_the_setting_no_code_is_asked(worker, settings):
    """The demo (DEBUG) runs without the step unless STAFF_MFA_REQUIRED is set."""
    settings.STAFF_MFA_REQUIRED = False
    http = _sign_in(worker.username)
    assert http.get(STAFF).status_code == 200
