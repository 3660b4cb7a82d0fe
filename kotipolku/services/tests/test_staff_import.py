"""The editors' import page: editors and admins only, a preview saves nothing, bad rows are listed with
line numbers, a confirmation imports all-or-nothing, a re-import changes nothing; export is audited."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kotipolku.conftest import logged_in
from kotipolku.core.mfa import verify_session_without_code
from kotipolku.core.models import AuditAction, AuditEvent
from kotipolku.services.exchange import hsds
from kotipolku.services.exchange.upload import MAX_UPLOAD_BYTES
from kotipolku.services.models import Service

IMPORT = "/fi/staff/palvelut/tuonti/"
CONFIRM = "/fi/staff/palvelut/tuonti/vahvista/"
EXPORT = "/fi/staff/palvelut/vienti/hsds/"
CSV = (
    "id;name_fi;categories;municipalities;hours\n"
    "up-1;Ruoka-apu Kerava;food_aid;245;ma-pe 9-15\n"
    "up-2;Päiväkeskus Vantaa;day_centre;092;su 20-8 yö\n"
)
BAD_CSV = (
    "id;name_fi;categories;municipalities;hours\n"
    "up-1;Ruoka-apu Kerava;food_aid;245;ma-pe 9-15\n"
    "up-2;Päiväkeskus;soup;092;ma 10-12\n"
    "up-3;Yömaja;emergency_shelter;999;ma 15-9\n"
)


def _file(text: str, name: str = "palvelut.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _preview(http, text, name="palvelut.csv"):
    return http.post(IMPORT, {"file": _file(text, name)})


@pytest.fixture
def as_editor_http(editor):
    return logged_in(editor)


@pytest.mark.parametrize("role", ["worker_a", "lead"])
def test_only_editors_and_admins(request, role):
    """Workers and leads get 403 on every page; anonymous users go to login; nothing is imported."""
    http = logged_in(request.getfixturevalue(role))
    assert http.get(IMPORT).status_code == 403
    assert _preview(http, CSV).status_code == 403
    assert http.post(CONFIRM, {"digest": "x"}).status_code == 403
    assert http.get(EXPORT).status_code == 403
    from django.test import Client

    assert Client().post(IMPORT, {"file": _file(CSV)}).status_code == 302
    assert Service.objects.count() == 0


def test_admin_may_import(admin_user):
    """Admins have the editors' rights here."""
    http = logged_in(admin_user)
    assert _preview(http, CSV).status_code == 200


def test_preview_saves_nothing_and_confirm_imports(as_editor_http, editor):
    """The preview counts 2 new services and saves nothing; confirming imports both and audits the import."""
    response = _preview(as_editor_http, CSV)
    assert response.status_code == 200
    preview = response.context["preview"]
    assert (preview.created, preview.updated, preview.unchanged, preview.errors) == (2, 0, 0, [])
    assert Service.objects.count() == 0
    assert not AuditEvent.objects.filter(object_type="services.Service").exists()
    digest = response.context["pending"]["digest"]
    assert digest in response.content.decode()
    done = as_editor_http.post(CONFIRM, {"digest": digest})
    assert done.status_code == 302
    assert sorted(Service.objects.values_list("stable_id", flat=True)) == ["up-1", "up-2"]
    summary = AuditEvent.objects.get(detail__source="upload")
    assert summary.actor_id == str(editor.pk) and summary.detail["created"] == 2
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="services.Service").count() == 2
    assert as_editor_http.post(CONFIRM, {"digest": digest}).status_code == 302  # nothing pending any more
    assert Service.objects.count() == 2


def test_reimport_changes_nothing(as_editor_http):
    """The same file again: preview says 2 unchanged; confirming writes nothing new."""
    as_editor_http.post(CONFIRM, {"digest": _preview(as_editor_http, CSV).context["pending"]["digest"]})
    before = list(Service.objects.order_by("pk").values_list("pk", "updated_at"))
    response = _preview(as_editor_http, CSV)
    preview = response.context["preview"]
    assert (preview.created, preview.updated, preview.unchanged) == (0, 0, 2)
    as_editor_http.post(CONFIRM, {"digest": response.context["pending"]["digest"]})
    assert list(Service.objects.order_by("pk").values_list("pk", "updated_at")) == before


def test_bad_file_lists_every_bad_row_and_saves_nothing(as_editor_http):
    """Unknown codes and impossible hours are listed with their line numbers; nothing is saved or pending."""
    response = _preview(as_editor_http, BAD_CSV)
    preview = response.context["preview"]
    assert not preview.ok and response.context["pending"] is None
    lines = {e.line for e in preview.errors}
    assert lines == {3, 4}
    page = response.content.decode()
    assert "soup" in page and "999" in page
    assert Service.objects.count() == 0
    assert as_editor_http.post(CONFIRM, {"digest": "anything"}).status_code == 302
    assert Service.objects.count() == 0


def test_hsds_json_preview_and_bad_json(as_editor_http, make_service):
    """An HSDS file from the export previews as unchanged; broken JSON is refused with its line."""
    make_service("existing", hours="24/7")
    text = hsds.dumps(hsds.export_document())
    preview = _preview(as_editor_http, text, "export.json").context["preview"]
    assert (preview.created, preview.updated, preview.unchanged) == (0, 0, 1)
    broken = _preview(as_editor_http, '{"services": [\n  {"id": "x",,}\n]}', "broken.json").context["preview"]
    assert not broken.ok and broken.errors[0].line == 2


def test_file_checks(as_editor_http):
    """Too large, wrong extension, not UTF-8 or no file: a clear message on the form, nothing saved."""
    big = _preview(as_editor_http, "id\n" + "x" * MAX_UPLOAD_BYTES)
    assert "liian suuri" in big.content.decode() and big.context["preview"] is None
    wrong = as_editor_http.post(IMPORT, {"file": SimpleUploadedFile("a.xlsx", b"PK")})
    assert ".json" in wrong.content.decode()
    latin = as_editor_http.post(IMPORT, {"file": SimpleUploadedFile("a.csv", "id\nä".encode("latin-1"))})
    assert "UTF-8" in latin.content.decode()
    assert as_editor_http.post(IMPORT, {}).context["form"].errors
    assert Service.objects.count() == 0


def test_export_downloads_hsds_and_is_audited(as_editor_http, make_service, editor):
    """The export is an HSDS JSON attachment of the published services, recorded as an export event."""
    make_service("one", hours="24/7")
    response = as_editor_http.get(EXPORT)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert [s["id"] for s in json.loads(response.content)["services"]] == ["one"]
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="services.Service")
    assert event.actor_id == str(editor.pk) and event.detail["count"] == 1


def test_csrf_is_required(editor):
    """The upload form refuses a POST without a CSRF token."""
    from django.test import Client

    http = Client(enforce_csrf_checks=True)
    http.force_login(editor)
    verify_session_without_code(http.session, editor)
    assert http.post(IMPORT, {"file": _file(CSV)}).status_code == 403
