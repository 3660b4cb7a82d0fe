"""Reads of the surveys module. Counting happens in the database (one grouped query per item), so a
summary of 100,000 answers does not pull the answers into Python."""

import datetime as dt
import json
from collections import defaultdict

from django.db.models import Count, QuerySet, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import ExtractYear
from django.utils import timezone

from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.models import AuditAction, LandlordOrganisation
from kotipolku.instruments.engine import text_in
from kotipolku.instruments.models import InstrumentVersion, Kind
from kotipolku.surveys.definitions import rate, survey_spec
from kotipolku.surveys.models import NetworkContact, NetworkMeeting, NetworkOrganisation, SurveyAnswer, SurveyCampaign

SMALL_CELL = 5  # fewer answers than this are not shown in anything that leaves the team


def _norm(value) -> list[str]:
    """Answer values as strings; a multiple-choice answer (JSON array) counts once per option."""
    if value is None:
        return []
    text = str(value)
    if text.startswith("["):
        try:
            return [str(v) for v in json.loads(text)]
        except ValueError:
            return [text]
    if text.endswith(".0"):
        text = text[:-2]
    return [text]


def value_counts(answers: QuerySet, item_id: str, *group_fields: str) -> dict[tuple, dict[str, int]]:
    """{group key: {value: count}} for one item, counted by the database."""
    rows = answers.annotate(v=KT(f"answers__{item_id}")).values(*group_fields, "v").annotate(n=Count("id"))
    out: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        for value in _norm(row["v"]):
            out[tuple(row[f] for f in group_fields)][value] += row["n"]
    return out


def survey_versions() -> list[InstrumentVersion]:
    return list(
        InstrumentVersion.objects.select_related("instrument")
        .filter(instrument__kind=Kind.SURVEY, published=True)
        .order_by("instrument__code", "-version")
    )


def campaign_list(*, actor: Actor) -> list[SurveyCampaign]:
    access.require_area(actor, Area.REPORTS)
    qs = SurveyCampaign.objects.select_related("version__instrument", "meeting", "landlord").annotate(
        answer_count=Count("answers")
    )
    return list(access.visible(actor, qs))


def campaign_get(*, actor: Actor, campaign_id: int) -> SurveyCampaign:
    access.require_area(actor, Area.REPORTS)
    return access.get_for(actor, SurveyCampaign.objects.select_related("version__instrument"), pk=campaign_id)


def public_campaign(*, slug: str) -> SurveyCampaign | None:
    return SurveyCampaign.objects.select_related("version__instrument").filter(public_slug=slug).first()


def campaign_results(*, campaign: SurveyCampaign, lang: str, leaves_team: bool = False) -> dict:
    """Counts and shares per answer, the survey's rates and the free-text answers of one campaign.

    `leaves_team` suppresses everything when fewer than SMALL_CELL answers exist (exports, handovers).
    """
    definition = campaign.version.parsed
    spec = survey_spec(definition)
    answers = SurveyAnswer.objects.filter(campaign=campaign)
    total = answers.count()
    suppressed = leaves_team and total < SMALL_CELL
    items, texts, counts_by_item = [], [], {}
    for item in definition.items:
        if item.type == "text":
            if not suppressed:
                values = answers.exclude(**{f"answers__{item.id}__isnull": True}).values_list(
                    f"answers__{item.id}", flat=True
                )[:200]
                texts.append({"item": text_in(item.text, lang), "answers": [v for v in values if v]})
            continue
        counts = counts_by_item[item.id] = value_counts(answers, item.id).get((), {})
        answered = sum(counts.values())
        if item.options:
            labels = [(o.value, text_in(o.text, lang)) for o in item.options]
        else:  # scale or number: every value seen, in order
            low, high = int(item.min or 0), int(item.max or 0)
            labels = (
                [(str(v), str(v)) for v in range(low, high + 1)]
                if item.type == "scale"
                else [(v, v) for v in sorted(counts)]
            )
        rows = [
            {
                "label": label,
                "n": None if suppressed else counts.get(value, 0),
                "share": None if suppressed or not answered else round(counts.get(value, 0) / answered, 4),
            }
            for value, label in labels
        ]
        items.append({"id": item.id, "text": text_in(item.text, lang), "answered": answered, "rows": rows})
    rates = []
    for rule in spec.rates:
        r = rate(rule, counts_by_item[rule.item])  # counted above: rate items are never free text
        rates.append(
            {
                "code": rule.code,
                "label": text_in(rule.label, lang),
                **({"met": None, "answered": None, "share": None} if suppressed else r),
            }
        )
    return {"total": total, "suppressed": suppressed, "items": items, "rates": rates, "texts": texts}


def rates_by_year(*, code: str, lang: str) -> list[dict]:
    """The survey's rates per calendar year, for comparison between years."""
    version = InstrumentVersion.objects.filter(instrument__code=code).order_by("-version").first()
    if version is None:
        return []
    spec = survey_spec(version.parsed)
    answers = SurveyAnswer.objects.filter(campaign__version__instrument__code=code).annotate(
        year=ExtractYear("submitted_at", tzinfo=timezone.get_current_timezone())
    )
    totals = dict(answers.values_list("year").annotate(n=Count("id")).values_list("year", "n"))
    per_rule = {rule.code: value_counts(answers, rule.item, "year") for rule in spec.rates}
    out = []
    for year in sorted(totals):
        out.append(
            {
                "year": year,
                "n": totals[year],
                "rates": [
                    {"label": text_in(rule.label, lang), **rate(rule, per_rule[rule.code].get((year,), {}))}
                    for rule in spec.rates
                ],
            }
        )
    return out


