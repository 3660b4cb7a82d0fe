"""Landlord early-warning API (landlord token): send notices (one, a batch, or CSV) and read back
the processing status of one's own notices. A landlord never sees anything else about a person.

Bodies are read here rather than by schema binding so that oversized bodies answer 413 and every
format (single, batch, CSV) gets the same per-field reasons from notice_input.validate_notice.
"""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from kotipolku.core.api import actor_of, error_responses, landlord_auth
from kotipolku.intake import selectors, services
from kotipolku.intake.models import LegalBasis, NoticeType
from kotipolku.intake.notice_input import CSV_COLUMNS, CsvError, csv_rows, validate_notice

router = Router(tags=["landlord notices"], auth=landlord_auth)

SINGLE_MAX_BYTES = 16 * 1024


def batch_max_notices() -> int:
    return getattr(settings, "INTAKE_BATCH_MAX_NOTICES", 1000)


def body_max_bytes() -> int:
    return getattr(settings, "INTAKE_BODY_MAX_BYTES", settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2 * 1024 * 1024)


class NoticeOut(Schema):
    id: int
    external_id: str
    notice_type: str
    status: str
    created: bool | None = None
    updated: bool | None = None
    received_at: str
    status_changed_at: str


class NoticePage(Schema):
    items: list[NoticeOut]
    count: int
    page: int
    page_size: int


class BatchOut(Schema):
    items: list[NoticeOut]
    created_count: int
    unchanged_count: int
    updated_count: int


def _request_body_doc(schema: dict, content_type: str = "application/json") -> dict:
    return {"requestBody": {"required": True, "content": {content_type: {"schema": schema}}}}


_TENANT_SCHEMA = {
    "type": "object",
    "description": "henkilotunnus, or name + birth_date + address",
    "properties": {
        "henkilotunnus": {"type": "string", "example": "030490-9501"},
        "name": {"type": "string", "maxLength": 200},
        "birth_date": {"type": "string", "format": "date"},
        "address": {"type": "string", "maxLength": 300},
    },
    "additionalProperties": False,
}
_NOTICE_SCHEMA = {
    "type": "object",
    "required": ["external_id", "notice_type", "tenant", "notice_date", "legal_basis", "contact_person"],
    "properties": {
        "external_id": {"type": "string", "maxLength": 64, "pattern": "^[\\w.:/#-]{1,64}$"},
        "notice_type": {"type": "string", "enum": list(NoticeType.values)},
        "tenant": _TENANT_SCHEMA,
        "notice_date": {"type": "string", "format": "date", "description": "not in the future"},
        "legal_basis": {"type": "string", "enum": list(LegalBasis.values)},
        "contact_person": {"type": "string", "maxLength": 200},
        "amount_eur": {"type": "number", "minimum": 0, "description": "required for rent_arrears"},
        "months_in_arrears": {"type": "integer", "minimum": 0, "description": "required for rent_arrears (>= 1)"},
        "municipality": {"type": "string", "maxLength": 80},
    },
    "additionalProperties": False,
}
_BATCH_SCHEMA = {"type": "object", "properties": {"notices": {"type": "array", "items": _NOTICE_SCHEMA}}}
_CSV_SCHEMA = {"type": "string", "description": "CSV with header: " + ",".join(CSV_COLUMNS)}


def _out(notice, *, created: bool | None = None, updated: bool | None = None) -> dict:
    return {
        "id": notice.pk,
        "external_id": notice.external_id,
        "notice_type": notice.notice_type,
        "status": notice.status,
        "created": created,
        "updated": updated,
        "received_at": notice.created_at.isoformat(),
        "status_changed_at": notice.updated_at.isoformat(),
    }


def _raw_body(request: HttpRequest, limit: int) -> bytes:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        raise HttpError(413, f"Payload too large: at most {limit} bytes.")
    try:
        body = request.body
    except RequestDataTooBig:
        raise HttpError(413, f"Payload too large: at most {limit} bytes.") from None
    if len(body) > limit:
        raise HttpError(413, f"Payload too large: at most {limit} bytes.")
    return body


def _json_body(request: HttpRequest, limit: int):
    body = _raw_body(request, limit)
    try:
        return json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise HttpError(400, [{"field": "__all__", "reason": "the body is not valid JSON"}]) from None


def _ingest(request, validated):
    try:
        return services.notices_ingest(actor=actor_of(request), notices=validated)
    except services.NoticeConflict as exc:
        raise HttpError(
            409,
            [
                {
                    "field": "external_id",
                    "reason": f"notice {ext} is already being handled and cannot be changed; "
                    "send a new notice with a new external_id",
                }
                for ext in exc.external_ids
            ],
        ) from None


def _validate_many(raw_items: list, *, label) -> tuple[list, list[dict]]:
    """Validate each notice; errors name the item (index or CSV line) and the field."""
    validated, errors, seen = [], [], {}
    for index, raw in enumerate(raw_items):
        where = label(index)
        if isinstance(raw, dict) and raw.pop("__extra__", False):
            errors.append({**where, "field": "__all__", "reason": "the row has more cells than the header"})
            continue
        data, item_errors = validate_notice(raw)
        errors += [{**where, **e} for e in item_errors]
        if data is None:
            continue
        if data.external_id in seen:
            errors.append({**where, "field": "external_id", "reason": f"duplicate of item {seen[data.external_id]}"})
            continue
        seen[data.external_id] = where.get("line", where.get("index"))
        validated.append(data)
    return validated, errors


