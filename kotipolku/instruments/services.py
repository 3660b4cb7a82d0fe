"""Writes of the instruments module: loading definitions into frozen versions, saving responses.

Responses are validated and scored by the pure engine first, so nothing invalid is ever half-saved.
A response for a client is audited in the same transaction; anonymous public ones hold no identity.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kotipolku.clients.models import Client
from kotipolku.core import access
from kotipolku.core.access import Actor, Area
from kotipolku.core.models import AuditAction
from kotipolku.instruments.engine import Definition, DefinitionError, load_file, score, validate_answers
from kotipolku.instruments.models import Instrument, InstrumentResponse, InstrumentVersion, Kind

ATTACH_SALT = "kotipolku.assessment-attach"
RESULT_SALT = "kotipolku.assessment-result"


def definitions_dir() -> Path:
    """Where instrument YAML files live (setting INSTRUMENTS_DIR, default CONTENT_DIR/instruments)."""
    return Path(getattr(settings, "INSTRUMENTS_DIR", Path(settings.CONTENT_DIR) / "instruments"))


def load_definitions(directory: Path | None = None) -> list[Definition]:
    """Validate every *.yaml file of the directory; all problems of all files are reported together."""
    directory = directory or definitions_dir()
    definitions, problems = [], []
    for path in sorted(directory.glob("*.yaml")):
        try:
            definitions.append(load_file(path))
        except DefinitionError as exc:
            problems.extend(exc.problems)
    codes = [d.code for d in definitions]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(f"{directory.name}: code '{code}' is defined in more than one file")
    if problems:
        raise DefinitionError(problems)
    return definitions


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.created)} new instrument versions, {len(self.unchanged)} unchanged"


@transaction.atomic
def instruments_sync(*, directory: Path | None = None) -> SyncReport:
    """Publish each definition file as a frozen version. A file whose content differs from the
    published version with the same number is refused: changes need a new version number."""
    report, problems = SyncReport(), []
    for definition in load_definitions(directory):
        label = f"{definition.code} v{definition.version}"
        instrument, _ = Instrument.objects.get_or_create(code=definition.code, defaults={"kind": definition.kind})
        existing = InstrumentVersion.objects.filter(instrument=instrument, version=definition.version).first()
        if existing is not None:
            if existing.checksum != InstrumentVersion.checksum_of(dict(definition.raw)):
                problems.append(
                    f"{definition.source}: the definition differs from published version {definition.version} "
                    f"of '{definition.code}'; published versions are immutable, so give it version "
                    f"{_next_version(instrument)}"
                )
            else:
                report.unchanged.append(label)
            continue
        InstrumentVersion.objects.create(
            instrument=instrument,
            version=definition.version,
            definition=dict(definition.raw),
            source_file=definition.source,
        )
        latest = instrument.versions.order_by("-version").first()
        if latest.version == definition.version:
            Instrument.objects.filter(pk=instrument.pk).update(kind=definition.kind, title=dict(definition.title))
        report.created.append(label)
    if problems:
        raise DefinitionError(problems)  # the atomic block rolls back every version created above
    return report


def _next_version(instrument: Instrument) -> int:
    latest = instrument.versions.order_by("-version").values_list("version", flat=True).first()
    return (latest or 0) + 1


def _checked(version: InstrumentVersion, answers: dict[str, Any]) -> tuple[dict, dict]:
    definition = version.parsed
    errors = validate_answers(definition, answers)
    if errors:
        raise ValidationError(errors)
    return answers, score(definition, answers).as_json()


def response_submit_public(*, version: InstrumentVersion, answers: dict[str, Any]) -> InstrumentResponse:
    """Save an anonymous public response: answers and scores only, no identity, no IP."""
    if version.instrument.kind != Kind.PUBLIC:
        raise ValidationError("only public instruments take anonymous responses")
    answers, scores = _checked(version, answers)
    response = InstrumentResponse(version=version, answers=answers, scores=scores, band=scores["band"])
    response.emergency = scores["emergency"]
    response.full_clean()
    response.save()
    return response


def response_submit_for_client(
    *, actor: Actor, version: InstrumentVersion, client: Client, answers: dict[str, Any]
) -> InstrumentResponse:
    """Save a response filled in for a client of the actor's team; audited in the same transaction."""
    access.require_area(actor, Area.CLIENT_WORK)
    answers, scores = _checked(version, answers)
    response = InstrumentResponse(
        version=version,
        answers=answers,
        scores=scores,
        band=scores["band"],
        emergency=scores["emergency"],
        client=client,
        filled_by=actor,
    )
    response.full_clean()
    try:
        with transaction.atomic():
            response.save()
            # Checks the client is visible to the actor (404 otherwise) and writes the CREATE event.
            access.authorize(
                actor, AuditAction.CREATE, response, instrument=version.instrument.code, version=version.version
            )
    except IntegrityError as exc:  # pragma: no cover - the client vanished meanwhile
        raise ValidationError(str(exc)) from None
    return response


def attachment_token(response: InstrumentResponse) -> str:
    """A signed token that lets the contact-request form attach this anonymous response."""
    return signing.dumps({"r": response.pk}, salt=ATTACH_SALT)


def result_token(response: InstrumentResponse) -> str:
    """A signed token for the public result page (a bare id would let anyone read others' results)."""
    return signing.dumps({"r": response.pk}, salt=RESULT_SALT)
