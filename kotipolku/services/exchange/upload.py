"""Editors' file exchange on the staff pages: preview (a dry run that writes nothing), import and
HSDS export, each behind the CONTENT area of core.access and recorded in the audit log."""

import hashlib

from django.db import transaction
from django.utils.translation import gettext as _

from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.models import AuditAction
from kotipolku.services.exchange import ImportResult, csv_import, hsds

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
FORMATS = {".json": "hsds", ".csv": "csv", ".txt": "csv"}


def format_of(filename: str) -> str | None:
    """'hsds' for .json, 'csv' for .csv/.txt, None for anything else."""
    name = filename.lower()
    return next((fmt for ext, fmt in FORMATS.items() if name.endswith(ext)), None)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode(data: bytes) -> str:
    """The file as text; raises ValueError with a readable reason when it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            _("Tiedosto ei ole UTF-8-muodossa (virhe kohdassa %(pos)s). Tallenna se UTF-8-merkistöllä.")
            % {"pos": exc.start}
        ) from None


def services_import_file(*, actor: Actor, text: str, fmt: str, filename: str, dry_run: bool) -> ImportResult:
    """Validate and import a file all-or-nothing. `dry_run` runs the very same import and rolls it back,
    so the preview's created/updated/unchanged counts are exactly what a confirmed import does."""
    access.require_area(actor, Area.CONTENT)
    importer = hsds.import_text if fmt == "hsds" else csv_import.import_text
    with transaction.atomic():
        result = importer(text, actor=actor, source=f"upload:{filename}")
        if dry_run or not result.ok:
            transaction.set_rollback(True)
        else:
            audit.record(
                actor,
                AuditAction.UPDATE,
                object_type="services.Service",
                source="upload",
                file=filename,
                format=fmt,
                sha256=digest(text),
                created=result.created,
                updated=result.updated,
                unchanged=result.unchanged,
            )
    return result


def services_export_hsds(*, actor: Actor) -> tuple[str, int]:
    """(HSDS JSON text, number of services) of all published services; the export is audited."""
    access.require_area(actor, Area.CONTENT)
    document = hsds.export_document()
    count = len(document["services"])
    audit.record(actor, AuditAction.EXPORT, object_type="services.Service", format="hsds", count=count)
    return hsds.dumps(document), count
