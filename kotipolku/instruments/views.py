"""Pages of the instruments module: the public self-assessment and the staff instrument pages.
Views only parse input, call one service or selector and shape the output."""

from datetime import timedelta
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kotipolku.clients import selectors as client_selectors
from kotipolku.core.access import Area
from kotipolku.core.decorators import area_required
from kotipolku.core.emergency import emergency_context
from kotipolku.core.ratelimit import limited
from kotipolku.core.views import too_many_requests
from kotipolku.instruments import presentation, selectors, services
from kotipolku.instruments.engine import text_in
from kotipolku.instruments.engine.forms import form_class_for
from kotipolku.instruments.forms import StatsForm
from kotipolku.instruments.models import InstrumentResponse, InstrumentVersion, Kind


def _lang() -> str:
    return get_language() or "fi"


def _intro(version: InstrumentVersion) -> dict:
    definition = version.parsed
    lang = _lang()
    return {
        "title": text_in(definition.title, lang),
        "description": text_in(definition.description, lang),
        "is_example": definition.example,
        "version": version,
    }


def _submit(form, submit) -> InstrumentResponse | None:
    """Run a submit service; engine errors that slipped past the form become field errors."""
    if not form.is_valid():
        return None
    try:
        return submit(form.answers)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return None


def _contact_url() -> str:
    try:
        return reverse("intake:contact-request")
    except NoReverseMatch:  # the intake module is not installed yet: the agreed public path
        return f"/{_lang()}/yhteydenotto/"


# --- public ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def self_assessment(request):
    """The anonymous housing self-assessment; a valid submission goes to its result page."""
    version = selectors.self_assessment_version()
    form_class = form_class_for(version.parsed, _lang())
    if request.method == "POST":
        if limited(request, "self-assessment", limit=20, window_seconds=60):
            return too_many_requests(request)
        form = form_class(request.POST)
        response = _submit(form, lambda answers: services.response_submit_public(version=version, answers=answers))
        if response is not None:
            return redirect("instruments:self-assessment-result", token=services.result_token(response))
    else:
        form = form_class()
    return render(request, "instruments/self_assessment.html", {**_intro(version), "form": form})


@never_cache
def self_assessment_result(request, token: str):
    """The result of one anonymous self-assessment, opened with its signed token only."""
    response = selectors.public_response_from_token(token)
    if response is None:
        raise Http404
    definition = response.version.parsed
    lang = _lang()
    contact = _contact_url()
    context = {
        **_intro(response.version),
        "band": presentation.band_view(definition.band(response.band), lang),
        "answers": presentation.readable_answers(definition, response.answers, lang),
        "emergency": response.emergency,
        "contact_url": contact,
        "contact_with_answers_url": f"{contact}?{urlencode({'assessment': services.attachment_token(response)})}",
    }
    if response.emergency:
        context.update(emergency_context())
    return render(request, "instruments/self_assessment_result.html", context)


# --- staff: client work ------------------------------------------------------------------------


@area_required(Area.CLIENT_WORK)
def staff_index(request):
    """Instruments staff can fill in, and the worker's clients to fill them in for."""
    return render(
        request,
        "instruments/staff_index.html",
        {
            "instruments": _instrument_rows(selectors.staff_instruments()),
            "clients": client_selectors.client_list(actor=request.user),
        },
    )


def _instrument_rows(versions: list[InstrumentVersion]) -> list[dict]:
    lang = _lang()
    return [
        {
            "code": v.instrument.code,
            "title": text_in(v.parsed.title, lang),
            "description": text_in(v.parsed.description, lang),
            "version": v.version,
            "is_example": v.parsed.example,
            "tablet": v.instrument.kind == Kind.SURVEY,
        }
        for v in versions
    ]


