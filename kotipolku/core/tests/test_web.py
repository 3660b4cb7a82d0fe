"""Security defaults, languages, health check and login behaviour of the web layer."""

import time

import pytest
from django.test import Client as HttpClient
from django.test import override_settings

from kotipolku.core.mfa import verify_session_without_code
from kotipolku.core.middleware import StaffIdleTimeoutMiddleware


@pytest.mark.django_db
def test_healthz():
    response = HttpClient().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_front_page_in_each_language(lang):
    response = HttpClient().get(f"/{lang}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "target"), [("sv", "/sv/"), ("en-GB,en;q=0.8", "/en/"), ("de", "/fi/"), ("", "/fi/")]
)
def test_unprefixed_path_redirects_by_browser_language(accept, target):
    response = HttpClient().get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302 and response["Location"] == target


@pytest.mark.django_db
def test_unknown_language_prefix_gives_a_translated_not_found_page():
    response = HttpClient().get("/de/", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 404
    assert "Sivua ei löytynyt" in response.content.decode()


@pytest.mark.django_db
def test_swedish_pages_are_translated():
    assert "Hjälp med boendet" in HttpClient().get("/sv/").content.decode()


@pytest.mark.django_db
def test_security_headers_on_every_page():
    response = HttpClient().get("/fi/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_csrf_is_enforced_on_login():
    http = HttpClient(enforce_csrf_checks=True)
    response = http.post("/fi/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_staff_area_requires_login(anonymous):
    response = anonymous.get("/fi/staff/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_clear_message(worker_a):
    response = HttpClient().post("/fi/accounts/login/", {"username": "worker-a", "password": "wrong"})
    assert response.status_code == 200
    assert "Käyttäjätunnus tai salasana on väärin" in response.content.decode()


@pytest.mark.django_db
def test_over_long_login_fields_are_field_errors(worker_a):
    response = HttpClient().post("/fi/accounts/login/", {"username": "x" * 5000, "password": "y" * 5000})
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_login(worker_a):
    http = HttpClient(REMOTE_ADDR="10.9.9.9")
    for _ in range(3):
        http.post("/fi/accounts/login/", {"username": "worker-a", "password": "wrong"})
    locked = http.post("/fi/accounts/login/", {"username": "worker-a", "password": "correct horse battery staple"})
    assert locked.status_code == 429
    assert "estetty" in locked.content.decode()


@pytest.mark.django_db
def test_correct_login_reaches_the_staff_area_after_the_code_step(worker_a):
    """The password opens the one-time code step (core.mfa, tested in test_mfa.py); then the staff area."""
    http = HttpClient()
    response = http.post("/fi/accounts/login/", {"username": "worker-a", "password": "correct horse battery staple"})
    assert response.status_code == 302
    step = http.get("/fi/staff/")
    assert step.status_code == 302 and step["Location"].startswith("/fi/accounts/koodi/")
    verify_session_without_code(http.session, worker_a)
    assert http.get("/fi/staff/").status_code == 200


@pytest.mark.django_db
@override_settings(STAFF_IDLE_TIMEOUT_SECONDS=60)
def test_idle_staff_session_is_logged_out(as_worker_a):
    assert as_worker_a.get("/fi/staff/").status_code == 200
    session = as_worker_a.session
    session[StaffIdleTimeoutMiddleware.SESSION_KEY] = int(time.time()) - 61
    session.save()
    response = as_worker_a.get("/fi/staff/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert as_worker_a.get("/fi/staff/").status_code == 302


def test_weak_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password123", "12345678901234", "short1A!"):
        with pytest.raises(ValidationError):
            validate_password(weak)


def test_production_settings_refuse_to_start_without_secret_key():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kotipolku.settings'; django.setup()",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.django_db
def test_api_errors_are_json_with_detail(anonymous):
    response = anonymous.get("/api/v1/clients")
    assert response.status_code == 401 and "detail" in response.json()
    assert anonymous.get("/api/v1/clients/not-a-number").status_code in (400, 401)


@pytest.mark.django_db
def test_unparsable_json_body_gives_field_level_400(anonymous):
    """Every 400 of the API has field-level reasons, also a body that is not JSON at all."""
    response = anonymous.post("/api/v1/bot/ask", data=b"{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "__body__"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", ["I akut fara, ring", "socialjouren", "Kristelefon", "Nollinjen"]),
        ("en", ["immediate danger, call", "social emergency service", "Crisis Helpline", "experienced violence"]),
    ],
)
def test_emergency_block_speaks_the_page_language(lang, expected):
    """A Swedish- or English-speaking person in crisis reads the emergency lines in their language."""
    html = HttpClient().get(f"/{lang}/yhteydenotto/").content.decode()
    block = html[html.index('class="emergency"') :]
    block = block[: block.index("</section>")]
    for phrase in expected:
        assert phrase in block
    for finnish in ("Välittömässä vaarassa", "paikkaa nukkua", "Väkivaltaa kokeneille"):
        assert finnish not in block
    assert 'href="tel:112"' in block and 'href="tel:080005005"' in block
