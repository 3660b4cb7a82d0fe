"""Reads of the instruments module. Client-linked responses go through the core rule and the audit
log; aggregate statistics are anonymous and suppress small cells."""

import contextlib
from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError
from django.http import Http404
from django.utils import timezone, translation

from kotipolku.clients.models import Client
from kotipolku.core import access
from kotipolku.core.access import Actor, Area
from kotipolku.instruments import services
from kotipolku.instruments.engine import text_in
from kotipolku.instruments.models import Instrument, InstrumentResponse, InstrumentVersion, Kind
from kotipolku.instruments.presentation import readable_answers

SMALL_CELL = 5  # counts below this are not shown in statistics


def _ensure_loaded() -> None:
    """Publish the definition files when the database has none yet (fresh demo or test database)."""
    if not InstrumentVersion.objects.exists():
        with contextlib.suppress(IntegrityError):  # another request loaded them at the same moment
            services.instruments_sync()


def instrument_current_version(*, code: str) -> InstrumentVersion:
    """The newest published version of an instrument (Http404 when there is none)."""
    _ensure_loaded()
    version = (
        InstrumentVersion.objects.select_related("instrument")
        .filter(instrument__code=code, published=True)
        .order_by("-version")
        .first()
    )
    if version is None:
        raise Http404
    return version


def self_assessment_version() -> InstrumentVersion:
    """The public self-assessment (setting INSTRUMENTS_SELF_ASSESSMENT, default asumisen-itsearvio)."""
    return instrument_current_version(code=getattr(settings, "INSTRUMENTS_SELF_ASSESSMENT", "asumisen-itsearvio"))


def staff_instruments() -> list[InstrumentVersion]:
    """The newest version of each instrument that staff fill in for a client (`for_clients`)."""
    _ensure_loaded()
    out = []
    for instrument in Instrument.objects.exclude(kind=Kind.PUBLIC).order_by("code"):
        version = instrument.versions.filter(published=True).order_by("-version").first()
        if version is not None and version.parsed.for_clients:
            version.instrument = instrument
            out.append(version)
    return out


def _unsign(token: str, salt: str, max_age: int) -> InstrumentResponse | None:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # also SignatureExpired
        return None
    pk = data.get("r") if isinstance(data, dict) else None
    if not isinstance(pk, int):
        return None
    # Only anonymous public responses can be opened with a token.
    return (
        InstrumentResponse.objects.select_related("version__instrument")
        .filter(pk=pk, client__isnull=True, filled_by__isnull=True)
        .first()
    )


def public_response_from_token(token: str) -> InstrumentResponse | None:
    """The anonymous response behind a result-page token, or None when invalid or expired."""
    max_age = getattr(settings, "INSTRUMENTS_RESULT_MAX_AGE", 24 * 3600)
    return _unsign(token, services.RESULT_SALT, max_age)


def attachment_summary(token: str) -> dict | None:
    """What a contact request attaches: instrument, version, band and readable answers (or None)."""
    response = _unsign(token, services.ATTACH_SALT, getattr(settings, "INSTRUMENTS_ATTACH_MAX_AGE", 7 * 24 * 3600))
    if response is None:
        return None
    definition = response.version.parsed
    lang = translation.get_language() or settings.LANGUAGE_CODE
    band = definition.band(response.band)
    return {
        "instrument": text_in(definition.title, lang),
        "instrument_code": definition.code,
        "version": definition.version,
        "band": response.band,
        "band_label": text_in(band.label, lang) if band else response.band,
        "total": response.scores.get("total"),
        "emergency": response.emergency,
        "answers": readable_answers(definition, response.answers, lang),
        "created_at": response.created_at,
    }


def response_get(*, actor: Actor, response_id: int) -> InstrumentResponse:
    """One client-linked response of the actor's teams (Http404 otherwise), audited."""
    access.require_area(actor, Area.CLIENT_WORK)
    qs = InstrumentResponse.objects.select_related("version__instrument", "client", "filled_by")
    return access.get_for(actor, qs.filter(client__isnull=False), pk=response_id)


def client_responses(*, actor: Actor, client: Client, instrument_code: str | None = None) -> list[InstrumentResponse]:
    """A client's responses, newest first, audited as one list read."""
    access.require_area(actor, Area.CLIENT_WORK)
    qs = InstrumentResponse.objects.select_related("version__instrument").filter(client=client)
    if instrument_code:
        qs = qs.filter(version__instrument__code=instrument_code)
    return access.read_list(actor, qs)


def _day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def _suppressed(count: int) -> int | None:
    return count if count == 0 or count >= SMALL_CELL else None


def band_distribution(*, instrument_code: str, start: date, end: date) -> list[dict[str, Any]]:
    """Anonymous statistics per version for responses given from start to end (inclusive):
    the number of responses, the band distribution and domain means. Counts of 1–4 are given as None
    and domain means only for versions with at least 5 responses, so no one can be singled out."""
    since, until = _day_bounds(start, end)
    lang = translation.get_language() or settings.LANGUAGE_CODE
    out = []
    versions = InstrumentVersion.objects.filter(instrument__code=instrument_code).order_by("version")
    for version in versions.select_related("instrument"):
        rows = list(
            InstrumentResponse.objects.filter(version=version, created_at__gte=since, created_at__lt=until).values_list(
                "band", "scores"
            )
        )
        definition = version.parsed
        counts = Counter(band for band, _ in rows)
        n = len(rows)
        means = []
        for d in definition.domains:
            mean = None
            if n >= SMALL_CELL:
                mean = round(sum((s.get("domains") or {}).get(d.id, 0) for _, s in rows) / n, 2)
            means.append({"domain": d.id, "label": text_in(d.title, lang), "mean": mean, "max": d.max})
        out.append(
            {
                "version": version.version,
                "title": text_in(definition.title, lang),
                "responses": _suppressed(n),
                "bands": [
                    {"band": b.code, "label": text_in(b.label, lang), "count": _suppressed(counts.get(b.code, 0))}
                    for b in definition.bands
                ],
                "total_mean": round(sum(s.get("total", 0) for _, s in rows) / n, 2) if n >= SMALL_CELL else None,
                "domain_means": means,
            }
        )
    return out


def instrument_choices() -> list[tuple[str, str]]:
    """(code, title) of every instrument, for the statistics page."""
    _ensure_loaded()
    lang = translation.get_language() or settings.LANGUAGE_CODE
    return [(i.code, text_in(i.title, lang) or i.code) for i in Instrument.objects.order_by("code")]
