"""HTML pages and exports of reporting. Views parse input, call one selector/service, render."""

import calendar
import datetime as dt
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.shortcuts import render as django_render
from django.utils import timezone
from django.utils.translation import gettext as _

from kotipolku.clients.models import HousingStatus, Topic
from kotipolku.core import access
from kotipolku.core.access import Area
from kotipolku.core.decorators import area_required
from kotipolku.core.models import AuditAction, Role
from kotipolku.reporting import charts, definitions, exports, pit, selectors, services
from kotipolku.reporting.filters import Filters, allowed_teams, default_period
from kotipolku.reporting.forms import DayForm, FilterForm, ObservationForm, TargetForm
from kotipolku.reporting.kpis import Period
from kotipolku.reporting.models import ResultTarget

FORMATS = ("csv", "xlsx")


def render(request, template, context=None, status=200):
    """Render with the reporting navigation the actor may use."""
    user = request.user
    nav = {
        "reports": access.in_area(user, Area.REPORTS),
        "client_work": access.in_area(user, Area.CLIENT_WORK),
        "observations": access.role_of(user) in (Role.LEAD, Role.EDITOR, Role.ADMIN),
    }
    return django_render(request, template, {**(context or {}), "nav": nav}, status=status)


def _filter_form(request):
    data = request.GET.copy()
    if "start" not in data and "end" not in data:
        period = default_period()
        data["start"], data["end"] = period.start.isoformat(), period.end.isoformat()
    form = FilterForm(data, actor=request.user)
    return form, (form.cleaned_data["filters"] if form.is_valid() else None)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Http404


@area_required(Area.REPORTS)
def dashboard(request):
    form, filters = _filter_form(request)
    context = {"form": form, "defs": definitions.DEFINITIONS}
    if filters is not None:
        d = selectors.dashboard(actor=request.user, filters=filters)
        context.update(d=d, charts=charts.dashboard_charts(d), query=request.GET.urlencode())
        context["can_see_lists"] = access.in_area(request.user, Area.CLIENT_WORK)
    return render(request, "reporting/dashboard.html", context, status=200 if filters else 400)


@area_required(Area.REPORTS)
def dashboard_export(request, fmt: str):
    _check_format(fmt)
    form, filters = _filter_form(request)
    if filters is None:
        return render(request, "reporting/dashboard.html", {"form": form}, status=400)
    d = selectors.dashboard(actor=request.user, filters=filters, audited=AuditAction.EXPORT)
    header, rows = charts.dashboard_table(d, suppressed=True)
    return exports.respond(fmt, f"kotipolku-kpi-{filters.period.start}-{filters.period.end}", header, rows)


PERIOD_RE = re.compile(r"^(\d{4})(?:-(Q[1-4]|\d{2}))?$")


def parse_report_period(value: str, today: dt.date) -> Period | None:
    """'2026-03' (a month), '2026-Q1' (a quarter) or '2026' (a year); default the previous month."""
    if not value:
        last = today.replace(day=1) - dt.timedelta(days=1)
        return Period(last.replace(day=1), last)
    m = PERIOD_RE.match(value.strip())
    if not m:
        return None
    year, part = int(m.group(1)), m.group(2)
    if year < 2000 or year > today.year:
        return None
    if part is None:
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if part.startswith("Q"):
        q = int(part[1])
        first = dt.date(year, 3 * q - 2, 1)
        last_month = 3 * q
        return Period(first, dt.date(year, last_month, calendar.monthrange(year, last_month)[1]))
    month = int(part)
    if not 1 <= month <= 12:
        return None
    return Period(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))


@area_required(Area.REPORTS)
def period_report(request):
    """A printable monthly/quarterly/yearly report for funders (all of the actor's teams)."""
    raw = request.GET.get("period", "")
    period = parse_report_period(raw, timezone.localdate())
    if period is None:
        return render(
            request,
            "reporting/period_report.html",
            {"error": _("Jakso ei kelpaa. Käytä muotoa 2026-03, 2026-Q1 tai 2026."), "period_value": raw},
            status=400,
        )
    d = selectors.dashboard(actor=request.user, filters=Filters(period))
    return render(
        request,
        "reporting/period_report.html",
        {
            "d": d,
            "charts": charts.dashboard_charts(d),
            "defs": definitions.DEFINITIONS,
            "period_value": raw,
            "table": charts.dashboard_table(d, suppressed=False),
        },
    )


@area_required(Area.REPORTS)
def targets(request):
    is_admin = access.role_of(request.user) == Role.ADMIN
    form = TargetForm(request.POST or None, actor=request.user, is_admin=is_admin)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            services.target_set(
                actor=request.user,
                metric=c["metric"],
                period_start=c["period_start"],
                period_end=c["period_end"],
                value=c["value"],
                team=c["team"],
            )
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, _("Tavoite tallennettu."))
            return redirect("reporting:targets")
    team_ids = {t.pk for t in allowed_teams(request.user)}
    rows = ResultTarget.objects.select_related("team")
    if not is_admin:
        rows = rows.filter(team_id__in=team_ids)
    return render(
        request, "reporting/targets.html", {"form": form, "targets": rows[:200]}, status=400 if form.errors else 200
    )


