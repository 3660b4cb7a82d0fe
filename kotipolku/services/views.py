"""Public pages of the service compass (list, printable list, detail) and the editors' pages: review
list, file import (preview, then confirm) and HSDS export."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotipolku.core.access import Area
from kotipolku.core.decorators import area_required
from kotipolku.services import display, query, selectors
from kotipolku.services.exchange import upload
from kotipolku.services.forms import MAX_PAGE_NUMBER, PAGE_SIZE, ImportFileForm, ServiceFilterForm
from kotipolku.services.models import current_lang

PRINT_LIMIT = 200


def _search(request) -> tuple[ServiceFilterForm, query.SearchFilters]:
    """The form and the filters it gives; an invalid form searches with the defaults (its errors show)."""
    form = ServiceFilterForm(request.GET or None)
    cleaned = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, query.SearchFilters.from_form(cleaned, current_lang())


def _cards(services):
    return [{"service": s, "status": display.status(s)} for s in services]


def service_list(request):
    """One page of the list through selectors.page_of (a long list reads only its page); the Paginator
    only numbers the pages."""
    form, filters = _search(request)
    asked = _page_number(request)
    rows, count = selectors.page_of(filters, page=asked, size=PAGE_SIZE)
    page = Paginator(range(count), PAGE_SIZE).get_page(asked)
    if page.number != asked:  # past the last page: show the last one
        rows, count = selectors.page_of(filters, page=page.number, size=PAGE_SIZE)
    return render(
        request,
        "services/list.html",
        {"form": form, "page": page, "cards": _cards(rows), "query_string": _query_without_page(request)},
    )


def service_print(request):
    form, filters = _search(request)
    services, count = selectors.page_of(filters, page=1, size=PRINT_LIMIT)
    return render(
        request,
        "services/print.html",
        {"form": form, "cards": _cards(services), "limit": PRINT_LIMIT, "count": count},
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


PENDING_IMPORT = "services_pending_import"


@area_required(Area.CONTENT)
def import_file(request):
    """Upload → preview: the file is imported in a transaction that is rolled back, so the page shows
    exactly what a confirmed import would do (and every bad row) while nothing is saved. A clean file
    waits in the session for the confirmation."""
    form = ImportFileForm(request.POST, request.FILES) if request.method == "POST" else ImportFileForm()
    preview = None
    if request.method == "POST" and form.is_valid():
        text, fmt, name = form.cleaned_data["text"], form.cleaned_data["format"], form.cleaned_data["file"].name
        preview = upload.services_import_file(actor=request.user, text=text, fmt=fmt, filename=name, dry_run=True)
        if preview.ok:
            request.session[PENDING_IMPORT] = {"text": text, "format": fmt, "name": name, "digest": upload.digest(text)}
        else:
            request.session.pop(PENDING_IMPORT, None)
    pending = request.session.get(PENDING_IMPORT) if preview is not None and preview.ok else None
    return render(
        request,
        "services/import.html",
        {
            "form": form,
            "preview": preview,
            "pending": pending,
            "max_kb": upload.MAX_UPLOAD_BYTES // 1024,
            "title": _("Tuo palveluita tiedostosta"),
        },
    )


@area_required(Area.CONTENT)
@require_POST
def import_confirm(request):
    """Import the previewed file (the one in the session, checked by its digest); all-or-nothing."""
    pending = request.session.get(PENDING_IMPORT)
    if not pending or request.POST.get("digest") != pending["digest"]:
        messages.error(request, _("Esikatsele tiedosto ensin; tuotavaa tiedostoa ei löytynyt tai se on vaihtunut."))
        return redirect("services:import")
    result = upload.services_import_file(
        actor=request.user, text=pending["text"], fmt=pending["format"], filename=pending["name"], dry_run=False
    )
    request.session.pop(PENDING_IMPORT, None)
    if not result.ok:  # the data changed between preview and confirmation
        return render(
            request,
            "services/import.html",
            {"form": ImportFileForm(), "preview": result, "pending": None, "max_kb": upload.MAX_UPLOAD_BYTES // 1024},
        )
    messages.success(
        request,
        _("%(name)s tuotu: %(created)s uutta, %(updated)s päivitettyä, %(unchanged)s ennallaan.")
        % {
            "name": pending["name"],
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        },
    )
    return redirect("services:import")


@area_required(Area.CONTENT)
def export_hsds(request):
    text, _count = upload.services_export_hsds(actor=request.user)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    filename = f"palvelut-hsds-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _page_number(request) -> int:
    """The ?page= number; anything that is not a positive whole number means the first page, and a number
    past the last page shows the last one."""
    try:
        return min(max(1, int(request.GET.get("page", 1))), MAX_PAGE_NUMBER)
    except (TypeError, ValueError):
        return 1


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
