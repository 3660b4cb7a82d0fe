"""Writes of the service compass: one upsert from a plain dict used by the YAML loader, the HSDS and
CSV imports and the tests, so every way in validates and indexes the same way.

The dict layout is the one of `content/services/*.yaml` (see docs/services.md); `service_to_dict` is
its inverse, so an upsert that would change nothing writes nothing (idempotent imports).
"""

from datetime import date, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotipolku.core import audit
from kotipolku.core.access import Actor
from kotipolku.core.models import AuditAction
from kotipolku.services import open_index
from kotipolku.services.codes import CategoryCode, LanguageCode, TargetGroupCode
from kotipolku.services.hours import weekly_overlaps
from kotipolku.services.models import (
    LANGS,
    Location,
    OpeningException,
    OpeningPeriod,
    Organisation,
    SearchTerm,
    Service,
)
from kotipolku.services.search import service_terms

TEXT_FIELDS = ("name", "description", "eligibility", "cost", "accessibility", "hours_note")
PLAIN_FIELDS = ("phone", "email", "website", "source_url")
BOOL_FIELDS = ("requires_referral", "open_on_holidays", "is_example")
WEEKDAYS = {"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}


def _texts(value: Any) -> dict[str, str]:
    """{fi, sv, en} from a dict or a plain (Finnish) string."""
    if value is None:
        return dict.fromkeys(LANGS, "")
    if isinstance(value, str):
        return {"fi": value.strip(), "sv": "", "en": ""}
    if not isinstance(value, dict):
        raise ValidationError(_("Tekstin pitää olla merkkijono tai kielet fi/sv/en."))
    unknown = set(value) - set(LANGS)
    if unknown:
        raise ValidationError(_("Tuntematon kieli: %(langs)s.") % {"langs": ", ".join(sorted(map(str, unknown)))})
    return {lang: str(value.get(lang) or "").strip() for lang in LANGS}


def _time(value: Any, field: str) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, int):  # YAML reads 08:00 unquoted as sexagesimal minutes
        return time(value // 60 % 24, value % 60)
    try:
        hours, minutes = str(value).strip().replace(".", ":").split(":")
        return time(0, 0) if (int(hours), int(minutes)) == (24, 0) else time(int(hours), int(minutes))
    except (ValueError, TypeError):
        raise ValidationError({field: _("Kellonaika %(value)s ei kelpaa (muoto HH:MM).") % {"value": value}}) from None


def _date(value: Any, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(
            {field: _("Päivämäärä %(value)s ei kelpaa (muoto VVVV-KK-PP).") % {"value": value}}
        ) from None


def _codes(values: Any, allowed: list[str], field: str) -> list[str]:
    if values in (None, ""):
        return []
    if isinstance(values, str):
        values = list(values.replace(";", ",").split(","))
    if not isinstance(values, list | tuple):
        raise ValidationError({field: _("Anna koodit listana tai pilkuin eroteltuina.")})
    codes = [str(v).strip() for v in values if str(v).strip()]
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        raise ValidationError(
            {
                field: _("Tuntematon koodi: %(codes)s. Sallitut: %(allowed)s.")
                % {"codes": ", ".join(unknown), "allowed": ", ".join(allowed)}
            }
        )
    return sorted(set(codes))


def _municipalities(values: Any, field: str) -> list[str]:
    from kotipolku.services.codes import municipality_by_name

    if values in (None, ""):
        return []
    if isinstance(values, str | int):
        values = str(values).replace(";", ",").split(",")
    if not isinstance(values, list | tuple):
        raise ValidationError({field: _("Anna kunnat listana tai pilkuin eroteltuina.")})
    out = []
    for value in values:
        value = str(value).strip()
        if not value:
            continue
        code = municipality_by_name(value.zfill(3) if value.isdigit() else value)
        if code is None:
            raise ValidationError({field: _("Tuntematon kunta: %(value)s.") % {"value": value}})
        out.append(code)
    return sorted(set(out))


def _hours(value: Any) -> list[dict]:
    """Weekly periods from a list of {weekday, opens, closes, overnight} or the shorthand "24/7"."""
    if value in (None, ""):
        return []
    if value == "24/7":
        return [{"weekday": d, "opens": time(0, 0), "closes": time(0, 0), "overnight": True} for d in range(7)]
    if not isinstance(value, list):
        raise ValidationError({"hours": _("Aukioloajat pitää antaa listana tai muodossa 24/7.")})
    out = []
    for item in value:
        if not isinstance(item, dict):
            raise ValidationError({"hours": _("Aukioloajan pitää sisältää weekday, opens ja closes.")})
        weekday = item.get("weekday")
        if isinstance(weekday, str) and weekday[:2].lower() in WEEKDAYS:
            weekday = WEEKDAYS[weekday[:2].lower()]
        if not isinstance(weekday, int) or not 0 <= weekday <= 6:
            raise ValidationError({"hours": _("Viikonpäivä %(value)s ei kelpaa (0–6 tai mo–su).") % {"value": weekday}})
        out.append(
            {
                "weekday": weekday,
                "opens": _time(item.get("opens"), "hours"),
                "closes": _time(item.get("closes"), "hours"),
                "overnight": bool(item.get("overnight", False)),
            }
        )
    return sorted(out, key=lambda p: (p["weekday"], p["opens"]))


def _exceptions(value: Any) -> list[dict]:
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise ValidationError({"exceptions": _("Poikkeusaukiolot pitää antaa listana.")})
    out = []
    for item in value:
        if not isinstance(item, dict) or not item.get("date"):
            raise ValidationError({"exceptions": _("Poikkeusaukiolosta puuttuu päivä.")})
        closed = bool(item.get("closed", False))
        out.append(
            {
                "date": _date(item.get("date"), "exceptions"),
                "closed": closed,
                "opens": None if closed or item.get("opens") in (None, "") else _time(item["opens"], "exceptions"),
                "closes": None if closed or item.get("closes") in (None, "") else _time(item["closes"], "exceptions"),
                "overnight": bool(item.get("overnight", False)),
                "note": _texts(item.get("note")),
            }
        )
    return sorted(out, key=lambda e: (e["date"], e["opens"] or time(0)))


def normalise(data: dict) -> dict:
    """Validate and normalise an input dict (YAML/HSDS/CSV) to the canonical layout; raises ValidationError."""
    if not isinstance(data, dict):
        raise ValidationError(_("Palvelun tietojen pitää olla avain–arvo-rakenne."))
    errors: dict[str, list] = {}

    def attempt(field, fn, *args):
        try:
            return fn(*args)
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.messages)
            return None

    stable_id = str(data.get("id") or "").strip()
    if not stable_id:
        errors["id"] = [_("Pysyvä tunniste (id) puuttuu.")]
    out: dict[str, Any] = {"id": stable_id}
    for field in TEXT_FIELDS:
        out[field] = attempt(field, _texts, data.get(field)) or dict.fromkeys(LANGS, "")
    if not out["name"]["fi"]:
        errors.setdefault("name", []).append(_("Suomenkielinen nimi puuttuu."))
    for field in PLAIN_FIELDS:
        out[field] = str(data.get(field) or "").strip()
    for field in BOOL_FIELDS:
        value = data.get(field, False)
        if not isinstance(value, bool):
            errors.setdefault(field, []).append(_("Arvon pitää olla true tai false."))
        out[field] = bool(value)
    out["categories"] = attempt("categories", _codes, data.get("categories"), CategoryCode.values, "categories") or []
    if not out["categories"] and "categories" not in errors:
        errors["categories"] = [_("Anna vähintään yksi palveluluokka.")]
    out["target_groups"] = (
        attempt("target_groups", _codes, data.get("target_groups"), TargetGroupCode.values, "target_groups") or []
    )
    out["languages"] = attempt("languages", _codes, data.get("languages"), LanguageCode.values, "languages") or []
    out["municipalities"] = (
        attempt("municipalities", _municipalities, data.get("municipalities"), "municipalities") or []
    )
    if not out["municipalities"] and "municipalities" not in errors:
        errors["municipalities"] = [_("Anna vähintään yksi kunta.")]
    out["hours"] = attempt("hours", _hours, data.get("hours")) or []
    out["exceptions"] = attempt("exceptions", _exceptions, data.get("exceptions")) or []
    out["last_verified"] = attempt("last_verified", _date, data.get("last_verified"), "last_verified")
    out["organisation"] = attempt("organisation", _organisation, data.get("organisation"))
    out["location"] = attempt("location", _location, data.get("location"))
    if errors:
        raise ValidationError(errors)
    return out


def _organisation(value: Any) -> dict | None:
    if not value:
        return None
    if not isinstance(value, dict) or not value.get("id"):
        raise ValidationError(_("Organisaatiolla pitää olla id ja nimi."))
    name = _texts(value.get("name"))
    if not name["fi"]:
        raise ValidationError(_("Organisaation suomenkielinen nimi puuttuu."))
    return {"id": str(value["id"]).strip(), "name": name, "website": str(value.get("website") or "").strip()}


def _location(value: Any) -> dict | None:
    if not value:
        return None
    if not isinstance(value, dict) or not value.get("id"):
        raise ValidationError(_("Toimipisteellä pitää olla id ja kunta."))
    codes = _municipalities(value.get("municipality"), "location")
    if len(codes) != 1:
        raise ValidationError(_("Toimipisteellä pitää olla yksi kunta."))

    def coordinate(key):
        raw = value.get(key)
        if raw in (None, ""):
            return None
        try:
            return round(float(raw), 6)
        except (TypeError, ValueError):
            raise ValidationError(_("Koordinaatti %(value)s ei ole luku.") % {"value": raw}) from None

    return {
        "id": str(value["id"]).strip(),
        "name": _texts(value.get("name")),
        "street_address": str(value.get("street_address") or "").strip(),
        "postal_code": str(value.get("postal_code") or "").strip(),
        "municipality": codes[0],
        "latitude": coordinate("latitude"),
        "longitude": coordinate("longitude"),
        "accessibility": _texts(value.get("accessibility")),
    }


def _set_texts(obj, field: str, texts: dict[str, str]) -> None:
    for lang in LANGS:
        setattr(obj, f"{field}_{lang}", texts.get(lang, ""))


def _num(value) -> float | None:
    return None if value is None else round(float(value), 6)


def service_to_dict(service: Service) -> dict:
    """The canonical dict of a service (inverse of `normalise`)."""
    org = service.organisation
    loc = service.location
    return {
        "id": service.stable_id,
        **{f: {lang: getattr(service, f"{f}_{lang}") for lang in LANGS} for f in TEXT_FIELDS},
        **{f: getattr(service, f) for f in PLAIN_FIELDS},
        **{f: getattr(service, f) for f in BOOL_FIELDS},
        "categories": sorted(c.code for c in service.categories.all()),
        "target_groups": sorted(g.code for g in service.target_groups.all()),
        "languages": sorted(x.code for x in service.languages.all()),
        "municipalities": sorted(m.code for m in service.municipalities.all()),
        "hours": sorted(
            (
                {"weekday": p.weekday, "opens": p.opens, "closes": p.closes, "overnight": p.overnight}
                for p in service.periods.all()
            ),
            key=lambda p: (p["weekday"], p["opens"]),
        ),
        "exceptions": sorted(
            (
                {
                    "date": e.date,
                    "closed": e.closed,
                    "opens": e.opens,
                    "closes": e.closes,
                    "overnight": e.overnight,
                    "note": {lang: getattr(e, f"note_{lang}") for lang in LANGS},
                }
                for e in service.exceptions.all()
            ),
            key=lambda e: (e["date"], e["opens"] or time(0)),
        ),
        "last_verified": service.last_verified,
        "organisation": None
        if org is None
        else {
            "id": org.stable_id,
            "name": {lang: getattr(org, f"name_{lang}") for lang in LANGS},
            "website": org.website,
        },
        "location": None
        if loc is None
        else {
            "id": loc.stable_id,
            "name": {lang: getattr(loc, f"name_{lang}") for lang in LANGS},
            "street_address": loc.street_address,
            "postal_code": loc.postal_code,
            "municipality": loc.municipality_id,
            "latitude": _num(loc.latitude),
            "longitude": _num(loc.longitude),
            "accessibility": {lang: getattr(loc, f"accessibility_{lang}") for lang in LANGS},
        },
    }


def _check_hours(data: dict) -> None:
    errors = []
    for p in data["hours"]:
        try:
            OpeningPeriod(weekday=p["weekday"], opens=p["opens"], closes=p["closes"], overnight=p["overnight"]).clean()
        except ValidationError as exc:
            errors += exc.messages
    clashes = weekly_overlaps([(p["weekday"], p["opens"], p["closes"]) for p in data["hours"]])
    for i, j in clashes:
        a, b = data["hours"][i], data["hours"][j]
        errors.append(
            _("Aukioloajat menevät päällekkäin: %(a)s ja %(b)s.") % {"a": _period_label(a), "b": _period_label(b)}
        )
    if errors:
        raise ValidationError({"hours": errors})
    errors = []
    by_date: dict[date, list[dict]] = {}
    for e in data["exceptions"]:
        by_date.setdefault(e["date"], []).append(e)
        try:
            OpeningException(
                date=e["date"], closed=e["closed"], opens=e["opens"], closes=e["closes"], overnight=e["overnight"]
            ).clean()
        except ValidationError as exc:
            errors += [f"{e['date']:%d.%m.%Y}: {m}" for m in exc.messages]
    for day, items in by_date.items():
        if len(items) > 1 and any(i["closed"] for i in items):
            errors.append(_("%(day)s: suljettu päivä ei voi sisältää aukioloaikoja.") % {"day": f"{day:%d.%m.%Y}"})
        elif weekly_overlaps([(0, i["opens"], i["closes"]) for i in items if i["opens"] and i["closes"]]):
            errors.append(_("%(day)s: poikkeusaukiolot menevät päällekkäin.") % {"day": f"{day:%d.%m.%Y}"})
    if errors:
        raise ValidationError({"exceptions": errors})


def _period_label(p: dict) -> str:
    return f"{p['weekday']} {p['opens']:%H:%M}–{p['closes']:%H:%M}"


def _upsert_organisation(data: dict | None) -> Organisation | None:
    if data is None:
        return None
    org = Organisation.objects.filter(stable_id=data["id"]).first() or Organisation(stable_id=data["id"])
    _set_texts(org, "name", data["name"])
    org.website = data["website"]
    org.full_clean()
    org.save()
    return org


def _upsert_location(data: dict | None) -> Location | None:
    if data is None:
        return None
    loc = Location.objects.filter(stable_id=data["id"]).first() or Location(stable_id=data["id"])
    _set_texts(loc, "name", data["name"])
    _set_texts(loc, "accessibility", data["accessibility"])
    loc.street_address, loc.postal_code = data["street_address"], data["postal_code"]
    for field in ("latitude", "longitude"):
        setattr(loc, field, None if data[field] is None else Decimal(str(data[field])))
    loc.municipality_id = data["municipality"]
    loc.full_clean()
    loc.save()
    return loc


def service_reindex(service: Service) -> int:
    """Rebuild the search terms of one service; returns the number of terms."""
    terms = service_terms(service)
    SearchTerm.objects.filter(service=service).delete()
    SearchTerm.objects.bulk_create([SearchTerm(service=service, term=t) for t in sorted(terms)])
    return len(terms)


def service_upsert(*, actor: Actor, data: dict, source: str = "") -> tuple[Service, bool]:
    """Create or update the service with data["id"]; returns (service, changed). Invalid data raises
    ValidationError and writes nothing; identical data writes nothing either."""
    clean = normalise(data)
    _check_hours(clean)
    existing = (
        Service.objects.filter(stable_id=clean["id"])
        .select_related("organisation", "location")
        .prefetch_related("categories", "target_groups", "languages", "municipalities", "periods", "exceptions")
        .first()
    )
    if existing is not None and service_to_dict(existing) == clean:
        return existing, False
    with transaction.atomic():
        service = existing or Service(stable_id=clean["id"])
        service.organisation = _upsert_organisation(clean["organisation"])
        service.location = _upsert_location(clean["location"])
        for field in TEXT_FIELDS:
            _set_texts(service, field, clean[field])
        for field in (*PLAIN_FIELDS, *BOOL_FIELDS, "last_verified"):
            setattr(service, field, clean[field])
        service.full_clean(exclude=["categories", "target_groups", "languages", "municipalities"])
        service.save()
        service.categories.set(clean["categories"])
        service.target_groups.set(clean["target_groups"])
        service.languages.set(clean["languages"])
        service.municipalities.set(clean["municipalities"])
        service.periods.all().delete()
        OpeningPeriod.objects.bulk_create([OpeningPeriod(service=service, **p) for p in clean["hours"]])
        service.exceptions.all().delete()
        OpeningException.objects.bulk_create(
            [
                OpeningException(
                    service=service,
                    date=e["date"],
                    closed=e["closed"],
                    opens=e["opens"],
                    closes=e["closes"],
                    overnight=e["overnight"],
                    note_fi=e["note"]["fi"],
                    note_sv=e["note"]["sv"],
                    note_en=e["note"]["en"],
                )
                for e in clean["exceptions"]
            ]
        )
        service_reindex(service)
        open_index.rebuild([service.pk])
        audit.record(
            actor, AuditAction.UPDATE if existing else AuditAction.CREATE, obj=service, source=source or "upsert"
        )
    return service, True
