"""Validation of landlord notices sent as JSON objects or CSV rows, with precise per-field errors.

One validator serves the single, batch and CSV endpoints so a landlord gets the same reasons from
each. Reasons are English API text (the API's language); field names are those of the contract.
"""

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from kotipolku.core import crypto
from kotipolku.core.hetu import Henkilotunnus
from kotipolku.intake.models import LegalBasis, NoticeType
from kotipolku.intake.rules import HELSINKI

NOTICE_FIELDS = {
    "external_id",
    "notice_type",
    "tenant",
    "notice_date",
    "legal_basis",
    "contact_person",
    "amount_eur",
    "months_in_arrears",
    "municipality",
}
TENANT_FIELDS = {"henkilotunnus", "name", "birth_date", "address"}
CSV_COLUMNS = [
    "external_id",
    "notice_type",
    "henkilotunnus",
    "name",
    "birth_date",
    "address",
    "notice_date",
    "legal_basis",
    "contact_person",
    "amount_eur",
    "months_in_arrears",
    "municipality",
]
_HETU_REASONS = {
    "required": "henkilotunnus is empty",
    "length": "henkilotunnus must have 11 characters (DDMMYYCZZZQ)",
    "checksum": "henkilotunnus check character does not match",
    "date": "henkilotunnus does not contain a valid date of birth",
    "format": "henkilotunnus format is not valid (DDMMYYCZZZQ, e.g. 010190-123A)",
}
_EXTERNAL_ID = re.compile(r"^[\w.:/#-]{1,64}$")
MAX_AMOUNT = Decimal("10000000")


@dataclass(frozen=True)
class NoticeData:
    """A validated notice, ready to store."""

    external_id: str
    notice_type: str
    henkilotunnus: Henkilotunnus | None
    tenant_name: str
    tenant_birth_date: dt.date | None
    tenant_address: str
    municipality: str
    amount_eur: Decimal | None
    months_in_arrears: int | None
    notice_date: dt.date
    legal_basis: str
    contact_person: str

    @property
    def digest(self) -> str:
        """Keyed hash of the content: tells an identical resend from a changed one without storing it twice."""
        values = [
            self.external_id,
            self.notice_type,
            self.henkilotunnus.reveal() if self.henkilotunnus else None,
            self.tenant_name,
            self.tenant_birth_date.isoformat() if self.tenant_birth_date else None,
            self.tenant_address,
            self.municipality,
            str(self.amount_eur) if self.amount_eur is not None else None,
            self.months_in_arrears,
            self.notice_date.isoformat(),
            self.legal_basis,
            self.contact_person,
        ]
        return crypto.keyed_hash(json.dumps(values))


class _Errors(list):
    def add(self, field: str, reason: str) -> None:
        self.append({"field": field, "reason": reason})


def _text(raw: dict, key: str, errors: _Errors, *, field: str, max_length: int, required: bool) -> str:
    value = raw.get(key)
    if value is None or value == "":
        if required:
            errors.add(field, "is required")
        return ""
    if not isinstance(value, str):
        errors.add(field, "must be a string")
        return ""
    if "\x00" in value:  # PostgreSQL cannot store it; no real text has it
        errors.add(field, "must not contain NUL characters")
        return ""
    value = value.strip()
    if required and not value:
        errors.add(field, "is required")
    if len(value) > max_length:
        errors.add(field, f"must be at most {max_length} characters")
    return value


def _date(raw: dict, key: str, errors: _Errors, *, field: str, required: bool, today: dt.date) -> dt.date | None:
    value = raw.get(key)
    if value is None or value == "":
        if required:
            errors.add(field, "is required (YYYY-MM-DD)")
        return None
    try:
        day = dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        errors.add(field, "must be a date YYYY-MM-DD")
        return None
    if day > today:
        errors.add(field, "must not be in the future")
    elif day.year < 1900:
        errors.add(field, "is too far in the past")
    return day


def _amount(raw: dict, errors: _Errors) -> Decimal | None:
    value = raw.get("amount_eur")
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        errors.add("amount_eur", "must be a number")
        return None
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        errors.add("amount_eur", "must be a number")
        return None
    if not amount.is_finite():
        errors.add("amount_eur", "must be a number")
    elif amount < 0:
        errors.add("amount_eur", "must not be negative")
    elif amount >= MAX_AMOUNT:
        errors.add("amount_eur", "is implausibly large")
    elif amount != amount.quantize(Decimal("0.01")):
        errors.add("amount_eur", "must have at most two decimals")
    else:
        return amount.quantize(Decimal("0.01"))
    return None


def _months(raw: dict, errors: _Errors) -> int | None:
    value = raw.get("months_in_arrears")
    if value is None or value == "":
        return None
    digits = value.strip() if isinstance(value, str) else ""
    if digits.isascii() and digits.isdigit():  # not "²" or "٣", which isdigit() accepts but are no CSV numbers
        value = int(digits) if len(digits) <= 9 else 10**9  # int() refuses over 4,300 digits
    if isinstance(value, bool) or not isinstance(value, int):
        errors.add("months_in_arrears", "must be a whole number")
        return None
    if value < 0:
        errors.add("months_in_arrears", "must not be negative")
    elif value > 240:
        errors.add("months_in_arrears", "is implausibly large")
    else:
        return value
    return None


