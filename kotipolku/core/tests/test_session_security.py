"""Session and cookie security (OWASP ASVS 3.2.1, 3.3.1, 3.4, 4.2.2, 8.1.1): the session id changes at
login, logout ends the session on the server, production cookies carry Secure/HttpOnly/SameSite, staff
pages are never cached and a session-authenticated API write needs the CSRF token."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client as HttpClient
from django.test import override_settings

from kotipolku.clients.services import client_create
from kotipolku.core.mfa import verify_session_without_code

PASSWORD = "correct horse battery staple"


def _login(http: HttpClient, username: str) -> None:
    response = http.post("/fi/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_login_gives_a_new_session_id(worker_a):
    """A session id planted before login (session fixation) is not the one used after it."""
    http = HttpClient()
    http.get("/fi/accounts/login/")
    session = http.session
    session["planted"] = "yes"
    session.save()
    before = session.session_key

    _login(http, "worker-a")

    after = http.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


@pytest.mark.django_db
def test_logout_ends_the_session_on_the_server(worker_a):
    """After logout the old session cookie opens nothing, even if someone kept a copy of it."""
    http = HttpClient()
    _login(http, "worker-a")
    verify_session_without_code(http.session, worker_a)  # the one-time code step is tested in test_mfa.py
    stolen = http.cookies[settings.SESSION_COOKIE_NAME].value
    assert http.get("/fi/staff/").status_code == 200

    assert http.post("/fi/accounts/logout/").status_code == 302

    assert not Session.objects.filter(session_key=stolen).exists()
    replay = HttpClient()
    replay.cookies[settings.SESSION_COOKIE_NAME] = stolen
    response = replay.get("/fi/staff/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_cookies_carry_secure_httponly_and_samesite(worker_a):
    """Cookie flags as production sets them (SECURE_COOKIES on unless DEBUG)."""
    http = HttpClient()
    http.get("/fi/accounts/login/")
    _login(http, "worker-a")

    session_cookie = http.cookies[settings.SESSION_COOKIE_NAME]
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True
    assert session_cookie["samesite"] == "Lax"
    csrf_cookie = http.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf_cookie["secure"] is True
    assert csrf_cookie["samesite"] == "Lax"


def test_production_settings_turn_secure_cookies_on():
    """The settings module ties both cookie flags to SECURE_COOKIES, which is on unless DEBUG."""
    assert settings.DEBUG is False  # pytest runs the production settings (pyproject env)
    assert settings.SECURE_COOKIES is True
    assert settings.SESSION_COOKIE_SECURE is True and settings.CSRF_COOKIE_SECURE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


@pytest.mark.django_db
def test_staff_pages_are_not_stored_by_browsers_or_proxies(as_worker_a):
    """A shared computer's browser cache must not keep client data."""
    response = as_worker_a.get("/fi/staff/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_session_api_write_without_csrf_token_is_refused(worker_a, team_a):
    """A signed-in worker's browser cannot be made to write through the API from another site."""
    client = client_create(actor=worker_a, team=team_a, nickname="Testi", age_group="35_49", usual_place="Asema")
    http = HttpClient(enforce_csrf_checks=True)
    http.force_login(worker_a)
    verify_session_without_code(http.session, worker_a)
    url = f"/api/v1/clients/{client.pk}/encounters"

    refused = http.post(url, {"type": "phone"}, content_type="application/json")
    assert refused.status_code == 403
    assert client.encounters.count() == 0

    http.get("/fi/staff/")  # sets the CSRF cookie as a page load does
    token = http.cookies[settings.CSRF_COOKIE_NAME].value
    accepted = http.post(url, {"type": "phone"}, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201
    assert client.encounters.count() == 1
