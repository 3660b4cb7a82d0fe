"""Public pages of the service compass (list, printable list, detail) and the editors' review list."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from kotipolku.core.access import Area
from kotipolku.core.decorators import area_required
from kotipolku.services import display, selectors
from kotipolku.services.forms import PAGE_SIZE, ServiceFilterForm
from kotipolku.services.models import current_lang

PRINT_LIMIT = 200


def _search(request):
    form = ServiceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = selectors.service_search(
        q=filters.get("q", ""),
        municipality=filters.get("municipality") or None,
        category=filters.get("category") or None,
        target_group=filters.get("target_group") or None,
        language=filters.get("language") or None,
        open_now=filters.get("open_now", False),
        include_referral=filters.get("include_referral", False),
        lang=current_lang(),
    )
    return form, qs


def _cards(services):
    return [{"service": s, "status": display.status(s)} for s in services]


def service_list(request):
    form, qs = _search(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    cards = _cards(selectors.with_display_data(page.object_list))
    return render(
        request,
        "services/list.html",
        {"form": form, "page": page, "cards": cards, "query_string": _query_without_page(request)},
    )


def service_print(request):
    form, qs = _search(request)
    services = selectors.with_display_data(qs[:PRINT_LIMIT])
    return render(
        request,
        "services/print.html",
        {"form": form, "cards": _cards(services), "limit": PRINT_LIMIT, "count": qs.count()},
    )


def service_detail(request, service_id: int):
    service = selectors.service_get(service_id=service_id)
    return render(
        request,
        "services/detail.html",
        {
            "service": service,
            "status": display.status(service),
            "week": display.week_rows(service),
            "service_description": service.tr("description"),
            "hours_note": service.tr("hours_note"),
            "eligibility": service.tr("eligibility"),
            "cost": service.tr("cost"),
            "accessibility": service.tr("accessibility")
            or (service.location.tr("accessibility") if service.location else ""),
        },
    )


@area_required(Area.CONTENT)
def review_list(request):
    services = selectors.services_due_for_review()
    return render(
        request,
        "services/review.html",
        {
            "services": services[:500],
            "count": services.count(),
            "max_age": selectors.review_max_age(),
            "title": _("Tarkistettavat palvelut"),
        },
    )


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