def grouped_summary(*, code: str, year: int, lang: str, landlord: LandlordOrganisation | None = None) -> dict:
    """Rates per housing company and per group (municipality) for one year; cells under 5 suppressed.

    This summary is made to be handed to housing companies, so suppression always applies.
    """
    version = InstrumentVersion.objects.filter(instrument__code=code).order_by("-version").first()
    if version is None:
        return {"rates": [], "rows": []}
    definition = version.parsed
    spec = survey_spec(definition)
    group_labels = {}
    if spec.group_by:
        group_labels = {o.value: text_in(o.text, lang) for o in definition.item(spec.group_by).options}
    answers = SurveyAnswer.objects.filter(
        campaign__version__instrument__code=code,
        submitted_at__year=year,
    )
    if landlord is not None:
        answers = answers.filter(campaign__landlord=landlord)
    keys = ("campaign__landlord__name", "group")
    totals = {
        (r["campaign__landlord__name"], r["group"]): r["n"] for r in answers.values(*keys).annotate(n=Count("id"))
    }
    per_rule = {rule.code: value_counts(answers, rule.item, *keys) for rule in spec.rates}
    rows = []
    for (company, group), n in sorted(totals.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        small = n < SMALL_CELL
        rows.append(
            {
                "company": company or "—",
                "group": group_labels.get(group, group or "—"),
                "n": None if small else n,
                "suppressed": small,
                "rates": [
                    None if small else rate(rule, per_rule[rule.code].get((company, group), {}))["share"]
                    for rule in spec.rates
                ],
            }
        )
    return {"rates": [text_in(r.label, lang) for r in spec.rates], "rows": rows}


def rates_for_period(*, start: dt.date, end: dt.date, lang: str = "fi") -> list[dict]:
    """Per survey: answers and rates in the period (for the reporting dashboard)."""
    out = []
    for version in survey_versions():
        if out and out[-1]["code"] == version.instrument.code:
            continue  # newest version only: rates are defined by it
        spec = survey_spec(version.parsed)
        answers = SurveyAnswer.objects.filter(
            campaign__version__instrument=version.instrument,
            submitted_at__date__gte=start,
            submitted_at__date__lte=end,
        )
        n = answers.count()
        out.append(
            {
                "code": version.instrument.code,
                "title": text_in(version.parsed.title, lang),
                "n": n,
                "rates": [
                    {
                        "code": rule.code,
                        "label": text_in(rule.label, lang),
                        **rate(rule, value_counts(answers, rule.item).get((), {})),
                    }
                    for rule in spec.rates
                ],
            }
        )
    return out


def network_summary(*, start: dt.date, end: dt.date) -> dict:
    """Meetings held, participants and organisations present in a period."""
    meetings = NetworkMeeting.objects.filter(date__gte=start, date__lte=end)
    totals = meetings.aggregate(n=Count("id"), participants=Sum("participant_count"))
    return {
        "meetings": totals["n"] or 0,
        "participants": totals["participants"] or 0,
        "organisations": NetworkOrganisation.objects.filter(meetings__in=meetings).distinct().count(),
        "members": NetworkOrganisation.objects.filter(is_active=True).count(),
        "by_kind": dict(meetings.values_list("kind").annotate(n=Count("id")).values_list("kind", "n")),
    }


def network_register(*, actor: Actor) -> dict:
    """Members, contacts (audited list read: personal data) and meetings."""
    access.require_area(actor, Area.REPORTS)
    contacts = access.read_list(actor, NetworkContact.objects.select_related("organisation"))
    organisations = access.visible(actor, NetworkOrganisation.objects.annotate(meeting_count=Count("meetings")))
    meetings = access.visible(actor, NetworkMeeting.objects.prefetch_related("organisations"))[:50]
    return {"organisations": list(organisations), "contacts": contacts, "meetings": list(meetings)}


def contact_get(*, actor: Actor, contact_id: int, action: AuditAction = AuditAction.READ) -> NetworkContact:
    access.require_area(actor, Area.REPORTS)
    return access.get_for(actor, NetworkContact.objects.select_related("organisation"), action, pk=contact_id)


def contact_export(*, actor: Actor, contact_id: int) -> dict:
    """Everything stored about a contact person (data-subject access), audited as an export."""
    contact = contact_get(actor=actor, contact_id=contact_id, action=AuditAction.EXPORT)
    return {
        "name": contact.name,
        "title": contact.title,
        "email": contact.email,
        "phone": contact.phone,
        "organisation": contact.organisation.name,
        "consent_to_contact": contact.consent_to_contact,
        "consent_recorded_at": contact.consent_recorded_at.isoformat() if contact.consent_recorded_at else None,
    }


def landlord_summaries(*, actor: Actor, year: int, lang: str) -> list[dict]:
    """Resident-survey summaries of the landlord's own campaigns only (suppressed small cells)."""
    access.require_area(actor, Area.LANDLORD)
    codes = (
        SurveyCampaign.objects.filter(landlord=actor.organisation)
        .values_list("version__instrument__code", flat=True)
        .distinct()
    )
    audit.record(actor, AuditAction.READ, object_type="surveys.summary", year=year)
    return [
        {"survey": code, "year": year, **grouped_summary(code=code, year=year, lang=lang, landlord=actor.organisation)}
        for code in sorted(codes)
    ]
