"""Permission-matrix rows of the core module (see core/permission_matrix.py)."""

from kotipolku.core.permission_matrix import ROLES, Row, expect, public, staff_page

ROWS = [
    Row("healthz", public(200), path="/healthz"),
    Row("healthz-db", public(200), path="/healthz/db"),
    Row("front", public(200), path="/fi/"),
    Row("front", public(200), path="/sv/", note="sv"),
    Row("front", public(200), path="/en/", note="en"),
    # Signed-in staff are sent on to the staff area.
    Row("login", expect(302, anonymous=200, landlord_a=200, landlord_b=200), path="/fi/accounts/login/"),
    Row("logout", expect(302), path="/fi/accounts/logout/", method="POST", body={}),
    # The one-time code step: signed-in sessions of the matrix have passed it, so every role is sent on
    # (staff to the page asked for, others to login). tests/test_mfa.py covers the step itself.
    Row("mfa-verify", expect(302), path="/fi/accounts/koodi/"),
    Row("mfa-setup", expect(302), path="/fi/accounts/koodi/kayttoonotto/"),
    Row("staff-home", staff_page("worker_a", "worker_b", "lead", "editor", "admin"), path="/fi/staff/"),
    Row("audit-log", staff_page("admin"), path="/fi/staff/audit/"),
    Row("audit-export", staff_page("admin"), path="/fi/staff/audit/export.csv"),
    # The Django admin keeps its own login; only editors and admins (is_staff) get in.
    Row("admin:index", {r: 200 if r in ("editor", "admin") else 302 for r in ROLES}, path="/admin/"),
    Row("api:openapi-json", public(200), path="/api/v1/openapi.json"),
    Row("api:api-root", public(404), path="/api/v1/", audited_refusal=False),
]
