"""Public contact request and concern report forms; the staff triage queue and its actions.

Views only parse input, call one service or selector and render; the rules live in services,
selectors and rules.py. Contact details never reach a log line.
"""

import datetime as dt
import json
import logging
import re

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotipolku.core import faults, pagecache
from kotipolku.core.access import Area
from kotipolku.core.decorators import area_required
from kotipolku.core.emergency import OPEN_NOW_TTL_SECONDS, emergency_context
from kotipolku.core.ratelimit import limited
from kotipolku.core.themes import Theme
from kotipolku.core.views import too_many_requests
from kotipolku.intake import rules, selectors, services
from kotipolku.intake.forms import (
    AttemptForm,
    CloseForm,
    ConcernReportForm,
    ContactRequestForm,
    QueueFilterForm,
    ReassignForm,
    new_started,
)
from kotipolku.intake.models import ReporterKind
from kotipolku.intake.services.public import normalise_reference_code

log = logging.getLogger("kotipolku.intake")
# The thank-you page's facts (reference code, deadline) travel in a signed, short-lived cookie rather
# than the session: an anonymous visitor then costs no session row (docs/reliability/load.md).
DONE_COOKIE = "intake_done"
DONE_SALT = "kotipolku.intake.done"
DONE_MAX_AGE = 3600


def _rate_limit() -> tuple[int, int]:
    return getattr(settings, "INTAKE_FORM_RATE_LIMIT", 20), getattr(settings, "INTAKE_FORM_RATE_WINDOW", 600)


def _assessment_summary(token: str) -> dict | None:
    """The self-assessment summary for a token, or None (invalid, expired or instruments absent)."""
    if not token:
        return None
    try:
        from kotipolku.instruments.selectors import attachment_summary
    except ImportError:
        return None
    try:
        summary = attachment_summary(token)
    except Exception:  # a broken token or a half-built instruments module must not break the form
        log.warning("Self-assessment attachment could not be read")
        return None
    return summary if isinstance(summary, dict) else None


def _done_redirect(
    to: str, *, kind: str, reference_code: str = "", due=None, days: int = 0, method: str = ""
) -> HttpResponseRedirect:
    """Redirect to the thank-you page `to`, carrying what it shows in a signed cookie."""
    response = redirect(to)
    done = {
        "kind": kind,
        "method": method,
        "reference_code": reference_code,
        "due": due.isoformat() if due else "",
        "days": days,
    }
    response.set_signed_cookie(
        DONE_COOKIE,
        json.dumps(done),
        salt=DONE_SALT,
        max_age=DONE_MAX_AGE,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )
    return response


@require_http_methods(["GET", "POST"])
def contact_request(request):
    """Public contact request; ?theme= preselects the theme, ?assessment= offers to attach answers."""
    if request.method == "POST":
        limit, window = _rate_limit()
        if limited(request, "intake-form", limit=limit, window_seconds=window):
            return too_many_requests(request)
        form = ContactRequestForm(request.POST)
        token = request.POST.get("assessment", "")
        if form.looks_automated():
            return _done_redirect("intake:contact-request-done", kind="ignored")
        if form.is_valid():
            data = form.cleaned_data
            summary = _assessment_summary(data["assessment"]) if data["attach_assessment"] else None
            try:
                contact = services.contact_request_submit(
                    actor=request.user,
                    theme=data["theme"],
                    urgency=data["urgency"],
                    contact_method=data["contact_method"],
                    preferred_language=data["preferred_language"],
                    municipality=data["municipality"],
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                    message=data["message"],
                    assessment_summary=summary,
                )
            except DatabaseError as exc:
                # Read-only or unreachable database: show the filled-in form again so nothing typed is lost.
                kind = faults.classify(exc)
                if kind is None:
                    raise
                form.add_error(None, faults.form_message(kind))
                return faults.with_retry_after(_contact_form_page(request, form, token))
            item = contact.intake_item
            return _done_redirect(
                "intake:contact-request-done",
                kind="contact",
                reference_code=contact.reference_code,
                method=contact.contact_method,
                due=item.first_contact_due,
                days=rules.deadline_working_days(item.priority),
            )
    else:
        token = request.GET.get("assessment", "")[:2000]
        if not token and pagecache.anonymous_without_session(request) and set(request.GET) <= {"theme"}:
            return _blank_contact_page(request)
        initial = {"assessment": token}
        if request.GET.get("theme") in Theme.values:
            initial["theme"] = request.GET["theme"]
        form = ContactRequestForm(initial=initial)
    return _contact_form_page(request, form, token)


