"""Permission-matrix rows of the service compass: public pages and API, the editors' review list,
file import (preview, confirm) and HSDS export."""

from kotipolku.core.permission_matrix import Row, public, staff_page


def setup(ctx):
    from kotipolku.services.services import service_upsert

    ctx.service, _ = service_upsert(
        actor="system",
        data={"id": "matrix-service", "name": "Matriisipalvelu", "categories": ["food_aid"], "municipalities": ["092"]},
    )


ROWS = [
    Row("services:list", public(200), path="/fi/palvelut/"),
    Row("services:list", public(200), path="/sv/palvelut/?q=mat&open_now=1", note="filtered"),
    Row("services:print", public(200), path="/fi/palvelut/tulosta/"),
    Row("services:detail", public(200), path=lambda ctx: f"/fi/palvelut/{ctx.service.pk}/"),
    Row("services:detail", public(404), path="/fi/palvelut/999999/", note="missing", audited_refusal=False),
    Row("services:review", staff_page("editor", "admin"), path="/fi/staff/palvelut/tarkistettavat/"),
    Row("services:import", staff_page("editor", "admin"), path="/fi/staff/palvelut/tuonti/"),
    Row(
        "services:import",
        staff_page("editor", "admin"),
        path="/fi/staff/palvelut/tuonti/",
        method="POST",
        body={},
        note="no file: the form says so",
    ),
    Row(
        "services:import-confirm",
        staff_page("editor", "admin", ok=302),
        path="/fi/staff/palvelut/tuonti/vahvista/",
        method="POST",
        body={"digest": "x"},
        note="nothing previewed: back to the form",
    ),
    Row(
        "services:import-confirm",
        staff_page("editor", "admin", ok=405),
        path="/fi/staff/palvelut/tuonti/vahvista/",
        note="GET is not allowed",
    ),
    Row("services:export-hsds", staff_page("editor", "admin"), path="/fi/staff/palvelut/vienti/hsds/"),
    Row("api:service-list", public(200), path="/api/v1/services"),
    Row("api:service-list", public(400), path="/api/v1/services?open_now=maybe", note="bad flag"),
    Row("api:service-detail", public(200), path=lambda ctx: f"/api/v1/services/{ctx.service.pk}"),
]
