"""Ingesting landlord early-warning notices: idempotent by (landlord, external_id), all-or-nothing.

Resend rule: the same external_id with the same content returns the stored notice (created false).
Changed content replaces the stored notice only while its status is still `received` (nobody has
acted on it yet); after that the change is refused with 409 and the landlord sends a new notice
with a new external_id. A batch is one transaction: one refused notice stores nothing.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from kotipolku.core import access, audit
from kotipolku.core.access import Area, LandlordPrincipal
from kotipolku.core.models import AuditAction
from kotipolku.intake import rules
from kotipolku.intake.models import IntakeItem, LandlordNotice, NoticeStatus, Source
from kotipolku.intake.notice_input import NoticeData
from kotipolku.intake.services.common import TeamResolver, new_item

_DATA_FIELDS = (
    "notice_type",
    "henkilotunnus",
    "tenant_name",
    "tenant_birth_date",
    "tenant_address",
    "municipality",
    "amount_eur",
    "months_in_arrears",
    "notice_date",
    "legal_basis",
    "contact_person",
)


# What the resend check and the API answer read; loading whole notices would decrypt identity codes.
_RESEND_CHECK_FIELDS = ("id", "external_id", "data_digest", "status", "notice_type", "created_at", "updated_at")


class NoticeConflict(Exception):
    """Changed content for notices that are already being handled (answered with 409)."""

    def __init__(self, external_ids: list[str]):
        super().__init__(external_ids)
        self.external_ids = external_ids


@dataclass(frozen=True)
class IngestResult:
    notice: LandlordNotice
    created: bool
    updated: bool


def _priority(data: NoticeData) -> int:
    return rules.notice_priority(
        notice_type=data.notice_type, months_in_arrears=data.months_in_arrears, amount_eur=data.amount_eur
    )


def _apply(notice: LandlordNotice, data: NoticeData, digest: str) -> None:
    for name in _DATA_FIELDS:
        setattr(notice, name, getattr(data, name))
    notice.data_digest = digest


def notices_ingest(*, actor: LandlordPrincipal, notices: list[NoticeData]) -> list[IngestResult]:
    """Store validated notices of the actor's organisation; returns one result per input, in order.

    Raises NoticeConflict (nothing stored) when a changed resend hits a notice already in progress.
    """
    access.require_area(actor, Area.LANDLORD)
    try:
        return _ingest(actor, notices)
    except IntegrityError:
        # A concurrent request stored some of the same external ids first: now they exist; resolve again.
        return _ingest(actor, notices)


@transaction.atomic
def _ingest(actor: LandlordPrincipal, notices: list[NoticeData]) -> list[IngestResult]:
    org = actor.organisation
    now = timezone.now()
    existing = {
        n.external_id: n
        for n in LandlordNotice.objects.filter(landlord=org, external_id__in=[d.external_id for d in notices]).only(
            *_RESEND_CHECK_FIELDS
        )
    }
    digests = [d.digest for d in notices]
    conflicts = [
        d.external_id
        for d, digest in zip(notices, digests, strict=True)
        if d.external_id in existing
        and existing[d.external_id].data_digest != digest
        and existing[d.external_id].status != NoticeStatus.RECEIVED
    ]
    if conflicts:
        raise NoticeConflict(conflicts)

    resolve_team = TeamResolver()
    new_notices: list[LandlordNotice] = []
    results: list[tuple[str, LandlordNotice, bool, bool]] = []
    updated: list[LandlordNotice] = []
    for data, digest in zip(notices, digests, strict=True):
        notice = existing.get(data.external_id)
        if notice is None:
            notice = LandlordNotice(landlord=org, external_id=data.external_id, created_at=now, updated_at=now)
            _apply(notice, data, digest)
            notice.full_clean(exclude=["landlord"], validate_unique=False, validate_constraints=False)
            new_notices.append(notice)
            existing[data.external_id] = notice
            results.append((data.external_id, notice, True, False))
        elif notice.data_digest != digest:
            notice = LandlordNotice.objects.select_related("intake_item").get(pk=notice.pk)
            _apply(notice, data, digest)
            notice.updated_at = now
            notice.full_clean(exclude=["landlord"], validate_unique=False, validate_constraints=False)
            notice.save()
            item = notice.intake_item
            item.priority = max(item.priority, _priority(data))
            item.first_contact_due = min(
                item.first_contact_due,
                rules.first_contact_due(received_at=item.received_at, priority=item.priority),
            )
            item.save(update_fields=["priority", "first_contact_due"])
            updated.append(notice)
            results.append((data.external_id, notice, False, True))
        else:
            results.append((data.external_id, notice, False, False))

    if new_notices:
        LandlordNotice.objects.bulk_create(new_notices)
        by_id = {d.external_id: d for d in notices}
        IntakeItem.objects.bulk_create(
            [
                new_item(
                    source=Source.LANDLORD_NOTICE,
                    team=resolve_team(n.municipality),
                    priority=_priority(by_id[n.external_id]),
                    received_at=now,
                    landlord_notice=n,
                )
                for n in new_notices
            ]
        )
        audit.record(
            actor,
            AuditAction.CREATE,
            object_type="intake.LandlordNotice",
            ids=[str(n.pk) for n in new_notices],
        )
    if updated:
        audit.record(
            actor,
            AuditAction.UPDATE,
            object_type="intake.LandlordNotice",
            ids=[str(n.pk) for n in updated],
            reason="resend with changed content",
        )
    return [IngestResult(notice=n, created=c, updated=u) for _, n, c, u in results]
