"""Data-subject rights across modules: one registry of what each app holds about a person.

Each app declares its personal data in `kotipolku/<app>/personal_data.py` (discovered like the
access_matrix.py files): `MODELS` says how every one of its models is handled, `export_person` and
`erase_person` act on one person (required when a model is declared `person(...)`, else optional),
`RETENTION` and `apply_retention` on time. The commands
`person_export`, `person_erase` and `privacy_retention` iterate over the registry (docs/privacy.md).
"""

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import ModuleType
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.core import audit
from kotipolku.core.discovery import app_modules
from kotipolku.core.hetu import Henkilotunnus
from kotipolku.core.models import AuditAction

FORMAT = "kotipolku-person-export/1"


class ErasureReason(models.TextChoices):
    """Why personal data is erased: a code, never free text, because the audit trail outlives the erasure."""

    REQUEST = "request", _("Rekisteröidyn pyyntö")
    OBJECTION = "objection", _("Rekisteröidyn vastustus")
    UNLAWFUL = "unlawful", _("Tieto käsitelty lainvastaisesti")
    RETENTION = "retention", _("Säilytysaika päättynyt")
    CORRECTION = "correction", _("Kirjattu väärälle henkilölle tai virheellisesti")


class Handling(StrEnum):
    """How a model's rows are treated for data-subject requests."""

    PERSON = "person"  # personal data of an identifiable person: exported and erased per person
    LINK = "link"  # only ids linking to a person's record (e.g. M2M tables): kept, the record is anonymised
    RETENTION = "retention"  # may hold personal data but cannot be tied to a person: deleted by time only
    NONE = "none"  # no personal data of data subjects (the reason says why)


@dataclass(frozen=True)
class Declared:
    handling: Handling
    reason: str


def person(reason: str) -> Declared:
    return Declared(Handling.PERSON, reason)


def link(reason: str) -> Declared:
    return Declared(Handling.LINK, reason)


def retention_only(reason: str) -> Declared:
    return Declared(Handling.RETENTION, reason)


def no_personal_data(reason: str) -> Declared:
    return Declared(Handling.NONE, reason)


@dataclass(frozen=True)
class RetentionRule:
    """One documented time-based rule (docs/privacy.md renders the same facts)."""

    what: str
    period: str
    setting: str
    action: str


@dataclass(frozen=True)
class Section:
    """One table's rows about the person in an export."""

    model: str  # model label, e.g. "clients.Encounter"
    title: str  # human-readable key, e.g. "encounters"
    records: list[dict[str, Any]]


@dataclass(frozen=True)
class TableChange:
    """What erasure or retention did (or would do) to one table."""

    model: str
    action: str  # "anonymise", "delete", "keep"
    ids: tuple[int | str, ...] = ()
    note: str = ""
    total: int | None = None  # for bulk deletions whose ids are not worth loading

    @property
    def count(self) -> int:
        return len(self.ids) if self.total is None else self.total


def normalise_name(value: str) -> str:
    """Case-, accent-form-, order- and spacing-insensitive form of a full name ("Virtanen Matti" = "matti virtanen")."""
    text = unicodedata.normalize("NFC", value or "").casefold()
    return " ".join(sorted(re.findall(r"[\w'-]+", text)))


def normalise_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("00358"):
        digits = "0" + digits[5:]
    elif digits.startswith("358"):
        digits = "0" + digits[3:]
    return digits


def normalise_email(value: str) -> str:
    return (value or "").strip().casefold()