def _batch_response(results) -> dict:
    return {
        "items": [_out(r.notice, created=r.created, updated=r.updated) for r in results],
        "created_count": sum(r.created for r in results),
        "updated_count": sum(r.updated for r in results),
        "unchanged_count": sum(not (r.created or r.updated) for r in results),
    }


@router.post(
    "/landlord/notices",
    response={200: NoticeOut, 201: NoticeOut},
    url_name="landlord-notices",
    openapi_extra={**_request_body_doc(_NOTICE_SCHEMA), **error_responses(409, 413)},
    summary="Send one notice (idempotent by external_id)",
)
def notice_create(request):
    """201 with created=true for a new notice; 200 with created=false for a resend of the same
    external_id (updated=true when changed content replaced a notice still `received`); 409 when
    changed content hits a notice already being handled."""
    raw = _json_body(request, SINGLE_MAX_BYTES)
    data, errors = validate_notice(raw)
    if errors:
        raise HttpError(400, errors)
    (result,) = _ingest(request, [data])
    return Status(201 if result.created else 200, _out(result.notice, created=result.created, updated=result.updated))


@router.get("/landlord/notices", response=NoticePage, url_name="landlord-notices", summary="List own notices")
def notice_list(request, page: int = 1, page_size: int = 50):
    if not 1 <= page <= 1_000_000:
        raise HttpError(400, [{"field": "page", "reason": "must be between 1 and 1000000"}])
    if not 1 <= page_size <= 200:
        raise HttpError(400, [{"field": "page_size", "reason": "must be between 1 and 200"}])
    rows, total = selectors.landlord_notice_page(actor=actor_of(request), page=page, page_size=page_size)
    return {"items": [_out(n) for n in rows], "count": total, "page": page, "page_size": page_size}


@router.get("/landlord/notices/{int:notice_id}", response=NoticeOut, url_name="landlord-notice-detail")
def notice_detail(request, notice_id: int):
    return _out(selectors.landlord_notice_get(actor=actor_of(request), notice_id=notice_id))


@router.post(
    "/landlord/notices/batch",
    response={200: BatchOut},
    url_name="landlord-notice-batch",
    openapi_extra={**_request_body_doc(_BATCH_SCHEMA), **error_responses(409, 413)},
    summary="Send up to INTAKE_BATCH_MAX_NOTICES notices, all or nothing",
)
def notice_batch(request):
    """All notices are stored or none: any invalid one answers 400 listing every error with its index."""
    raw = _json_body(request, body_max_bytes())
    notices = raw.get("notices") if isinstance(raw, dict) else None
    if not isinstance(notices, list) or not notices:
        raise HttpError(400, [{"field": "notices", "reason": "must be a non-empty list of notices"}])
    if len(notices) > batch_max_notices():
        raise HttpError(413, [{"field": "notices", "reason": f"at most {batch_max_notices()} notices per batch"}])
    validated, errors = _validate_many(notices, label=lambda i: {"index": i})
    if errors:
        raise HttpError(400, errors)
    return _batch_response(_ingest(request, validated))


@router.post(
    "/landlord/notices/csv",
    response={200: BatchOut},
    url_name="landlord-notice-csv",
    openapi_extra={**_request_body_doc(_CSV_SCHEMA, "text/csv"), **error_responses(409, 413)},
    summary="Send notices as CSV (UTF-8, header row), all or nothing",
)
def notice_csv(request):
    """Body is text/csv, or multipart with the file in `file`. Every bad row is listed by line number."""
    if request.content_type == "multipart/form-data":
        _raw_body(request, body_max_bytes())
        upload = request.FILES.get("file")
        if upload is None:
            raise HttpError(400, [{"field": "file", "reason": "attach the CSV file as `file`"}])
        content = upload.read()
    else:
        content = _raw_body(request, body_max_bytes())
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, [{"field": "file", "reason": "the CSV must be UTF-8 encoded"}]) from None
    try:
        rows = csv_rows(text)
    except CsvError as exc:
        raise HttpError(400, [{"line": 1, "field": "header", "reason": str(exc)}]) from None
    if not rows:
        raise HttpError(400, [{"field": "file", "reason": "the CSV has no notice rows"}])
    if len(rows) > batch_max_notices():
        raise HttpError(413, [{"field": "file", "reason": f"at most {batch_max_notices()} rows per upload"}])
    lines = [line for line, _ in rows]
    validated, errors = _validate_many([row for _, row in rows], label=lambda i: {"line": lines[i]})
    if errors:
        for error in errors:  # CSV has flat columns: tenant.name is the column `name`
            error["field"] = error["field"].removeprefix("tenant.")
        raise HttpError(400, errors)
    return _batch_response(_ingest(request, validated))