@area_required(Area.CLIENT_WORK)
def staff_client(request, client_id: int):
    """One client's instrument results and the instruments to fill in next."""
    client = client_selectors.client_get(actor=request.user, client_id=client_id)
    lang = _lang()
    responses = selectors.client_responses(actor=request.user, client=client)
    rows = []
    for r in responses:
        definition = r.version.parsed
        band = definition.band(r.band)
        rows.append(
            {
                "response": r,
                "title": text_in(definition.title, lang),
                "band": text_in(band.label, lang) if band else r.band,
            }
        )
    return render(
        request,
        "instruments/staff_client.html",
        {"client": client, "responses": rows, "instruments": _instrument_rows(selectors.staff_instruments())},
    )


@area_required(Area.CLIENT_WORK)
@require_http_methods(["GET", "POST"])
def staff_fill(request, client_id: int, code: str):
    """Fill in an instrument for a client; `?tablet=1` gives the client-facing tablet layout."""
    client = client_selectors.client_get(actor=request.user, client_id=client_id)
    version = selectors.instrument_current_version(code=code)
    if not version.parsed.for_clients:  # public self-assessment, other modules' surveys
        raise Http404
    tablet = request.GET.get("tablet") == "1"
    form_class = form_class_for(version.parsed, _lang())
    if request.method == "POST":
        form = form_class(request.POST)
        response = _submit(
            form,
            lambda answers: services.response_submit_for_client(
                actor=request.user, version=version, client=client, answers=answers
            ),
        )
        if response is not None:
            return redirect("instruments:staff-response", response_id=response.pk)
    else:
        form = form_class()
    return render(
        request,
        "instruments/staff_fill.html",
        {**_intro(version), "form": form, "client": client, "tablet": tablet, "code": code},
    )


def _response_context(request, response_id: int) -> dict:
    response = selectors.response_get(actor=request.user, response_id=response_id)
    definition = response.version.parsed
    lang = _lang()
    earlier = [
        r
        for r in selectors.client_responses(
            actor=request.user, client=response.client, instrument_code=response.version.instrument.code
        )
        if r.pk != response.pk and (r.created_at, r.pk) < (response.created_at, response.pk)
    ]
    previous = next((r for r in earlier if r.version_id == response.version_id), None)
    rows = presentation.domain_rows(definition, response.scores, lang, previous.scores if previous else None)
    history = []
    for r in earlier:
        d = r.version.parsed
        band = d.band(r.band)
        history.append(
            {
                "response": r,
                "band": text_in(band.label, lang) if band else r.band,
                "domains": [(r.scores.get("domains") or {}).get(dom.id) for dom in definition.domains],
            }
        )
    return {
        **_intro(response.version),
        "response": response,
        "client": response.client,
        "band": presentation.band_view(definition.band(response.band), lang),
        "total_max": definition.total_max,
        "domains": rows,
        "domain_titles": [row["title"] for row in rows],
        "chart": presentation.chart(rows) if rows else None,
        "previous": previous,
        "history": history,
        "answers": presentation.readable_answers(definition, response.answers, lang),
    }


@area_required(Area.CLIENT_WORK)
def staff_response(request, response_id: int):
    """A client's result: band, domain profile chart with table, comparison with earlier results."""
    return render(request, "instruments/staff_response.html", _response_context(request, response_id))


@area_required(Area.CLIENT_WORK)
def staff_print(request, response_id: int):
    """A printable summary of one result (the print stylesheet hides navigation)."""
    return render(request, "instruments/staff_print.html", _response_context(request, response_id))


# --- staff: reports ----------------------------------------------------------------------------


@area_required(Area.REPORTS)
def staff_stats(request):
    """Anonymous band distribution and domain means per instrument version, small cells hidden."""
    choices = selectors.instrument_choices()
    today = timezone.localdate()
    defaults = {
        "instrument": choices[0][0] if choices else "",
        "start": (today - timedelta(days=365)).isoformat(),
        "end": today.isoformat(),
    }
    form = StatsForm({**defaults, **request.GET.dict()}, instrument_choices=choices)
    stats = None
    if form.is_valid():
        stats = selectors.band_distribution(
            instrument_code=form.cleaned_data["instrument"],
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
    return render(
        request,
        "instruments/staff_stats.html",
        {"form": form, "stats": stats, "small_cell": selectors.SMALL_CELL},
    )
