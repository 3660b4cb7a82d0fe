"""XLSX downloads are built in memory, but openpyxl spools each sheet to a temporary file first:
a full temporary disk answers 503 with a clear message, not a 500."""

import errno
from unittest import mock

import pytest
from django.test import Client as HttpClient

from kotipolku.core.mfa import verify_session_without_code

pytestmark = pytest.mark.django_db


def test_xlsx_export_with_a_full_temporary_disk_is_a_clear_503(lead):
    http = HttpClient(raise_request_exception=False)
    http.force_login(lead)
    verify_session_without_code(http.session, lead)
    url = "/en/staff/raportit/kpi.xlsx?start=2025-01-01&end=2025-12-31"
    assert http.get(url).status_code == 200
    full = OSError(errno.ENOSPC, "No space left on device")
    with mock.patch("openpyxl.worksheet._writer.create_temporary_file", side_effect=full):
        response = http.get(url)
    html = response.content.decode()
    assert response.status_code == 503 and response["Content-Type"].startswith("text/html")
    assert '<html lang="en">' in html and "The server has run out of disk space" in html
    assert "Traceback" not in html and "No space left" not in html