@dataclass(frozen=True)
class Person:
    """Everything that identifies one person, gathered from the operator's input and the records.

    Holds look-up hashes, never the identity code itself. `linked_only` persons are known only by
    their client ids (anonymising one client from the client page or by retention): modules then
    touch only rows linked to those clients, never rows matched by name or hash.
    """

    henkilotunnus_hashes: frozenset[str] = frozenset()
    client_ids: frozenset[int] = frozenset()
    names_with_birth_date: frozenset[tuple[str, dt.date]] = frozenset()
    phones: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    identified_by: tuple[str, ...] = ()
    linked_only: bool = False

    def with_(self, **changes: Any) -> "Person":
        return replace(self, **changes)

    def matches_name(self, name: str, birth_date: dt.date | None) -> bool:
        return birth_date is not None and (normalise_name(name), birth_date) in self.names_with_birth_date

    @property
    def is_empty(self) -> bool:
        return not (
            self.henkilotunnus_hashes or self.client_ids or self.names_with_birth_date or self.phones or self.emails
        )


class PersonNotFound(Exception):
    """No record in any module matches the identifiers given."""


# --- Registry --------------------------------------------------------------------------------------


def modules() -> list[ModuleType]:
    """Every app's personal_data module, in KOTIPOLKU_APPS order."""
    return app_modules("personal_data")


def app_label_of(module: ModuleType) -> str:
    return module.__name__.split(".")[-2]


def declarations() -> dict[str, Declared]:
    """Model label → how it is handled, over all apps. A label declared twice is an error."""
    out: dict[str, Declared] = {}
    for module in modules():
        for label, declared in module.MODELS.items():
            if label in out:
                raise ValueError(f"{label} is declared twice (second time in {module.__name__})")
            out[label] = declared
    return out


def retention_rules() -> list[RetentionRule]:
    return [rule for module in modules() for rule in getattr(module, "RETENTION", ())]


# --- Identifying the person -------------------------------------------------------------------------


def resolve(
    *,
    henkilotunnus: str | None = None,
    client_id: int | None = None,
    name: str | None = None,
    birth_date: dt.date | None = None,
    phone: str | None = None,
    email: str | None = None,
) -> Person:
    """The person the identifiers name, enriched by each module's `identify` (clients add their
    code hashes and names). The code is validated and turned into its look-up hash at once."""
    used: list[str] = []
    hashes: set[str] = set()
    pairs: set[tuple[str, dt.date]] = set()
    if henkilotunnus:
        code = Henkilotunnus.parse(henkilotunnus)  # ValidationError with a message that never echoes the code
        hashes.add(code.lookup_hash)
        used.append("henkilotunnus")
        if name:
            pairs.add((normalise_name(name), code.birth_date))
    if client_id is not None:
        used.append("client_id")
    if name and birth_date:
        pairs.add((normalise_name(name), birth_date))
        used.append("name_and_birth_date")
    elif name and not henkilotunnus:
        raise ValueError("a name identifies a person only together with a birth date or identity code")
    if phone:
        used.append("phone")
    if email:
        used.append("email")
    found = Person(
        henkilotunnus_hashes=frozenset(hashes),
        client_ids=frozenset({client_id} if client_id is not None else ()),
        names_with_birth_date=frozenset(pairs),
        phones=frozenset({normalise_phone(phone)} if phone else ()),
        emails=frozenset({normalise_email(email)} if email else ()),
        identified_by=tuple(used),
    )
    if found.is_empty:
        raise ValueError("give at least one identifier")
    for module in modules():
        identify = getattr(module, "identify", None)
        if identify is not None:
            found = identify(person=found)
    return found


# --- Export ----------------------------------------------------------------------------------------