@area_required(Area.CLIENT_WORK)
def by_name(request):
    team = _team_param(request)
    rows = selectors.by_name_list(actor=request.user, team=team)
    series = selectors.long_term_series(actor=request.user, team=team)
    target = selectors.long_term_target()
    return render(
        request,
        "reporting/by_name.html",
        {
            "rows": rows,
            "long_term": sum(r.long_term for r in rows),
            "series": series,
            "target": target,
            "chart": charts.long_term_chart(series, target),
            "teams": allowed_teams(request.user),
            "team": team,
        },
    )


def _team_param(request):
    value = request.GET.get("team", "")
    if not value:
        return None
    team = {str(t.pk): t for t in allowed_teams(request.user)}.get(value)
    if team is None:
        raise access.refusal(
            request.user,
            AuditAction.READ,
            object_type="core.Team",
            object_id=value[:64],
            reason="not_visible",
            status=404,
        )
    return team


@area_required(Area.CLIENT_WORK)
def by_name_export(request, fmt: str):
    """Team-internal export of the by-name list (personal data: no suppression; audited EXPORT)."""
    _check_format(fmt)
    team = _team_param(request)
    rows = selectors.by_name_list(actor=request.user, team=team, action=AuditAction.EXPORT)
    header = [
        _("Asiakas"),
        _("Asumistilanne"),
        _("Pitkäaikaisasunnoton"),
        _("Peruste"),
        _("Päiviä asunnottomana"),
        _("Viimeisin kontakti"),
        _("Vastuutyöntekijä"),
    ]
    body = [
        [
            r.client.display_name,
            r.status_label,
            _("kyllä") if r.long_term else _("ei"),
            r.reason,
            r.days_homeless,
            timezone.localtime(r.last_contact).strftime("%Y-%m-%d") if r.last_contact else "",
            r.responsible,
        ]
        for r in rows
    ]
    return exports.respond(fmt, f"kotipolku-nimilista-{timezone.localdate()}", header, body)


def _day_form(request):
    data = request.GET.copy()
    data.setdefault("on", timezone.localdate().isoformat())
    form = DayForm(data, actor=request.user)
    return form, (form.cleaned_data if form.is_valid() else None)


@area_required(Area.REPORTS)
def pit_view(request):
    form, data = _day_form(request)
    context = {"form": form}
    if data:
        count = pit.pit_count(actor=request.user, filters=data["filters"], on=data["on"])
        context.update(
            count=count,
            table=pit.pit_table(count, suppressed=False),
            query=request.GET.urlencode(),
            chart=charts.pit_chart(count),
        )
    return render(request, "reporting/pit.html", context, status=200 if data else 400)


@area_required(Area.REPORTS)
def pit_export(request, fmt: str):
    """The survey table for sending onward: counts 1-4 suppressed as "<5"; audited EXPORT."""
    _check_format(fmt)
    form, data = _day_form(request)
    if not data:
        return render(request, "reporting/pit.html", {"form": form}, status=400)
    count = pit.pit_count(actor=request.user, filters=data["filters"], on=data["on"], action=AuditAction.EXPORT)
    header, body = pit.pit_table(count, suppressed=True)
    return exports.respond(fmt, f"kotipolku-asunnottomat-{count.on}", header, body, title=str(count.on))


@area_required(Area.REPORTS)
def flow(request):
    form, filters = _filter_form(request)
    context = {"form": form}
    if filters is not None:
        rows = selectors.flow(actor=request.user, filters=filters)
        labels = dict(HousingStatus.choices)
        named = [(labels.get(a, a), labels.get(b, b), n) for a, b, n in rows]
        context.update(rows=named, chart=charts.flow_chart(named))
    return render(request, "reporting/flow.html", context, status=200 if filters else 400)


@area_required(Area.CLIENT_WORK)
def observation_create(request):
    form = ObservationForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.observation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        except PermissionDenied:
            raise
        else:
            messages.success(request, _("Havainto tallennettu. Kiitos!"))
            return redirect("reporting:observation-create")
    return render(request, "reporting/observation_form.html", {"form": form}, status=400 if form.errors else 200)


def _observations(request):
    if access.role_of(request.user) not in (Role.LEAD, Role.EDITOR, Role.ADMIN):
        raise access.refusal(
            request.user, AuditAction.READ, object_type="area", object_id="observations", reason="area"
        )
    form, filters = _filter_form(request)
    report = selectors.observation_report(actor=request.user, filters=filters) if filters else None
    return form, filters, report


@area_required(Area.STAFF)
def observation_report(request):
    form, filters, report = _observations(request)
    context = {"form": form, "report": report, "query": request.GET.urlencode(), "topics": dict(Topic.choices)}
    if report:
        context["chart"] = charts.observation_chart(report)
    return render(request, "reporting/observation_report.html", context, status=200 if report else 400)


@area_required(Area.STAFF)
def observation_export(request, fmt: str):
    _check_format(fmt)
    form, filters, report = _observations(request)
    if report is None:
        return render(request, "reporting/observation_report.html", {"form": form}, status=400)
    header = [
        _("Päivä"),
        _("Teema"),
        _("Ilmiö"),
        _("Alue"),
        _("Kuinka usein"),
        _("Esimerkki"),
        _("Ehdotus"),
        _("Tiimi"),
    ]
    body = [
        [
            timezone.localtime(o.created_at).strftime("%Y-%m-%d"),
            o.get_theme_display(),
            o.phenomenon,
            o.municipality,
            o.get_frequency_display(),
            o.example,
            o.proposal,
            o.team.name,
        ]
        for o in report["observations"]
    ]
    return exports.respond(fmt, f"kotipolku-havainnot-{filters.period.start}-{filters.period.end}", header, body)
