"""Staff pages of client work and the public one-time feedback page. Thin: parse, call, render."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kotipolku.clients import selectors, services
from kotipolku.clients.forms import (
    AnonymiseForm,
    ClientCreateForm,
    ClientEditForm,
    ClosingForm,
    EncounterForm,
    FeedbackForm,
    GoalForm,
    GoalStatusForm,
    HousingCloseForm,
    HousingPeriodForm,
    IdentifyForm,
    ReferralForm,
    ReferralTransitionForm,
    VersionForm,
    WalkInForm,
    apply_errors,
    occurred_at_for,
)
from kotipolku.clients.models import Client, Referral
from kotipolku.core import access
from kotipolku.core.access import Area
from kotipolku.core.decorators import area_required
from kotipolku.core.models import AuditAction, Team, User
from kotipolku.core.ratelimit import limited
from kotipolku.core.views import too_many_requests

DEFAULT_NOT_MET_DAYS = 14


def _int_or_none(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 3650 else None


def _teams(request):
    return Team.objects.filter(pk__in=[t.pk for t in selectors.actor_teams(actor=request.user)])


def _to_client(client_id: int):
    return redirect("clients:detail", client_id=client_id)


@area_required(Area.CLIENT_WORK)
def caseload(request):
    """My caseload, or a team's (?team=), longest unmet first; ?not_met=N narrows to those not met."""
    teams = selectors.actor_teams(actor=request.user)
    team = next((t for t in teams if str(t.pk) == request.GET.get("team")), None)
    not_met = _int_or_none(request.GET.get("not_met"))
    q = request.GET.get("q", "").strip()[:100]
    if q:
        found = selectors.client_search(actor=request.user, q=q)
        return render(request, "clients/search.html", {"q": q, "found": found, "teams": teams})
    result = selectors.caseload(
        actor=request.user, team=team, not_met_days=not_met, page_number=request.GET.get("page")
    )
    return render(
        request,
        "clients/caseload.html",
        {
            "caseload": result,
            "page": result.page,
            "teams": teams,
            "team": team,
            "not_met": not_met,
            "default_not_met": DEFAULT_NOT_MET_DAYS,
        },
    )


