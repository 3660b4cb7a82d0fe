"""Public JSON API of the service compass: GET /api/v1/services and /api/v1/services/{id}."""

import math
from functools import lru_cache

from django.urls import reverse
from django.utils import translation
from ninja import Router
from ninja.errors import HttpError

from kotipolku.core.pagecache import public_api
from kotipolku.services import display, query, selectors
from kotipolku.services.codes import CategoryCode, LanguageCode, MunicipalityCode, TargetGroupCode, municipality_name
from kotipolku.services.forms import PAGE_SIZE, ApiServiceFilterForm
from kotipolku.services.models import LANGS, Service

router = Router(tags=["services"])


def _bad_request(form) -> HttpError:
    detail = [{"field": field, "reason": str(msg)} for field, msgs in form.errors.items() for msg in msgs]
    error = HttpError(400, "invalid")
    error.message = detail  # core.api answers {"detail": exc.message}
    return error


@lru_cache(maxsize=8)
def _labels(lang: str) -> dict[str, dict[str, str]]:
    """Code labels in `lang`, made once per process (the code lists are fixed in codes.py)."""
    with translation.override(lang):
        return {
            "categories": {c: str(CategoryCode(c).label) for c in CategoryCode.values},
            "target_groups": {c: str(TargetGroupCode(c).label) for c in TargetGroupCode.values},
            "languages": {c: str(LanguageCode(c).label) for c in LanguageCode.values},
            "municipalities": {c: municipality_name(c, lang) for c in MunicipalityCode.values},
        }


PLACEHOLDER_ID = 987654321


@lru_cache(maxsize=8)
def _detail_url(lang: str) -> str:
    """The detail page address with "{}" for the id, reversed once per language (20 reverse() calls
    were a tenth of a search's time). Callers are inside translation.override(lang)."""
    return reverse("services:detail", args=[PLACEHOLDER_ID]).replace(str(PLACEHOLDER_ID), "{}")


def service_json(service: Service, lang: str) -> dict:
    st = display.status(service)
    labels = _labels(lang)
    loc = service.location
    org = service.organisation
    return {
        "id": service.pk,
        "stable_id": service.stable_id,
        "name": service.tr("name", lang),
        "description": service.tr("description", lang),
        "url": _detail_url(lang).format(service.pk),
        "is_example": service.is_example,
        "categories": [{"code": c, "label": labels["categories"][c]} for c in service.codes("categories")],
        "target_groups": [{"code": c, "label": labels["target_groups"][c]} for c in service.codes("target_groups")],
        "languages": [{"code": c, "label": labels["languages"][c]} for c in service.codes("languages")],
        "municipalities": [{"code": c, "name": labels["municipalities"][c]} for c in service.codes("municipalities")],
        "organisation": None if org is None else {"id": org.stable_id, "name": org.tr("name", lang)},
        "location": None
        if loc is None
        else {
            "name": loc.tr("name", lang),
            "street_address": loc.street_address,
            "postal_code": loc.postal_code,
            "municipality": {"code": loc.municipality_id, "name": municipality_name(loc.municipality_id, lang)},
            "latitude": None if loc.latitude is None else float(loc.latitude),
            "longitude": None if loc.longitude is None else float(loc.longitude),
        },
        "requires_referral": service.requires_referral,
        "eligibility": service.tr("eligibility", lang),
        "cost": service.tr("cost", lang),
        "accessibility": service.tr("accessibility", lang),
        "phone": service.phone,
        "email": service.email,
        "website": service.website,
        "hours_known": st["has_hours"],
        "open_now": st["open_now"],
        "today_hours": [{"opens": f"{o:%H:%M}", "closes": f"{c:%H:%M}"} for o, c in st["today"].periods],
        "next_opening": st["next_opening"].isoformat() if st["next_opening"] else None,
        "hours_note": service.tr("hours_note", lang),
        "last_verified": service.last_verified.isoformat() if service.last_verified else None,
    }


@router.get("/services", url_name="service-list")
@public_api(namespace="services", ttl=60)  # core.pagecache: per query string, dropped when a service is saved
def list_services(request):
    """Services open to all by default; filters as on the /palvelut/ page. 400 for any bad parameter."""
    form = ApiServiceFilterForm(request.GET)
    with translation.override("en"):  # API error reasons in English, like the schema errors of core.api
        if not form.is_valid():
            raise _bad_request(form)
    f = form.cleaned_data
    lang = f["lang"] or "fi"
    size = f["page_size"] or PAGE_SIZE
    page = f["page"] or 1
    filters = query.SearchFilters.from_form(f, lang)
    rows, count = selectors.page_of(filters, page=page, size=size)
    pages = max(1, math.ceil(count / size))
    with translation.override(lang):
        items = [service_json(s, lang) for s in rows]
    return {"items": items, "count": count, "page": page, "pages": pages}


@router.get("/services/{service_id}", url_name="service-detail")
def get_service(request, service_id: int, lang: str = "fi"):
    if lang not in LANGS:
        raise _bad_request_lang()
    service = selectors.service_get(service_id=service_id)
    with translation.override(lang):
        return service_json(service, lang)


def _bad_request_lang() -> HttpError:
    error = HttpError(400, "invalid")
    error.message = [{"field": "lang", "reason": "one of fi, sv, en"}]
    return error
