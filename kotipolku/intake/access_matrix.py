"""Permission-matrix rows of the intake module (see core/permission_matrix.py).

Each landlord may use only the landlord API and only its own notices: the other's notice is 404.
Team A's intake items answer 404 to worker B. Public forms are open to everyone.
"""

from kotipolku.core.permission_matrix import Row, landlord_api, public, staff_page, team_a_object

HETU = "030490-9501"  # synthetic, temporary range


def _notice(landlord, external_id: str, team):
    from kotipolku.intake.models import IntakeItem, LandlordNotice, Source

    notice = LandlordNotice.objects.create(
        landlord=landlord,
        external_id=external_id,
        notice_type="rent_arrears",
        henkilotunnus=HETU,
        notice_date="2026-11-02",
        legal_basis="statutory",
        contact_person="Matriisi",
        amount_eur=1000,
        months_in_arrears=2,
        data_digest="x",
    )
    IntakeItem.objects.create(
        source=Source.LANDLORD_NOTICE, team=team, priority=2020, first_contact_due="2026-11-04", landlord_notice=notice
    )
    return notice


def setup(ctx):
    ctx.notice_a = _notice(ctx.landlord_a, "MATRIX-A", ctx.team_a)
    ctx.notice_b = _notice(ctx.landlord_b, "MATRIX-B", ctx.team_b)
    ctx.item_a = ctx.notice_a.intake_item


def _notice_body(ctx=None) -> dict:
    return {
        "external_id": "MATRIX-NEW",
        "notice_type": "eviction_application",
        "tenant": {"henkilotunnus": HETU},
        "notice_date": "2026-11-02",
        "legal_basis": "consent",
        "contact_person": "Matriisi",
    }


def _item(suffix: str):
    return lambda ctx: f"/fi/staff/intake/{ctx.item_a.pk}/{suffix}"


# Anonymous, landlords, editors: login or 403; worker B: 404; every POST action ends in a redirect.
_TEAM_A_POST = team_a_object(page=True, ok=302)
_CLIENT_WORK = ("worker_a", "worker_b", "lead", "admin")

ROWS = [
    Row("intake:contact-request", public(200), path="/fi/yhteydenotto/"),
    Row("intake:contact-request", public(200), path="/sv/yhteydenotto/?theme=vuokranmaksu", note="sv theme"),
    # Without a submitted form in this session, the thank-you pages lead back to the front page.
    Row("intake:contact-request-done", public(302), path="/fi/yhteydenotto/kiitos/"),
    Row("intake:concern-report", public(200), path="/fi/huoli-ilmoitus/"),
    Row("intake:concern-report-done", public(302), path="/fi/huoli-ilmoitus/kiitos/"),
    Row("intake:queue", staff_page(*_CLIENT_WORK), path="/fi/staff/intake/"),
    Row("intake:staff-concern-report", staff_page(*_CLIENT_WORK), path="/fi/staff/intake/huoli-ilmoitus/"),
    Row("intake:item", team_a_object(page=True), path=lambda ctx: f"/fi/staff/intake/{ctx.item_a.pk}/"),
    Row("intake:item-claim", _TEAM_A_POST, path=_item("claim/"), method="POST", body={}),
    Row(
        "intake:item-attempt",
        _TEAM_A_POST,
        path=_item("attempt/"),
        method="POST",
        body={"method": "phone", "reached": ""},
    ),
    Row("intake:item-convert", _TEAM_A_POST, path=_item("convert/"), method="POST", body={}),
    # Moving team A's item to team A again keeps the expectations the same for every role.
    Row(
        "intake:item-reassign",
        _TEAM_A_POST,
        path=_item("reassign/"),
        method="POST",
        body=lambda ctx: {"team": ctx.team_a.pk},
    ),
    Row("intake:item-close", _TEAM_A_POST, path=_item("close/"), method="POST", body={"reason": "no_need"}),
    # Landlord API: only landlord tokens; staff sessions and anonymous are 401.
    Row("api:landlord-notices", landlord_api(200), path="/api/v1/landlord/notices"),
    Row(
        "api:landlord-notices",
        landlord_api(201),
        path="/api/v1/landlord/notices",
        method="POST",
        body=_notice_body,
        json=True,
    ),
    Row(
        "api:landlord-notice-detail",
        landlord_api(200, landlord_b=404),
        path=lambda ctx: f"/api/v1/landlord/notices/{ctx.notice_a.pk}",
        note="landlord A's",
    ),
    Row(
        "api:landlord-notice-detail",
        landlord_api(404, landlord_b=200),
        path=lambda ctx: f"/api/v1/landlord/notices/{ctx.notice_b.pk}",
        note="landlord B's",
    ),
    Row(
        "api:landlord-notice-batch",
        landlord_api(200),
        path="/api/v1/landlord/notices/batch",
        method="POST",
        body=lambda ctx: {"notices": [_notice_body()]},
        json=True,
    ),
    # An empty multipart body: the landlord is told to attach a file; everyone else is 401.
    Row("api:landlord-notice-csv", landlord_api(400), path="/api/v1/landlord/notices/csv", method="POST", body={}),
]