def _contact_form_page(request, form, token: str):
    summary = _assessment_summary(token)
    if summary is None:
        form.fields.pop("attach_assessment", None)
    context = {"form": form, "summary": summary, "fields_html": _unbound_fields_html(form), **emergency_context()}
    return render(request, "intake/contact_request.html", context)


_CSRF_VALUE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
_SLOT_CSRF = b"\x00kp-csrf\x00"
_SLOT_STARTED = b"\x00kp-started\x00"


def _blank_contact_page(request):
    """The empty contact form for an anonymous visitor, from a page rendered once per language,
    theme and minute (the emergency block's "open now" list).

    Only two things on the page belong to the visitor: the CSRF token and the signed start time.
    The cached copy holds slots for them, filled per request; a rendering in which either value
    is not found exactly once is not cached at all.
    """
    theme = request.GET.get("theme", "")
    if theme not in Theme.values:
        theme = ""
    key = pagecache.make_key("contact-page", request.get_full_path(), namespaces=("services",))
    shell = pagecache.local_get(key)
    if shell is None:
        form = ContactRequestForm(initial={"assessment": "", **({"theme": theme} if theme else {})})
        form.fields.pop("attach_assessment", None)
        started = form.initial["started"].encode()
        context = {"form": form, "summary": None, "fields_html": _unbound_fields_html(form), **emergency_context()}
        response = render(request, "intake/contact_request.html", context)
        content = response.content
        tokens = _CSRF_VALUE.findall(content)
        if len(tokens) == 1 and content.count(started) == 1 and content.count(tokens[0]) == 1:
            shell = content.replace(tokens[0], _SLOT_CSRF).replace(started, _SLOT_STARTED)
            pagecache.local_set(key, shell, ttl=OPEN_NOW_TTL_SECONDS)
        return response
    content = shell.replace(_SLOT_CSRF, get_token(request).encode()).replace(_SLOT_STARTED, new_started().encode())
    response = HttpResponse(content, content_type="text/html; charset=utf-8")
    patch_vary_headers(response, ("Cookie",))
    response["X-Kotipolku-Cache"] = "hit"
    return response


def _unbound_fields_html(form) -> str:
    """The rendered fields of a fresh form, cached per language and preselected theme.

    Rendering a dozen widgets is most of the page's cost; for an unbound form the HTML depends only
    on the language and the theme, never on the visitor. A bound form (errors, the visitor's own
    input) is always rendered afresh.
    """
    if form.is_bound:
        return ""
    theme = form.initial.get("theme", "")
    return pagecache.get_or_compute(
        "contact-fields",
        theme,
        namespaces=(),
        ttl=3600,
        compute=lambda: mark_safe(render_to_string("intake/_contact_fields.html", {"form": form})),  # noqa: S308
    )


def _done(request, template: str):
    try:
        done = json.loads(request.get_signed_cookie(DONE_COOKIE, salt=DONE_SALT, max_age=DONE_MAX_AGE))
    except (KeyError, signing.BadSignature, ValueError):
        done = None
    if not isinstance(done, dict):
        return redirect("front")
    due = dt.date.fromisoformat(done["due"]) if done.get("due") else None
    return render(request, template, {"done": done, "due": due})


def contact_request_done(request):
    """Confirmation with the reference code, what happens next and by when."""
    return _done(request, "intake/contact_request_done.html")


@require_http_methods(["GET", "POST"])
def concern_report(request):
    """Public concern report (huoli-ilmoitus) with the housing flag."""
    if request.method == "POST":
        limit, window = _rate_limit()
        if limited(request, "intake-form", limit=limit, window_seconds=window):
            return too_many_requests(request)
        form = ConcernReportForm(request.POST)
        if form.looks_automated():
            return _done_redirect("intake:concern-report-done", kind="ignored")
        if form.is_valid():
            report = services.concern_report_submit(actor=request.user, **form.cleaned_data_for_service())
            item = report.intake_item
            return _done_redirect(
                "intake:concern-report-done",
                kind="concern",
                due=item.first_contact_due,
                days=rules.deadline_working_days(item.priority),
            )
    else:
        form = ConcernReportForm()
    return render(request, "intake/concern_report.html", {"form": form, "staff": False, **emergency_context()})


def concern_report_done(request):
    return _done(request, "intake/concern_report_done.html")


