"""A worker logging an encounter while the database cannot be written: a 503 that gives the note back.

The encounter page audits the read of the client first, so with a read-only database even the page
refuses (no personal data shown without an audit row); the form cannot be shown again, so the fault
page repeats what was typed instead.
"""

import sqlite3

import pytest
from django.db import OperationalError, connection
from django.test import Client as HttpClient
from django.utils import timezone

from kotipolku.clients.models import Encounter
from kotipolku.core.mfa import verify_session_without_code

pytestmark = pytest.mark.django_db(transaction=True)  # the failed write happens outside any atomic block


def _writes_fail(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
        error = OperationalError("attempt to write a readonly database")
        error.__cause__ = sqlite3.OperationalError("attempt to write a readonly database")
        raise error
    return execute(sql, params, many, context)


def test_encounter_entry_on_read_only_database_is_503_with_the_note_given_back(worker_a, client_a):
    http = HttpClient(raise_request_exception=False)
    http.force_login(worker_a)
    verify_session_without_code(http.session, worker_a)
    before = Encounter.objects.count()
    note = "Tavattiin asemalla <klo 9>, puhuttiin asumistuesta."
    with connection.execute_wrapper(_writes_fail):
        response = http.post(
            f"/fi/staff/asiakkaat/{client_a.pk}/tapaaminen/",
            {"type": "outreach", "date": timezone.localdate().isoformat(), "note": note},
        )
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"].isdigit()
    assert '<html lang="fi">' in html and "Tallentaminen ei juuri nyt onnistu" in html
    assert "Tavattiin asemalla &lt;klo 9&gt;, puhuttiin asumistuesta." in html
    assert "Traceback" not in html and "<script" not in html
    assert Encounter.objects.count() == before
