"""Writes of the surveys module: publishing definitions, campaigns, links, answers, the network register."""

import datetime as dt
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotipolku.core import access, audit, crypto
from kotipolku.core.access import Actor, Area
from kotipolku.core.models import AuditAction, LandlordOrganisation
from kotipolku.core.redaction import redact
from kotipolku.instruments.engine import validate_answers
from kotipolku.instruments.models import InstrumentVersion, Kind
from kotipolku.instruments.services import instruments_sync, load_definitions
from kotipolku.surveys.definitions import survey_spec
from kotipolku.surveys.models import (
    NetworkContact,
    NetworkMeeting,
    NetworkOrganisation,
    SurveyAnswer,
    SurveyCampaign,
    SurveyLink,
)

MAX_LINKS_AT_ONCE = 500


def surveys_dir() -> Path:
    return Path(getattr(settings, "SURVEYS_DIR", Path(settings.CONTENT_DIR) / "surveys"))


@transaction.atomic
def surveys_sync(*, directory: Path | None = None) -> str:
    """Publish survey definitions as frozen instrument versions, after checking their survey sections."""
    directory = directory or surveys_dir()
    for definition in load_definitions(directory):
        survey_spec(definition)  # raises DefinitionError naming file and rate
    return instruments_sync(directory=directory).summary()


@transaction.atomic
def campaign_create(
    *,
    actor: Actor,
    version: InstrumentVersion,
    title: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    one_time_links: bool = False,
    meeting: NetworkMeeting | None = None,
    landlord: LandlordOrganisation | None = None,
) -> SurveyCampaign:
    access.require_area(actor, Area.REPORTS)
    if version.instrument.kind != Kind.SURVEY:
        raise ValidationError({"version": _("Valittu lomake ei ole kysely.")})
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("Sulkeutumisajan pitää olla avautumisen jälkeen.")})
    campaign = SurveyCampaign(
        version=version,
        title=title,
        opens_at=opens_at,
        closes_at=closes_at,
        one_time_links=one_time_links,
        meeting=meeting,
        landlord=landlord,
        created_by=actor,
    )
    campaign.full_clean()
    campaign.save()
    audit.record(actor, AuditAction.CREATE, obj=campaign)
    return campaign


@transaction.atomic
def links_create(*, actor: Actor, campaign: SurveyCampaign, count: int) -> list[str]:
    """Create one-time links; the tokens are returned once and only their digests are stored."""
    access.authorize(actor, AuditAction.UPDATE, campaign, links=count)
    if not 1 <= count <= MAX_LINKS_AT_ONCE:
        raise ValidationError({"count": _("Linkkejä voi luoda kerralla 1–%(max)s.") % {"max": MAX_LINKS_AT_ONCE}})
    tokens = [secrets.token_urlsafe(16) for _i in range(count)]
    SurveyLink.objects.bulk_create([SurveyLink(campaign=campaign, token_digest=crypto.token_digest(t)) for t in tokens])
    return tokens


def _clean_answers(campaign: SurveyCampaign, answers: dict[str, Any]) -> dict[str, Any]:
    definition = campaign.version.parsed
    errors = validate_answers(definition, answers)
    if errors:
        raise ValidationError({item: [str(m) for m in messages] for item, messages in errors.items()})
    # Free text is anonymous feedback: identity codes, phone numbers and addresses are removed.
    return {k: redact(v) if definition.item(k).type == "text" else v for k, v in answers.items()}


@transaction.atomic
def answer_submit(
    *, campaign: SurveyCampaign, answers: dict[str, Any], token: str = "", at: dt.datetime | None = None
) -> SurveyAnswer:
    """Save one anonymous answer if the campaign is open and, for one-time links, the link is unused."""
    at = at or timezone.now()
    if at < campaign.opens_at:
        raise ValidationError(_("Kysely ei ole vielä auki."), code="not_open")
    if at >= campaign.closes_at:
        raise ValidationError(_("Kysely on sulkeutunut. Vastauksia ei enää oteta vastaan."), code="closed")
    link = None
    if campaign.one_time_links:
        link = (
            SurveyLink.objects.select_for_update()
            .filter(campaign=campaign, token_digest=crypto.token_digest(token or ""))
            .first()
        )
        if link is None:
            raise ValidationError(_("Linkki ei ole voimassa. Tarkista, että kopioit koko linkin."), code="bad_link")
        if link.used_at is not None:
            raise ValidationError(_("Tällä linkillä on jo vastattu. Kukin linkki toimii kerran."), code="used_link")
    cleaned = _clean_answers(campaign, answers)
    spec = survey_spec(campaign.version.parsed)
    answer = SurveyAnswer.objects.create(
        campaign=campaign,
        answers=cleaned,
        group=str(cleaned.get(spec.group_by, "")) if spec.group_by else "",
        submitted_at=at,
    )
    if link is not None:
        link.used_at = at
        link.save(update_fields=["used_at"])
    return answer


@transaction.atomic
def organisation_create(*, actor: Actor, **fields: Any) -> NetworkOrganisation:
    access.require_area(actor, Area.REPORTS)
    organisation = NetworkOrganisation(**fields)
    organisation.full_clean()
    organisation.save()
    audit.record(actor, AuditAction.CREATE, obj=organisation)
    return organisation


@transaction.atomic
def contact_create(*, actor: Actor, organisation: NetworkOrganisation, **fields: Any) -> NetworkContact:
    access.require_area(actor, Area.REPORTS)
    contact = NetworkContact(organisation=organisation, **fields)
    if contact.consent_to_contact and contact.consent_recorded_at is None:
        contact.consent_recorded_at = timezone.now()
    contact.full_clean()
    contact.save()
    audit.record(actor, AuditAction.CREATE, obj=contact)
    return contact


@transaction.atomic
def contact_erase(*, actor: Actor, contact: NetworkContact) -> None:
    """Erase a contact person on request; the audit event keeps only the id."""
    access.authorize(actor, AuditAction.DELETE, contact)
    contact.delete()


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    date: dt.date,
    theme: str,
    kind: str,
    participant_count: int,
    organisations: list[NetworkOrganisation] | None = None,
) -> NetworkMeeting:
    access.require_area(actor, Area.REPORTS)
    meeting = NetworkMeeting(date=date, theme=theme, kind=kind, participant_count=participant_count)
    meeting.full_clean()
    meeting.save()
    if organisations:
        meeting.organisations.set(organisations)
    audit.record(actor, AuditAction.CREATE, obj=meeting)
    return meeting
