"""Writes of reporting: social-reporting observations and result targets (typed, atomic, audited)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.models import AuditAction, Role, Team
from kotipolku.core.redaction import find_personal_data
from kotipolku.reporting.models import Observation, ResultTarget

FREE_TEXT_FIELDS = ("phenomenon", "example", "proposal", "municipality")

KIND_LABELS = {
    "hetu": gettext_lazy("henkilötunnus"),
    "phone": gettext_lazy("puhelinnumero"),
    "email": gettext_lazy("sähköpostiosoite"),
    "address": gettext_lazy("osoite"),
    "iban": gettext_lazy("tilinumero"),
}


def personal_data_errors(values: dict[str, str]) -> dict[str, str]:
    """Field → message for every free-text field that contains personal data (core.redaction)."""
    errors = {}
    for name, text in values.items():
        kinds = find_personal_data(text or "")
        if kinds:
            found = ", ".join(str(KIND_LABELS.get(k, k)) for k in kinds)
            errors[name] = _(
                "Teksti näyttää sisältävän henkilötietoja (%(found)s). Kirjoita havainto niin, ettei ketään voi tunnistaa."
            ) % {"found": found}
    return errors


@transaction.atomic
def observation_create(
    *,
    actor: Actor,
    team: Team,
    phenomenon: str,
    theme: str,
    municipality: str,
    frequency: str,
    example: str = "",
    proposal: str = "",
) -> Observation:
    """File an observation for one of the actor's teams. Refused (ValidationError per field) if the
    free text holds identity codes, phone numbers, e-mail or addresses: nothing is saved then."""
    access.require_area(actor, Area.CLIENT_WORK)
    if access.role_of(actor) != Role.ADMIN and team.pk not in access.team_ids(actor):
        raise access.refusal(
            actor, AuditAction.CREATE, object_type="core.Team", object_id=team.pk, reason="not_visible"
        )
    obs = Observation(
        phenomenon=phenomenon.strip(),
        theme=theme,
        municipality=municipality.strip(),
        frequency=frequency,
        example=example.strip(),
        proposal=proposal.strip(),
        author=actor,
        team=team,
    )
    errors = personal_data_errors({f: getattr(obs, f) for f in FREE_TEXT_FIELDS})
    if errors:
        raise ValidationError(errors)
    obs.full_clean()
    obs.save()
    audit.record(actor, AuditAction.CREATE, obj=obs)
    return obs


@transaction.atomic
def target_set(
    *,
    actor: Actor,
    metric: str,
    period_start: dt.date,
    period_end: dt.date,
    value: Decimal,
    team: Team | None = None,
) -> ResultTarget:
    """Set (create or replace) a result target. Leads set targets for their own teams; only admins
    set targets for all teams together."""
    access.require_area(actor, Area.REPORTS)
    is_admin = access.role_of(actor) == Role.ADMIN
    if not is_admin and (team is None or team.pk not in access.team_ids(actor)):
        raise access.refusal(
            actor,
            AuditAction.UPDATE,
            object_type="core.Team",
            object_id=team.pk if team else "",
            reason="not_visible" if team else "action_not_allowed",
        )
    target = ResultTarget.objects.filter(
        metric=metric, period_start=period_start, period_end=period_end, team=team
    ).first() or ResultTarget(metric=metric, period_start=period_start, period_end=period_end, team=team)
    target.value = value
    target.full_clean(validate_unique=False)
    target.save()
    audit.record(actor, AuditAction.UPDATE, obj=target, metric=metric, value=str(value))
    return target