@area_required(Area.CLIENT_WORK)
@require_http_methods(["GET", "POST"])
def staff_concern_report(request):
    """A professional's concern report from the staff area (may include the identity code)."""
    form = ConcernReportForm(request.POST or None, staff=True)
    if request.method == "POST" and form.is_valid():
        report = services.concern_report_submit(
            actor=request.user, reporter_kind=ReporterKind.PROFESSIONAL, **form.cleaned_data_for_service()
        )
        messages.success(request, _("Huoli-ilmoitus on kirjattu jonoon."))
        return redirect("intake:item", item_id=report.intake_item.pk)
    return render(request, "intake/concern_report.html", {"form": form, "staff": True})


@area_required(Area.CLIENT_WORK)
def queue(request):
    """All intake of the user's teams in rule order, with due dates and overdue badges."""
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.QueueFilters(
        status=data.get("status") or "open",
        source=data.get("source") or "",
        overdue_only=bool(data.get("overdue")),
        mine_only=bool(data.get("mine")),
        reference_code=normalise_reference_code(data.get("code") or ""),
    )
    now = timezone.now()
    page, overdue_count = selectors.queue_page(
        actor=request.user, filters=filters, page=request.GET.get("page"), now=now
    )
    rows = [_row(item, now) for item in page.object_list]
    return render(
        request, "intake/queue.html", {"form": form, "page": page, "rows": rows, "overdue_count": overdue_count}
    )


def _overdue(item, now) -> bool:
    return rules.is_overdue(
        due=item.first_contact_due, first_contact_at=item.first_contact_at, is_open=item.is_open, now=now
    )


def _row(item, now) -> dict:
    today = rules.local_date(now)
    return {
        "item": item,
        "signal": item.signal,
        "overdue": _overdue(item, now),
        "days_left": rules.working_days_left(due=item.first_contact_due, today=today),
        "tier": rules.tier_of(item.priority),
    }


@area_required(Area.CLIENT_WORK)
def item_detail(request, item_id: int):
    item = selectors.item_get(actor=request.user, item_id=item_id)
    return render(
        request,
        "intake/item_detail.html",
        {
            "row": _row(item, timezone.now()),
            "item": item,
            "signal": item.signal,
            "attempt_form": AttemptForm(),
            "close_form": CloseForm(),
            "reassign_form": ReassignForm(initial={"team": item.team_id}),
        },
    )


def _act(request, item_id: int, action) -> object:
    """Run one triage action; refusals become a message, not an error page."""
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("intake:item", item_id=item_id)


@area_required(Area.CLIENT_WORK)
@require_POST
def item_claim(request, item_id: int):
    def run():
        services.item_claim(actor=request.user, item_id=item_id)
        messages.success(request, _("Asia on nyt sinun työlistallasi."))

    return _act(request, item_id, run)


@area_required(Area.CLIENT_WORK)
@require_POST
def item_attempt(request, item_id: int):
    form = AttemptForm(request.POST)

    def run():
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.item_log_attempt(actor=request.user, item_id=item_id, **form.cleaned_data)
        messages.success(request, _("Yhteydenottoyritys on kirjattu."))

    return _act(request, item_id, run)


@area_required(Area.CLIENT_WORK)
@require_POST
def item_convert(request, item_id: int):
    def run():
        client, created = services.item_convert(actor=request.user, item_id=item_id)
        if created:
            messages.success(request, _("Uusi asiakkuus on luotu."))
        else:
            messages.success(request, _("Asia on liitetty olemassa olevaan asiakkaaseen."))

    return _act(request, item_id, run)


@area_required(Area.CLIENT_WORK)
@require_POST
def item_close(request, item_id: int):
    form = CloseForm(request.POST)

    def run():
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.item_close(actor=request.user, item_id=item_id, **form.cleaned_data)
        messages.success(request, _("Asia on suljettu."))

    return _act(request, item_id, run)


@area_required(Area.CLIENT_WORK)
@require_POST
def item_reassign(request, item_id: int):
    form = ReassignForm(request.POST)

    def run():
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.item_reassign(actor=request.user, item_id=item_id, team=form.cleaned_data["team"])
        messages.success(request, _("Asia on siirretty tiimille %(team)s.") % {"team": form.cleaned_data["team"]})

    response = _act(request, item_id, run)
    # After a move to a team the user is not in, the item page would be 404: go back to the queue.
    return redirect("intake:queue") if not form.errors else response
