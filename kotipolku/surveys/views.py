"""Survey answering (public, anonymous), results and the network register (leads and admins)."""

import io

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotipolku.core import audit, ratelimit
from kotipolku.core.access import Area
from kotipolku.core.decorators import area_required
from kotipolku.core.models import AuditAction
from kotipolku.core.views import page_not_found, too_many_requests
from kotipolku.instruments.engine import text_in
from kotipolku.instruments.engine.forms import form_class_for
from kotipolku.surveys import exports, selectors, services
from kotipolku.surveys.forms import CampaignForm, ContactForm, LinksForm, MeetingForm, OrganisationForm, YearForm


def _lang() -> str:
    return translation.get_language() or "fi"


@require_http_methods(["GET", "POST"])
def answer(request, slug):
    """Answer a survey: an open link, or a one-time link (?t=token). Nothing is saved on any error."""
    campaign = selectors.public_campaign(slug=slug)
    if campaign is None:
        return page_not_found(request)
    lang = _lang()
    definition = campaign.version.parsed
    token = request.POST.get("t") or request.GET.get("t", "")
    context = {
        "campaign": campaign,
        "title": text_in(definition.title, lang),
        "description": text_in(definition.description, lang),
        "token": token,
    }
    now = timezone.now()
    if not campaign.is_open(now):
        context["closed_message"] = (
            _("Kysely ei ole vielä auki.")
            if now < campaign.opens_at
            else _("Kysely on sulkeutunut. Kiitos kiinnostuksesta!")
        )
        return render(request, "surveys/answer.html", context, status=410)
    form_class = form_class_for(definition, lang)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if ratelimit.limited(request, "survey-answer", limit=20, window_seconds=60):
            return too_many_requests(request)
        if form.is_valid():
            try:
                services.answer_submit(campaign=campaign, answers=form.answers, token=token)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    context["closed_message"] = " ".join(exc.messages)
                    return render(request, "surveys/answer.html", context, status=410)
            else:
                return redirect(reverse("surveys:thanks", args=[slug]))
    context["form"] = form
    return render(request, "surveys/answer.html", context, status=400 if form.errors else 200)


def thanks(request, slug):
    return render(request, "surveys/thanks.html", {})


@area_required(Area.REPORTS)
@require_http_methods(["GET", "POST"])
def campaigns(request):
    form = CampaignForm(request.POST if request.method == "POST" else None, lang=_lang())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.campaign_create(
                actor=request.user,
                version=form.versions[data["version"]],
                title=data["title"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                one_time_links=data["one_time_links"],
                meeting=data["meeting"],
                landlord=data["landlord"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("surveys:campaign", campaign.pk)
    rows = selectors.campaign_list(actor=request.user)
    return render(
        request, "surveys/campaigns.html", {"form": form, "campaigns": rows}, status=400 if form.errors else 200
    )


@area_required(Area.REPORTS)
def campaign(request, pk):
    item = selectors.campaign_get(actor=request.user, campaign_id=pk)
    lang = _lang()
    context = {
        "campaign": item,
        "results": selectors.campaign_results(campaign=item, lang=lang),
        "years": selectors.rates_by_year(code=item.version.instrument.code, lang=lang),
        "public_url": request.build_absolute_uri(reverse("surveys:answer", args=[item.public_slug])),
        "links_form": LinksForm(),
    }
    return render(request, "surveys/campaign.html", context)


@area_required(Area.REPORTS)
@require_POST
def campaign_links(request, pk):
    item = selectors.campaign_get(actor=request.user, campaign_id=pk)
    form = LinksForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Linkkien määrä on 1–500."))
        return redirect("surveys:campaign", pk)
    tokens = services.links_create(actor=request.user, campaign=item, count=form.cleaned_data["count"])
    base = request.build_absolute_uri(reverse("surveys:answer", args=[item.public_slug]))
    return render(request, "surveys/links.html", {"campaign": item, "links": [f"{base}?t={t}" for t in tokens]})


@area_required(Area.REPORTS)
def campaign_qr(request, pk):
    """A QR code (SVG) of the campaign's open link, for posters and slides."""
    item = selectors.campaign_get(actor=request.user, campaign_id=pk)
    url = request.build_absolute_uri(reverse("surveys:answer", args=[item.public_slug]))
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=6, title=item.title, border=2)
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


@area_required(Area.REPORTS)
def campaign_export(request, pk):
    """XLSX of the results with small cells suppressed: made to leave the team."""
    item = selectors.campaign_get(actor=request.user, campaign_id=pk)
    results = selectors.campaign_results(campaign=item, lang=_lang(), leaves_team=True)
    audit.record(request.user, AuditAction.EXPORT, obj=item, kind="results.xlsx")
    return exports.xlsx_response(exports.results_workbook(item.title, results), f"kysely-{item.pk}.xlsx")


@area_required(Area.REPORTS)
def resident_summary(request, code):
    form = YearForm(request.GET or {"year": timezone.localdate().year})
    summary = None
    if form.is_valid():
        summary = selectors.grouped_summary(
            code=code, year=form.cleaned_data["year"], lang=_lang(), landlord=form.cleaned_data["landlord"]
        )
        if request.GET.get("format") == "xlsx":
            audit.record(request.user, AuditAction.EXPORT, object_type="surveys.summary", code=code)
            return exports.xlsx_response(
                exports.summary_workbook(code, form.cleaned_data["year"], summary),
                f"{code}-{form.cleaned_data['year']}.xlsx",
            )
    return render(
        request,
        "surveys/summary.html",
        {"form": form, "summary": summary, "code": code},
        status=400 if form.errors else 200,
    )


@area_required(Area.REPORTS)
@require_http_methods(["GET", "POST"])
def network(request):
    forms_by_name = {"organisation": OrganisationForm, "contact": ContactForm, "meeting": MeetingForm}
    bound = {
        name: cls(request.POST if request.POST.get("form") == name else None, prefix=name)
        for name, cls in forms_by_name.items()
    }
    if request.method == "POST":
        name = request.POST.get("form")
        form = bound.get(name)
        if form is not None and form.is_valid():
            data = form.cleaned_data
            if name == "organisation":
                services.organisation_create(actor=request.user, **data)
            elif name == "contact":
                organisation = data.pop("organisation")
                services.contact_create(actor=request.user, organisation=organisation, **data)
            else:
                services.meeting_create(actor=request.user, **data)
            messages.success(request, _("Tallennettu."))
            return redirect("surveys:network")
    today = timezone.localdate()
    context = {
        **selectors.network_register(actor=request.user),
        **{f"{name}_form": form for name, form in bound.items()},
        "summary": selectors.network_summary(start=today.replace(month=1, day=1), end=today),
    }
    failed = request.method == "POST"
    return render(request, "surveys/network.html", context, status=400 if failed else 200)


@area_required(Area.REPORTS)
def contact_export(request, pk):
    data = selectors.contact_export(actor=request.user, contact_id=pk)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="yhteyshenkilo-{pk}.json"'
    return response


@area_required(Area.REPORTS)
@require_POST
def contact_erase(request, pk):
    contact = selectors.contact_get(actor=request.user, contact_id=pk)
    services.contact_erase(actor=request.user, contact=contact)
    messages.success(request, _("Yhteyshenkilön tiedot poistettiin."))
    return redirect("surveys:network")
