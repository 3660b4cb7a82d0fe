"""Permission-matrix rows of the service compass: public pages and API, the editors' review list."""

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
    Row("services:detail", public(404), path="/fi/palvelut/999999/", note="missing"),
    Row("services:review", staff_page("editor", "admin"), path="/fi/staff/palvelut/tarkistettavat/"),
    Row("api:service-list", public(200), path="/api/v1/services"),
    Row("api:service-list", public(400), path="/api/v1/services?open_now=maybe", note="bad flag"),
    Row("api:service-detail", public(200), path=lambda ctx: f"/api/v1/services/{ctx.service.pk}"),
]
