"""Faults during intake writes: nothing half-stored, nothing typed lost, a failed batch can be resent.

A success answer (302 to the thank-you page, 200/201 from the API) means the rows are stored; a fault
answer (503) means none of them are. Faults are injected at every query of a request in turn.
"""

import sqlite3
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext

from kotipolku.conftest import LANDLORD_A_TOKEN
from kotipolku.core.models import AuditEvent
from kotipolku.core.tests.test_faults import read_only_database
from kotipolku.intake.models import ContactRequest, IntakeItem, LandlordNotice
from kotipolku.intake.services.common import team_for_municipality
from kotipolku.intake.tests.factories import notice_payload
from kotipolku.intake.tests.test_public_forms import URL, contact_form

BATCH_URL = "/api/v1/landlord/notices/batch"


class FailAtQuery:
    """An execute wrapper that lets `n - 1` queries through and fails the n-th, as a lost server does."""

    def __init__(self, n: int, *, read_only: bool = False):
        self.n, self.seen, self.read_only = n, 0, read_only

    def __call__(self, execute, sql, params, many, context):
        self.seen += 1
        if self.seen == self.n:
            if self.read_only:
                error = OperationalError("attempt to write a readonly database")
                error.__cause__ = sqlite3.OperationalError("attempt to write a readonly database")
                raise error
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)


def _counts():
    return (
        ContactRequest.objects.count(),
        IntakeItem.objects.count(),
        AuditEvent.objects.filter(object_type="intake.ContactRequest").count(),
    )


@pytest.mark.django_db
def test_contact_request_fault_at_every_query_leaves_all_or_nothing(team_a):
    """For each query of a submit in turn: a 302 means the request, its queue item and audit row exist;
    a 503 means none of them do, and the answer gives back what was typed."""
    http = HttpClient(raise_request_exception=False)
    assert http.post(URL, contact_form(message="lämmittely")).status_code == 302  # the team list is now kept
    with CaptureQueriesContext(connection) as queries:
        assert http.post(URL, contact_form(message="mittaus")).status_code == 302
    total = len(queries)
    sql = [q["sql"] for q in queries.captured_queries]  # read now: the next request clears the query log
    assert total >= 3

    stored_but_not_confirmed = []
    for n in range(1, total + 1):
        before = _counts()
        message = f"Viesti numero {n}"
        with connection.execute_wrapper(FailAtQuery(n)):
            response = http.post(URL, contact_form(message=message))
        after = _counts()
        # Every query of the submit is needed, so each injected fault shows as a 503 (never a 500 or 400).
        assert response.status_code == 503, (n, response.status_code)
        assert message in response.content.decode(), n  # nothing typed is lost
        if after != before:  # all three rows or none, never a part
            assert after == tuple(c + 1 for c in before), n
            stored_but_not_confirmed.append(n)
    # The thank-you page's details travel in a signed cookie, so no query follows the commit: a request
    # whose rows are stored always gets its 302. (A session write there would be the one query that can
    # fail after the rows are stored; then the person sees the fault page and may send again.)
    last_audit = max(i for i, text in enumerate(sql, start=1) if "core_auditevent" in text)
    after_commit = sql[last_audit + 1 :]
    assert all("django_session" in text or "SAVEPOINT" in text for text in after_commit), after_commit
    assert all(n > last_audit + 1 for n in stored_but_not_confirmed), stored_but_not_confirmed
    if not after_commit:
        assert stored_but_not_confirmed == []


@pytest.mark.django_db(transaction=True)
def test_contact_form_on_read_only_database_is_shown_again_filled_in(team_a):
    """Real read-only session: the form comes back (503) with the message and the text typed; nothing stored."""
    http = HttpClient(raise_request_exception=False)
    with read_only_database():
        response = http.post(URL, contact_form(message="Vuokra on kaksi kuukautta myöhässä"))
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"].isdigit()
    assert "<form" in html and "Vuokra on kaksi kuukautta myöhässä" in html
    assert "vain luku -tilassa" in html
    assert _counts() == (0, 0, 0)
    assert http.post(URL, contact_form()).status_code == 302  # writable again: accepted


def _batch(n: int) -> dict:
    return {"notices": [notice_payload(f"BATCH-{i:04d}") for i in range(n)]}


def _post_batch(http, payload):
    return http.post(BATCH_URL, data=payload, content_type="application/json")


@pytest.mark.django_db(transaction=True)
def test_batch_failing_part_way_stores_nothing_and_a_resend_stores_each_notice_once(landlord_a, team_a):
    """Half of the notices are written, then the database fails: nothing remains (one transaction).
    Sending the same batch again stores each notice exactly once; a third send changes nothing."""
    http = HttpClient(headers={"Authorization": f"Bearer {LANDLORD_A_TOKEN}"}, raise_request_exception=False)
    payload = _batch(40)
    manager = type(LandlordNotice.objects)
    original = manager.bulk_create

    def half_then_fail(self, objs, *args, **kwargs):
        objs = list(objs)
        original(self, objs[: len(objs) // 2], *args, **kwargs)
        assert LandlordNotice.objects.count() == len(objs) // 2  # written, inside the transaction
        raise OperationalError("server closed the connection unexpectedly")

    with mock.patch.object(manager, "bulk_create", half_then_fail):
        failed = _post_batch(http, payload)
    assert failed.status_code == 503 and set(failed.json()) == {"detail"}
    assert LandlordNotice.objects.count() == 0 and IntakeItem.objects.count() == 0

    resent = _post_batch(http, payload)
    assert resent.status_code == 200 and resent.json()["created_count"] == 40
    again = _post_batch(http, payload)
    assert again.json()["created_count"] == 0 and again.json()["unchanged_count"] == 40
    ids = list(LandlordNotice.objects.values_list("external_id", flat=True))
    assert len(ids) == 40 and len(set(ids)) == 40
    assert IntakeItem.objects.filter(landlord_notice__isnull=False).count() == 40


@pytest.mark.django_db
def test_batch_fault_at_every_query_then_resend_ends_with_one_copy_each(landlord_a, team_a):
    """The fault injected at each query of the batch request in turn: every 503 leaves no notice; after
    all of them one clean send stores each of the notices exactly once."""
    http = HttpClient(headers={"Authorization": f"Bearer {LANDLORD_A_TOKEN}"}, raise_request_exception=False)
    payload = _batch(5)
    team_for_municipality("")  # the team list is kept from here on, as in a running server
    with CaptureQueriesContext(connection) as queries:
        assert _post_batch(http, payload).status_code == 200
    total = len(queries)
    LandlordNotice.objects.all().delete()
    IntakeItem.objects.all().delete()
    for n in range(1, total + 1):
        with connection.execute_wrapper(FailAtQuery(n)):
            response = _post_batch(http, payload)
        assert response.status_code == 503, (n, response.content)
        assert LandlordNotice.objects.count() == 0, n
    assert _post_batch(http, payload).json()["created_count"] == 5
    assert LandlordNotice.objects.count() == 5
