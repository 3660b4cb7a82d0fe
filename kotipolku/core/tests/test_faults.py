"""Database faults answer 503 in the person's language (HTML) or as {"detail"} JSON, never a 500 or a trace.

"Down" is simulated with connection.execute_wrapper (every query raises what the driver raises when the
server is gone) or, for real, by pointing the connection at a database that cannot be opened.
"""

import errno
import sqlite3
from contextlib import contextmanager

import psycopg
import pytest
from django.db import IntegrityError, InternalError, OperationalError, connection
from django.test import Client as HttpClient

from kotipolku.core import faults
from kotipolku.core.mfa import verify_session_without_code
from kotipolku.core.models import AuditEvent

pytestmark = pytest.mark.django_db

TITLES = {
    "fi": "Palvelu on tilapäisesti poissa käytöstä",
    "sv": "Tjänsten är tillfälligt ur bruk",
    "en": "The service is temporarily unavailable",
}
EMERGENCY = {"fi": "Hätätilanteessa soita", "sv": "I nödsituationer, ring", "en": "In an emergency, call"}


def _raise_down(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


@contextmanager
def database_down():
    """Every query fails as it does when the database server has gone away."""
    with connection.execute_wrapper(_raise_down):
        yield


def assert_fault_page(response, lang: str, title: str | None = None):
    html = response.content.decode()
    assert response.status_code == 503, html[:500]
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"].isdigit()
    assert response["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in response
    assert f'<html lang="{lang}">' in html
    assert (title or TITLES[lang]) in html
    assert EMERGENCY[lang] in html and 'href="tel:112"' in html
    for leak in ("Traceback", "OperationalError", "Connection refused", "<script"):
        assert leak not in html


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_public_page_with_database_down_is_503_in_the_page_language(anonymous, lang):
    """The service compass queries the database: with it down the page is a 503 in fi/sv/en, with 112."""
    with database_down():
        response = anonymous.get(f"/{lang}/palvelut/")
    assert_fault_page(response, lang)


def test_unprefixed_path_uses_the_browser_language(db):
    http = HttpClient(headers={"Accept-Language": "sv"}, raise_request_exception=False)
    with database_down():
        response = http.get("/fi/palvelut/", headers={"Accept-Language": "sv"})
    assert_fault_page(response, "fi")  # the path's language wins over the browser's


def test_signed_in_staff_with_database_down_get_the_fault_page_not_a_500(worker_a):
    """The session is read in middleware (before any view): views.server_error answers the fault."""
    http = HttpClient(raise_request_exception=False)
    http.force_login(worker_a)
    verify_session_without_code(http.session, worker_a)
    with database_down():
        response = http.get("/en/staff/")
    assert_fault_page(response, "en")


def test_api_with_database_down_answers_503_json_detail(anonymous, as_landlord_a):
    """Public and token-authenticated API routes: 503 {"detail"} with Retry-After, no internals."""
    with database_down():
        public = anonymous.get("/api/v1/services")
        landlord = as_landlord_a.get("/api/v1/landlord/notices")
    for response in (public, landlord):
        assert response.status_code == 503, response.content
        assert response["Content-Type"] == "application/json"
        assert response["Retry-After"].isdigit()
        assert set(response.json()) == {"detail"}
        assert "unavailable" in response.json()["detail"]
        assert "Connection refused" not in response.content.decode()


def test_a_bug_that_is_a_database_error_stays_a_500(db):
    """Only faults of the environment are 503: an integrity error is a bug and must be seen as one."""

    def broken(execute, sql, params, many, context):
        raise IntegrityError("UNIQUE constraint failed")

    def aborted(execute, sql, params, many, context):
        raise _django_error(InternalError, psycopg.errors.InFailedSqlTransaction("current transaction is aborted"))

    http = HttpClient(raise_request_exception=False)
    for wrapper in (broken, aborted):
        with connection.execute_wrapper(wrapper):
            assert http.get("/fi/palvelut/").status_code == 500
            api = http.get("/api/v1/services")
        assert api.status_code == 500 and api.json() == {"detail": "Internal error. It has been logged."}


def test_healthz_stays_free_of_queries_and_healthz_db_reports_the_database(anonymous, django_assert_num_queries):
    """/healthz (the load test's reference view) makes no query; /healthz/db tells ok or error."""
    with django_assert_num_queries(0):
        assert anonymous.get("/healthz").json() == {"status": "ok"}
    assert anonymous.get("/healthz/db").json() == {"status": "ok", "database": "ok"}
    with database_down():
        assert anonymous.get("/healthz").status_code == 200
        down = anonymous.get("/healthz/db")
    assert down.status_code == 503 and down.json() == {"status": "error", "database": "unavailable"}
    assert down["Retry-After"].isdigit()


@pytest.mark.django_db(transaction=True)
def test_real_connection_failure_is_503_and_the_next_request_recovers():
    """Not a mock: the connection is pointed at a port where no PostgreSQL listens, then back."""
    if connection.vendor != "postgresql":
        pytest.skip("the SQLite test database lives in memory: closing its connection would delete it")
    original = dict(connection.settings_dict)
    http = HttpClient(raise_request_exception=False)
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens on port 1
    try:
        assert_fault_page(http.get("/fi/palvelut/"), "fi")
        api = http.get("/api/v1/services")
        assert api.status_code == 503 and set(api.json()) == {"detail"}
        assert http.get("/healthz/db").json()["database"] == "unavailable"
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
    assert http.get("/fi/palvelut/").status_code == 200
    assert http.get("/healthz/db").status_code == 200


@contextmanager
def read_only_database():
    """A real read-only session: PostgreSQL default_transaction_read_only, SQLite query_only."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET default_transaction_read_only = on")
        else:
            cursor.execute("PRAGMA query_only = ON")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET default_transaction_read_only = off")
            else:
                cursor.execute("PRAGMA query_only = OFF")


@pytest.mark.django_db(transaction=True)
def test_read_only_database_reads_work_and_writes_answer_503(landlord_a):
    """Public reads keep working; a landlord notice answers 503 and stores nothing. A read that must be
    audited (the landlord's own notice list) is refused too: no personal data is shown without an audit row."""
    from kotipolku.intake.models import LandlordNotice
    from kotipolku.intake.tests.factories import notice_payload

    http = HttpClient(raise_request_exception=False)
    landlord = HttpClient(headers={"Authorization": "Bearer test-landlord-a-token"}, raise_request_exception=False)
    events = AuditEvent.objects.count()
    with read_only_database():
        assert http.get("/fi/palvelut/").status_code == 200
        assert http.get("/api/v1/services").status_code == 200
        audited_read = landlord.get("/api/v1/landlord/notices")
        health = http.get("/healthz/db")
        write = landlord.post("/api/v1/landlord/notices", data=notice_payload(), content_type="application/json")
    assert health.status_code == 503 and health.json()["database"] == "read_only"
    assert audited_read.status_code == 503 and "read-only" in audited_read.json()["detail"]
    assert write.status_code == 503, write.content
    assert "read-only" in write.json()["detail"] and write["Retry-After"].isdigit()
    assert LandlordNotice.objects.count() == 0 and AuditEvent.objects.count() == events
    # After the database is writable again the same notice is accepted once.
    assert (
        landlord.post("/api/v1/landlord/notices", data=notice_payload(), content_type="application/json").status_code
        == 201
    )


def test_fault_page_echoes_what_was_typed_escaped_and_without_secrets(rf):
    """A form that could not be saved: the text comes back (escaped); passwords and tokens do not."""
    request = rf.post(
        "/fi/staff/asiakkaat/1/tapaaminen/",
        {"note": "<b>Tapasin</b> asemalla", "password": "salasana123", "csrfmiddlewaretoken": "x" * 64},
    )
    response = faults.fault_response(request, faults.READ_ONLY)
    html = response.content.decode()
    assert response.status_code == 503
    assert "&lt;b&gt;Tapasin&lt;/b&gt; asemalla" in html
    assert "salasana123" not in html and "x" * 64 not in html
    assert "Tallentaminen ei juuri nyt onnistu" in html


def _django_error(cls, cause):
    error = cls(str(cause))
    error.__cause__ = cause
    return error


def test_classify_tells_faults_from_bugs():
    """Driver errors as Django wraps them: only environment faults are classified."""
    ro = _django_error(OperationalError, sqlite3.OperationalError("attempt to write a readonly database"))
    locked = _django_error(OperationalError, sqlite3.OperationalError("database is locked"))
    missing = _django_error(OperationalError, sqlite3.OperationalError("no such table: intake_item"))
    from django.db import ProgrammingError

    pg_ro = _django_error(InternalError, psycopg.errors.ReadOnlySqlTransaction("read-only transaction"))
    pg_other = _django_error(InternalError, psycopg.errors.InFailedSqlTransaction("aborted"))
    pg_down = _django_error(OperationalError, psycopg.OperationalError("connection refused"))
    assert faults.classify(ro) == faults.READ_ONLY
    assert faults.classify(pg_ro) == faults.READ_ONLY
    assert faults.classify(locked) == faults.UNAVAILABLE
    assert faults.classify(pg_down) == faults.UNAVAILABLE
    assert faults.classify(missing) is None
    assert faults.classify(pg_other) is None
    assert faults.classify(_django_error(ProgrammingError, psycopg.errors.UndefinedTable("x"))) is None
    assert faults.classify(OSError(errno.ENOSPC, "No space left on device")) == faults.DISK_FULL
    assert faults.classify(OSError(errno.ENOENT, "No such file")) is None
    assert faults.classify(ValueError("x")) is None
