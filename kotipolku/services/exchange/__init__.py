"""Exchange formats of the service compass: Open Referral HSDS JSON (import/export) and editors' CSV import.

Every import is all-or-nothing per file: all rows are validated first and every bad row is reported
with its line number and reason; only a clean file is written, in one transaction. Rows are matched
on stable ids, so importing the same file again changes nothing.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from kotipolku.services.loader import error_lines
from kotipolku.services.models import Service
from kotipolku.services.services import _check_hours, normalise, service_upsert


@dataclass
class RowError:
    line: int
    ref: str  # the row's id or position
    reason: str

    def __str__(self) -> str:
        return f"line {self.line} ({self.ref}): {self.reason}"


@dataclass
class ImportResult:
    created_or_updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: int = 0  # of created_or_updated, the services that did not exist before

    @property
    def updated(self) -> int:
        return self.created_or_updated - self.created

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            return f"Refused: {len(self.errors)} bad rows; nothing was imported."
        return f"Imported: {self.created_or_updated} created or updated, {self.unchanged} unchanged."


def validate_rows(rows: list[tuple[int, str, dict]]) -> list[RowError]:
    """Every problem of every row (field errors, impossible hours, repeated ids), without writing."""
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, ref, data in rows:
        if _has_nul(data):  # PostgreSQL cannot store it; refuse it here, on every database
            errors.append(RowError(line, ref, "a text contains a NUL character (\\x00)"))
            continue
        try:
            clean = normalise(data)
            _check_hours(clean)
        except ValidationError as exc:
            errors += [RowError(line, ref, reason) for reason in error_lines(exc)]
            continue
        if clean["id"] in seen:
            errors.append(RowError(line, ref, f"id {clean['id']} repeats line {seen[clean['id']]}"))
        seen[clean["id"]] = line
    return errors


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


def import_rows(
    rows: list[tuple[int, str, dict]], *, actor, source: str, earlier_errors: list[RowError] | None = None
) -> ImportResult:
    """rows = (line, ref, data). Validate all, then write all in one transaction, or write nothing."""
    result = ImportResult(errors=list(earlier_errors or []) + validate_rows(rows))
    if result.errors:
        result.errors.sort(key=lambda e: e.line)
        return result
    ids = [str(data.get("id") or "").strip() for _, _, data in rows if isinstance(data, dict)]
    existing = set(Service.objects.filter(stable_id__in=ids).values_list("stable_id", flat=True))
    try:
        with transaction.atomic():
            for line, ref, data in rows:
                try:
                    _, changed = service_upsert(actor=actor, data=data, source=source)
                except ValidationError as exc:
                    result.errors += [RowError(line, ref, reason) for reason in error_lines(exc)]
                    raise
                if changed:
                    result.created_or_updated += 1
                    result.created += str(data.get("id") or "").strip() not in existing
                else:
                    result.unchanged += 1
    except ValidationError:
        result.created_or_updated = result.unchanged = result.created = 0
    return result