def _choice(raw: dict, key: str, choices, errors: _Errors) -> str:
    value = raw.get(key)
    allowed = [c.value for c in choices]
    if value is None or value == "":
        errors.add(key, "is required; one of " + ", ".join(allowed))
        return ""
    if value not in allowed:
        errors.add(key, "unknown value; one of " + ", ".join(allowed))
        return ""
    return value


def validate_notice(raw, *, today: dt.date | None = None) -> tuple[NoticeData | None, list[dict]]:
    """Validate one notice (a decoded JSON object). Returns (data, []) or (None, errors)."""
    today = today or dt.datetime.now(HELSINKI).date()
    errors = _Errors()
    if not isinstance(raw, dict):
        errors.add("__all__", "a notice must be a JSON object")
        return None, errors
    for key in sorted(set(raw) - NOTICE_FIELDS):
        errors.add(key, "unknown field")
    external_id = _text(raw, "external_id", errors, field="external_id", max_length=64, required=True)
    if external_id and not _EXTERNAL_ID.match(external_id):
        errors.add("external_id", "may contain only letters, digits and . : / # - _")
    notice_type = _choice(raw, "notice_type", NoticeType, errors)
    legal_basis = _choice(raw, "legal_basis", LegalBasis, errors)
    contact_person = _text(raw, "contact_person", errors, field="contact_person", max_length=200, required=True)
    municipality = _text(raw, "municipality", errors, field="municipality", max_length=80, required=False)
    notice_date = _date(raw, "notice_date", errors, field="notice_date", required=True, today=today)
    amount = _amount(raw, errors)
    months = _months(raw, errors)
    if notice_type == NoticeType.RENT_ARREARS:
        if raw.get("amount_eur") in (None, ""):
            errors.add("amount_eur", "is required for rent_arrears")
        if raw.get("months_in_arrears") in (None, ""):
            errors.add("months_in_arrears", "is required for rent_arrears")
        elif months == 0:
            errors.add("months_in_arrears", "must be at least 1 for rent_arrears")

    tenant = raw.get("tenant")
    hetu, name, birth_date, address = None, "", None, ""
    if not isinstance(tenant, dict):
        errors.add("tenant", "is required: an object with henkilotunnus, or name, birth_date and address")
    else:
        for key in sorted(set(tenant) - TENANT_FIELDS):
            errors.add(f"tenant.{key}", "unknown field")
        raw_hetu = tenant.get("henkilotunnus")
        if raw_hetu not in (None, ""):
            if not isinstance(raw_hetu, str):
                errors.add("tenant.henkilotunnus", "must be a string")
            else:
                try:
                    hetu = Henkilotunnus.parse(raw_hetu)
                except ValidationError as exc:
                    errors.add("tenant.henkilotunnus", _HETU_REASONS.get(exc.code, "is not valid"))
        name = _text(tenant, "name", errors, field="tenant.name", max_length=200, required=False)
        address = _text(tenant, "address", errors, field="tenant.address", max_length=300, required=False)
        birth_date = _date(tenant, "birth_date", errors, field="tenant.birth_date", required=False, today=today)
        if raw_hetu in (None, ""):
            for key, value in (("name", name), ("birth_date", tenant.get("birth_date")), ("address", address)):
                if value in (None, ""):
                    errors.add(f"tenant.{key}", "is required when henkilotunnus is not given")
    if errors:
        return None, list(errors)
    return (
        NoticeData(
            external_id=external_id,
            notice_type=notice_type,
            henkilotunnus=hetu,
            tenant_name=name,
            tenant_birth_date=birth_date or (hetu.birth_date if hetu else None),
            tenant_address=address,
            municipality=municipality,
            amount_eur=amount,
            months_in_arrears=months,
            notice_date=notice_date,
            legal_basis=legal_basis,
            contact_person=contact_person,
        ),
        [],
    )


class CsvError(Exception):
    """The CSV cannot be read at all (encoding, header)."""


def csv_rows(text: str) -> list[tuple[int, dict]]:
    """Parse CSV text (comma or semicolon separated, header row) into (line number, notice dict) pairs.

    Tenant columns are folded into the `tenant` object; empty cells count as missing. Text the csv
    module cannot read (a bare carriage return, an over-long field) is a CsvError naming the line.
    """
    try:
        return _csv_rows(text)
    except csv.Error as exc:
        raise CsvError(f"the CSV cannot be read: {exc}") from None


def _csv_rows(text: str) -> list[tuple[int, dict]]:
    if text.startswith("\ufeff"):
        text = text[1:]
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        raise CsvError("the CSV is empty; the first line must name the columns")
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise CsvError("unknown columns: " + ", ".join(unknown) + "; allowed: " + ", ".join(CSV_COLUMNS))
    reader.fieldnames = header
    rows = []
    for record in reader:
        if None in record:
            rows.append((reader.line_num, {"__extra__": True}))
            continue
        values = {k: (v or "").strip() for k, v in record.items()}
        if not any(values.values()):
            continue
        tenant = {k: values.pop(k) for k in ("henkilotunnus", "name", "birth_date", "address") if k in values}
        notice = {k: v for k, v in values.items() if v != ""}
        notice["tenant"] = {k: v for k, v in tenant.items() if v != ""}
        rows.append((reader.line_num, notice))
    return rows
