"""Open Referral HSDS 3.0 JSON: a file of compiled service objects (organization, service_at_locations
with location and address, schedules, languages, phones, service_areas, attributes with taxonomy terms).

Kotipolku-specific data without an HSDS field (Swedish and English texts, municipality codes,
holiday rule, example flag, referral) travels in each service's `x_kotipolku` extension object.
Weekly hours are schedules with freq WEEKLY and byday; a date exception is a schedule with
valid_from = valid_to and `x_closed`.
"""

import json
from datetime import date, time

from kotipolku.services.codes import CategoryCode, LanguageCode, municipality_name
from kotipolku.services.exchange import ImportResult, RowError, import_rows
from kotipolku.services.models import Service
from kotipolku.services.services import service_to_dict

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
TAXONOMY = "kotipolku-service-category"


def _t(value: time | None) -> str | None:
    return None if value is None else f"{value:%H:%M}"


def _d(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _other_langs(texts: dict[str, dict[str, str]]) -> dict:
    return {lang: {k: v[lang] for k, v in texts.items() if v.get(lang)} for lang in ("sv", "en")}


def service_to_hsds(data: dict) -> dict:
    """One canonical service dict (services.service_to_dict) as an HSDS compiled service."""
    sid = data["id"]
    texts = {k: data[k] for k in ("name", "description", "eligibility", "cost", "accessibility", "hours_note")}
    org = data["organisation"]
    loc = data["location"]
    schedules = [
        {
            "id": f"{sid}-week-{i}",
            "freq": "WEEKLY",
            "byday": DAYS[p["weekday"]],
            "opens_at": _t(p["opens"]),
            "closes_at": _t(p["closes"]),
            "x_overnight": p["overnight"],
        }
        for i, p in enumerate(data["hours"])
    ] + [
        {
            "id": f"{sid}-exception-{i}",
            "valid_from": _d(e["date"]),
            "valid_to": _d(e["date"]),
            "opens_at": _t(e["opens"]),
            "closes_at": _t(e["closes"]),
            "description": e["note"]["fi"],
            "x_closed": e["closed"],
            "x_overnight": e["overnight"],
            "x_note": {lang: e["note"][lang] for lang in ("sv", "en") if e["note"][lang]},
        }
        for i, e in enumerate(data["exceptions"])
    ]
    return {
        "id": sid,
        "name": data["name"]["fi"],
        "description": data["description"]["fi"],
        "url": data["website"] or None,
        "email": data["email"] or None,
        "status": "active",
        "fees_description": data["cost"]["fi"] or None,
        "eligibility_description": data["eligibility"]["fi"] or None,
        "assured_date": _d(data["last_verified"]),
        "organization": None
        if org is None
        else {
            "id": org["id"],
            "name": org["name"]["fi"],
            "website": org["website"] or None,
            "x_name": _only(org["name"]),
        },
        "phones": [{"id": f"{sid}-phone", "number": data["phone"]}] if data["phone"] else [],
        "languages": [
            {"id": f"{sid}-lang-{c}", "code": c, "name": str(LanguageCode(c).label)} for c in data["languages"]
        ],
        "service_areas": [
            {"id": f"{sid}-area-{c}", "name": municipality_name(c), "extent_type": "municipality", "x_code": c}
            for c in data["municipalities"]
        ],
        "attributes": [
            {
                "id": f"{sid}-category-{c}",
                "taxonomy_term": {"id": c, "code": c, "term": str(CategoryCode(c).label), "taxonomy": TAXONOMY},
            }
            for c in data["categories"]
        ],
        "schedules": schedules,
        "service_at_locations": []
        if loc is None
        else [
            {
                "id": f"{sid}-at-{loc['id']}",
                "location": {
                    "id": loc["id"],
                    "location_type": "physical",
                    "name": loc["name"]["fi"] or None,
                    "latitude": loc["latitude"],
                    "longitude": loc["longitude"],
                    "x_name": _only(loc["name"]),
                    "addresses": [
                        {
                            "id": f"{loc['id']}-address",
                            "address_1": loc["street_address"],
                            "city": municipality_name(loc["municipality"]),
                            "postal_code": loc["postal_code"],
                            "country": "FI",
                            "address_type": "physical",
                            "x_municipality_code": loc["municipality"],
                        }
                    ],
                    "accessibility": [{"id": f"{loc['id']}-access", "description": loc["accessibility"]["fi"]}]
                    if loc["accessibility"]["fi"]
                    else [],
                    "x_accessibility": _only(loc["accessibility"]),
                },
            }
        ],
        "x_kotipolku": {
            "translations": _other_langs(texts),
            "accessibility_fi": data["accessibility"]["fi"],
            "hours_note_fi": data["hours_note"]["fi"],
            "target_groups": data["target_groups"],
            "open_on_holidays": data["open_on_holidays"],
            "requires_referral": data["requires_referral"],
            "is_example": data["is_example"],
            "source_url": data["source_url"],
        },
    }


def _only(texts: dict[str, str]) -> dict[str, str]:
    return {lang: texts[lang] for lang in ("sv", "en") if texts.get(lang)}


def hsds_to_service(item: dict) -> dict:
    """An HSDS compiled service back to the dict service_upsert takes (unknown parts raise KeyError/TypeError)."""
    ext = item.get("x_kotipolku") or {}
    tr = ext.get("translations") or {}

    def texts(fi_value, key):
        return {"fi": fi_value or "", **{lang: (tr.get(lang) or {}).get(key, "") for lang in ("sv", "en")}}

    hours, exceptions = [], []
    for s in item.get("schedules") or []:
        if s.get("freq") == "WEEKLY":
            if s.get("byday") not in DAYS:
                raise ValueError(f"schedule {s.get('id')}: byday must be one of {', '.join(DAYS)}")
            hours.append(
                {
                    "weekday": DAYS.index(s["byday"]),
                    "opens": s.get("opens_at"),
                    "closes": s.get("closes_at"),
                    "overnight": bool(s.get("x_overnight", False)),
                }
            )
        elif s.get("valid_from"):
            if s.get("valid_to") not in (None, s["valid_from"]):
                raise ValueError(f"schedule {s.get('id')}: an exception covers one date (valid_from = valid_to)")
            note = {"fi": s.get("description") or "", **(s.get("x_note") or {})}
            exceptions.append(
                {
                    "date": s["valid_from"],
                    "closed": bool(s.get("x_closed", False)),
                    "opens": s.get("opens_at"),
                    "closes": s.get("closes_at"),
                    "overnight": bool(s.get("x_overnight", False)),
                    "note": note,
                }
            )
        else:
            raise ValueError(f"schedule {s.get('id')}: needs freq WEEKLY with byday, or valid_from for one date")
    org = item.get("organization")
    locations = item.get("service_at_locations") or []
    if len(locations) > 1:
        raise ValueError("only one service_at_location per service is supported")
    location = None
    if locations:
        loc = locations[0]["location"]
        address = (loc.get("addresses") or [{}])[0]
        access = (loc.get("accessibility") or [{}])[0].get("description", "")
        location = {
            "id": loc["id"],
            "name": {"fi": loc.get("name") or "", **(loc.get("x_name") or {})},
            "street_address": address.get("address_1") or "",
            "postal_code": address.get("postal_code") or "",
            "municipality": address.get("x_municipality_code") or address.get("city"),
            "latitude": loc.get("latitude"),
            "longitude": loc.get("longitude"),
            "accessibility": {"fi": access or "", **(loc.get("x_accessibility") or {})},
        }
    phones = item.get("phones") or []
    return {
        "id": item.get("id"),
        "name": texts(item.get("name"), "name"),
        "description": texts(item.get("description"), "description"),
        "eligibility": texts(item.get("eligibility_description"), "eligibility"),
        "cost": texts(item.get("fees_description"), "cost"),
        "accessibility": texts(ext.get("accessibility_fi"), "accessibility"),
        "hours_note": texts(ext.get("hours_note_fi"), "hours_note"),
        "website": item.get("url") or "",
        "email": item.get("email") or "",
        "phone": phones[0]["number"] if phones else "",
        "source_url": ext.get("source_url") or "",
        "requires_referral": ext.get("requires_referral", False),
        "open_on_holidays": ext.get("open_on_holidays", False),
        "is_example": ext.get("is_example", False),
        "categories": [a["taxonomy_term"]["code"] for a in item.get("attributes") or [] if a.get("taxonomy_term")],
        "target_groups": ext.get("target_groups") or [],
        "languages": [x["code"] for x in item.get("languages") or []],
        "municipalities": [a.get("x_code") or a.get("name") for a in item.get("service_areas") or []],
        "hours": hours,
        "exceptions": exceptions,
        "last_verified": item.get("assured_date"),
        "organisation": None
        if not org
        else {
            "id": org.get("id"),
            "name": {"fi": org.get("name") or "", **(org.get("x_name") or {})},
            "website": org.get("website") or "",
        },
        "location": location,
    }


def export_document(queryset=None) -> dict:
    qs = (queryset if queryset is not None else Service.objects.filter(is_active=True)).order_by("stable_id")
    qs = qs.select_related("organisation", "location").prefetch_related(
        "categories", "target_groups", "languages", "municipalities", "periods", "exceptions"
    )
    return {
        "hsds_version": "3.0",
        "profile": "https://github.com/kotipolku (x_kotipolku extension, see docs/services.md)",
        "services": [service_to_hsds(service_to_dict(s)) for s in qs.iterator(chunk_size=500)],
    }


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _line_of(text: str, service_id: str, start: int) -> tuple[int, int]:
    """Line number of the service's "id" in the text, searching from offset `start`."""
    needle = f'"id": {json.dumps(service_id, ensure_ascii=False)}'
    pos = text.find(needle, start)
    if pos < 0:
        return 0, start
    return text.count("\n", 0, pos) + 1, pos + len(needle)


def import_text(text: str, *, actor="system", source: str = "hsds") -> ImportResult:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return ImportResult(errors=[RowError(exc.lineno, "file", f"not valid JSON: {exc.msg} (column {exc.colno})")])
    except RecursionError:
        return ImportResult(errors=[RowError(1, "file", "not valid HSDS: the JSON is nested too deeply")])
    services = document.get("services") if isinstance(document, dict) else document
    if not isinstance(services, list):
        return ImportResult(errors=[RowError(1, "file", 'expected {"services": [...]} or a list of services')])
    rows, errors, offset = [], [], 0
    for index, item in enumerate(services):
        ref = f"services[{index}]"
        line = 0
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            line, offset = _line_of(text, item["id"], offset)
            ref += f" id={item['id']}"
        try:
            if not isinstance(item, dict):
                raise ValueError("a service must be a JSON object")
            rows.append((line, ref, hsds_to_service(item)))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            errors.append(RowError(line, ref, f"not a valid HSDS service: {exc}"))
    return import_rows(rows, actor=actor, source=source, earlier_errors=errors)
