"""Reporting API: aggregate KPIs for leads and admins (staff session)."""

from ninja import Router
from ninja.errors import HttpError

from kotipolku.core import access
from kotipolku.core.access import Area
from kotipolku.core.api import actor_of, staff_auth
from kotipolku.reporting import selectors
from kotipolku.reporting.filters import FilterError, parse_filters

router = Router(tags=["reports"], auth=staff_auth)


@router.get("/reports/kpis", url_name="reports-kpis", response={200: dict, 400: dict})
def kpis(request, start: str = "", end: str = "", team: str = "", municipality: str = ""):
    """Outcome KPIs for [start, end] (ISO dates, both inclusive), optionally one team or
    municipality, within the caller's teams. Shares are percentages; see docs/reporting.md."""
    actor = actor_of(request)
    access.require_area(actor, Area.REPORTS)
    try:
        filters = parse_filters(actor=actor, start=start, end=end, team=team or None, municipality=municipality)
    except FilterError as exc:
        raise HttpError(400, exc.errors) from None
    return selectors.dashboard(actor=actor, filters=filters).as_api()