def person_export(
    *, actor: Any, person: Person, deliver: Callable[[dict[str, Any]], None] | None = None
) -> dict[str, Any]:
    """Everything every module holds about the person as one JSON-ready document; audited as EXPORT.

    The audit event names the records by id only. `deliver` (e.g. writing the file) runs inside the
    transaction, so a failed write leaves no audit event claiming an export that never happened.
    Raises PersonNotFound when nothing matches.
    """
    with transaction.atomic():
        by_module: dict[str, dict[str, list[dict[str, Any]]]] = {}
        ids: dict[str, list[int | str]] = {}
        for module in modules():
            export = getattr(module, "export_person", None)
            sections = [s for s in export(person=person) if s.records] if export else []
            if sections:
                by_module[app_label_of(module)] = {s.title: s.records for s in sections}
            for s in sections:
                ids.setdefault(s.model, []).extend(r.get("id", "") for r in s.records)
        if not ids:
            raise PersonNotFound
        audit.record(
            actor,
            AuditAction.EXPORT,
            object_type="core.PersonData",
            client_id=_first(person.client_ids),
            identified_by=list(person.identified_by),
            client_ids=sorted(person.client_ids),
            records={label: sorted(map(str, values)) for label, values in ids.items()},
        )
        document = {
            "format": FORMAT,
            "exported_at": timezone.now().isoformat(),
            "identified_by": list(person.identified_by),
            "counts": {label: len(values) for label, values in sorted(ids.items())},
            "data": by_module,
        }
        if deliver is not None:
            deliver(document)
    return document


def _first(values: Iterable[int]) -> str:
    ordered = sorted(values)
    return str(ordered[0]) if ordered else ""


# --- Erasure ---------------------------------------------------------------------------------------


@dataclass
class ErasureResult:
    changes: list[TableChange] = field(default_factory=list)
    applied: bool = False

    def by_model(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for c in self.changes:
            out.setdefault(c.model, {}).setdefault(c.action, 0)
            out[c.model][c.action] += c.count
        return out


@transaction.atomic
def erase_records(*, person: Person) -> list[TableChange]:
    """Run every module's erase_person for the person: all of them or none."""
    changes: list[TableChange] = []
    for module in modules():
        erase = getattr(module, "erase_person", None)
        if erase is not None:
            changes.extend(c for c in erase(person=person) if c.count)
    return changes


def person_erase(*, actor: Any, person: Person, apply: bool, reason: str) -> ErasureResult:
    """Erase or anonymise the person in every module in one transaction, audited.

    Without `apply` the same work runs and is rolled back, so the dry run lists exactly what would
    happen; its audit event is written after the rollback. Audit rows are never touched.
    """
    with transaction.atomic():
        changes = erase_records(person=person)
        if not changes:
            raise PersonNotFound
        detail = {
            "identified_by": list(person.identified_by),
            "client_ids": sorted(person.client_ids),
            "reason": reason,
            "dry_run": not apply,
            "changes": {c.model + ":" + c.action: sorted(map(str, c.ids)) for c in changes},
        }
        if apply:
            audit.record(
                actor, AuditAction.DELETE, object_type="core.PersonData", client_id=_first(person.client_ids), **detail
            )
        else:
            transaction.set_rollback(True)
    if not apply:
        audit.record(
            actor, AuditAction.READ, object_type="core.PersonData", client_id=_first(person.client_ids), **detail
        )
    return ErasureResult(changes=changes, applied=apply)


# --- Retention -------------------------------------------------------------------------------------


def retention_run(
    *, dry_run: bool, now: dt.datetime | None = None, progress: Callable[[str, list[TableChange]], None] | None = None
) -> list[TableChange]:
    """Apply every module's time-based rules. Each module runs in its own transaction (bot logs are
    deleted in batches); a dry run rolls each one back."""
    now = now or timezone.now()
    changes: list[TableChange] = []
    for module in modules():
        apply_retention = getattr(module, "apply_retention", None)
        if apply_retention is None:
            continue
        with transaction.atomic():
            done = [c for c in apply_retention(dry_run=dry_run, now=now) if c.count]
            if dry_run:
                transaction.set_rollback(True)
        changes.extend(done)
        if progress:
            progress(app_label_of(module), done)
    audit.record(
        "system",
        AuditAction.READ if dry_run else AuditAction.DELETE,
        object_type="core.Retention",
        dry_run=dry_run,
        counts={c.model + ":" + c.action: c.count for c in changes},
    )
    return changes


# --- Output ----------------------------------------------------------------------------------------


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def iso(value: Any) -> Any:
    """Dates and times as ISO 8601 strings; other values unchanged."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value