@area_required(Area.CLIENT_WORK)
def client_create(request):
    """A new outreach contact (nickname and a few facts) or an identified client."""
    form = ClientCreateForm(request.POST or None, teams=_teams(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            client = services.client_create(
                actor=request.user,
                team=data["team"],
                nickname=data["nickname"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                henkilotunnus=data["henkilotunnus"] or None,
                age_group=data["age_group"],
                gender=data["gender"],
                languages=data["languages"],
                usual_place=data["usual_place"],
                source="staff form",
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Asiakas lisätty."))
            return _to_client(client.pk)
    return render(request, "clients/client_form.html", {"form": form}, status=400 if form.errors else 200)


@area_required(Area.CLIENT_WORK)
def detail(request, client_id: int):
    """The client page: summary, housing history, encounters, plan, referrals, closing, feedback."""
    page = selectors.client_page(actor=request.user, client_id=client_id, encounter_page=request.GET.get("page"))
    return render(
        request,
        "clients/detail.html",
        {
            "cp": page,
            "client": page.client,
            "page": page.encounters,
            "can_anonymise": access.role_of(request.user) in ("lead", "admin"),
        },
    )


def _form_page(request, client_id, form_class, template, handle, *, title="", initial=None, form_kwargs=None):
    """GET shows the form for a visible client (404 otherwise); POST calls `handle(client, data)`."""
    client = selectors.client_get(actor=request.user, client_id=client_id)
    form = form_class(request.POST or None, initial=initial(client) if initial else None, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        try:
            handle(client, form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return _to_client(client.pk)
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, "client": client, "title": title}, status=status)


@area_required(Area.CLIENT_WORK)
def encounter_create(request, client_id: int):
    """The under-30-seconds form: defaults today, outreach, me present."""

    def handle(client, data):
        services.encounter_log(
            actor=request.user,
            client=client,
            type=data["type"],
            occurred_at=occurred_at_for(data["date"]),
            topics=data["topics"],
            authority_contacts=data["authority_contacts"],
            experience_expert_present=data["experience_expert_present"],
            note=data["note"],
            workers=[request.user, *data["colleagues"]],
        )
        messages.success(request, _("Tapaaminen kirjattu."))

    colleagues = User.objects.filter(memberships__team__in=access.team_ids(request.user), is_active=True)
    colleagues = colleagues.exclude(pk=request.user.pk).distinct().order_by("first_name", "username")
    return _form_page(
        request,
        client_id,
        EncounterForm,
        "clients/encounter_form.html",
        handle,
        form_kwargs={"colleagues": colleagues},
    )


@area_required(Area.CLIENT_WORK)
def client_edit(request, client_id: int):
    def initial(client):
        return {f: getattr(client, f) for f in ClientEditForm.base_fields}

    def handle(client, data):
        version = data.pop("version")
        services.client_update(actor=request.user, client=client.pk, version=version, **data)
        messages.success(request, _("Tiedot tallennettu."))

    return _form_page(
        request,
        client_id,
        ClientEditForm,
        "clients/simple_form.html",
        handle,
        title=_("Muokkaa tietoja"),
        initial=initial,
    )


@area_required(Area.CLIENT_WORK)
def client_identify(request, client_id: int):
    """Turn an outreach contact into an identified client; the history stays with the record."""

    def handle(client, data):
        services.client_convert_outreach(actor=request.user, client=client.pk, **data)
        messages.success(request, _("Asiakas tunnistettu. Aiemmat merkinnät säilyivät."))

    return _form_page(
        request,
        client_id,
        IdentifyForm,
        "clients/simple_form.html",
        handle,
        title=_("Lisää henkilötunnus"),
        initial=lambda c: {"version": c.version, "first_name": c.first_name, "last_name": c.last_name},
    )


@area_required(Area.CLIENT_WORK)
def housing_add(request, client_id: int):
    def handle(client, data):
        services.housing_period_add(actor=request.user, client=client, **data)
        messages.success(request, _("Asumistilanne tallennettu."))

    return _form_page(
        request, client_id, HousingPeriodForm, "clients/simple_form.html", handle, title=_("Asumistilanne muuttui")
    )


@area_required(Area.CLIENT_WORK)
def goal_add(request, client_id: int):
    def handle(client, data):
        services.goal_add(actor=request.user, client=client, **data)
        messages.success(request, _("Tavoite lisätty."))

    return _form_page(request, client_id, GoalForm, "clients/simple_form.html", handle, title=_("Uusi tavoite"))


@area_required(Area.CLIENT_WORK)
def referral_add(request, client_id: int):
    def handle(client, data):
        services.referral_create(actor=request.user, client=client, **data)
        messages.success(request, _("Ohjaus lisätty."))

    return _form_page(request, client_id, ReferralForm, "clients/simple_form.html", handle, title=_("Uusi ohjaus"))


@area_required(Area.CLIENT_WORK)
def client_close(request, client_id: int):
    def handle(client, data):
        services.client_close(actor=request.user, client=client.pk, **data)
        messages.success(request, _("Asiakkuus päätetty."))

    return _form_page(
        request,
        client_id,
        ClosingForm,
        "clients/simple_form.html",
        handle,
        title=_("Päätä asiakkuus"),
        initial=lambda c: {"version": c.version},
    )


@area_required(Area.CLIENT_WORK)
def feedback_add(request, client_id: int):
    """Feedback given in person, written down by the worker."""

    def handle(client, data):
        services.feedback_record(actor=request.user, client=client, **data)
        messages.success(request, _("Palaute tallennettu."))

    return _form_page(request, client_id, FeedbackForm, "clients/simple_form.html", handle, title=_("Kirjaa palaute"))


def _post_action(request, client_id: int, form_class, action):
    """Small POST-only actions (buttons on the client page). The client is checked first, so other
    teams get 404 whatever the method; GET then answers 405."""
    client = selectors.client_get(actor=request.user, client_id=client_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _to_client(client.pk)
    try:
        action(client, form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _to_client(client.pk)


@area_required(Area.CLIENT_WORK)
def housing_close(request, client_id: int, period_id: int):
    def action(client, data):
        services.housing_period_close(actor=request.user, period_id=period_id, end_date=data["end_date"])
        messages.success(request, _("Asumisjakso päätetty."))

    return _post_action(request, client_id, HousingCloseForm, action)


@area_required(Area.CLIENT_WORK)
def goal_status(request, client_id: int, goal_id: int):
    def action(client, data):
        services.goal_set_status(actor=request.user, goal_id=goal_id, status=data["status"])

    return _post_action(request, client_id, GoalStatusForm, action)


@area_required(Area.CLIENT_WORK)
def referral_transition(request, client_id: int, referral_id: int):
    def action(client, data):
        if not Referral.objects.filter(pk=referral_id, client=client).exists():
            raise ValidationError(_("Ohjausta ei löytynyt."))
        services.referral_transition(
            actor=request.user, referral_id=referral_id, to_status=data["to_status"], version=data["version"]
        )
        messages.success(request, _("Ohjauksen tila päivitetty."))

    return _post_action(request, client_id, ReferralTransitionForm, action)


@area_required(Area.CLIENT_WORK)
def client_reopen(request, client_id: int):
    def action(client, data):
        services.client_reopen(actor=request.user, client=client.pk, version=data["version"])
        messages.success(request, _("Asiakkuus avattu uudelleen."))

    return _post_action(request, client_id, VersionForm, action)


@area_required(Area.CLIENT_WORK)
def feedback_link(request, client_id: int):
    """Create a one-time anonymous feedback link and show it once (POST), else explain (GET)."""
    client = selectors.client_get(actor=request.user, client_id=client_id)
    url = None
    if request.method == "POST":
        link, token = services.feedback_link_create(actor=request.user, client=client)
        url = request.build_absolute_uri(reverse("clients:public-feedback", kwargs={"token": token}))
    response = render(request, "clients/feedback_link.html", {"client": client, "url": url})
    response["Cache-Control"] = "no-store"
    return response


@area_required(Area.CLIENT_WORK)
def export(request, client_id: int):
    """Printable data-subject export of everything recorded about the client."""
    data = selectors.client_export(actor=request.user, client_id=client_id)
    response = render(request, "clients/export.html", {"data": data, "client_id": client_id})
    response["Cache-Control"] = "no-store"
    return response


@area_required(Area.CLIENT_WORK)
def export_json(request, client_id: int):
    """Machine-readable data-subject export."""
    data = selectors.client_export(actor=request.user, client_id=client_id)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="client-{int(client_id)}.json"'
    response["Cache-Control"] = "no-store"
    return response


@area_required(Area.CLIENT_WORK)
def anonymise(request, client_id: int):
    """Erase by anonymisation (team leads and admins)."""
    client = selectors.client_get(actor=request.user, client_id=client_id)
    if access.role_of(request.user) not in ("lead", "admin"):
        raise access.refusal(
            request.user,
            AuditAction.DELETE,
            object_type="clients.Client",
            object_id=client.pk,
            reason="action_not_allowed",
        )
    form = AnonymiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.client_anonymise(actor=request.user, client=client.pk, reason=form.cleaned_data["reason"])
        messages.success(request, _("Asiakkaan tiedot anonymisoitu. Lokitiedot säilyvät."))
        return _to_client(client.pk)
    return render(
        request, "clients/anonymise.html", {"form": form, "client": client}, status=400 if form.errors else 200
    )


@area_required(Area.CLIENT_WORK)
def walk_in(request):
    """Walk-in housing counselling quick log with the latest visits."""
    teams = _teams(request)
    form = WalkInForm(request.POST or None, teams=teams, initial={"team": teams.first()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        client_id = data.pop("client")
        try:
            if client_id is not None and not access.visible(request.user, Client.objects.filter(pk=client_id)).exists():
                raise ValidationError({"client": _("Asiakasta ei löytynyt tiimiesi asiakkaista.")})
            services.walk_in_log(actor=request.user, client=client_id, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Käynti kirjattu."))
            return redirect("clients:walk-in")
    visits = selectors.walk_in_list(actor=request.user)
    return render(request, "clients/walk_in.html", {"form": form, "visits": visits}, status=400 if form.errors else 200)


@never_cache
def public_feedback(request, token: str):
    """Anonymous feedback with a one-time link; no login, nothing about the client is shown."""
    if request.method == "POST" and limited(request, "client-feedback", limit=10, window_seconds=60):
        return too_many_requests(request)
    usable = services.feedback_link_usable(token=token)
    form = FeedbackForm(request.POST or None)
    done = False
    if usable and request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit_anonymous(token=token, **form.cleaned_data)
            done = True
        except ValidationError:
            usable = False
    response = render(
        request,
        "clients/public_feedback.html",
        {"form": form, "usable": usable, "done": done},
        status=200 if usable or done else 410,
    )
    response["Referrer-Policy"] = "no-referrer"
    return response
