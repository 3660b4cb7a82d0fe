"""Point-in-time count in the survey's categories, and small-cell suppression in its export."""

import csv
import io

import pytest
from openpyxl import load_workbook

from kotipolku.clients.models import Client, HousingPeriod
from kotipolku.core.models import AuditEvent
from kotipolku.reporting import pit
from kotipolku.reporting.filters import Filters
from kotipolku.reporting.kpis import Period

from .conftest import d

pytestmark = pytest.mark.django_db
ON = "2025-06-30"


def hetu(ddmmyy: str, sign: str) -> str:
    """A valid temporary identity code (individual number 900) for a birth date."""
    n = int(ddmmyy + "900")
    return f"{ddmmyy}{sign}900{'0123456789ABCDEFHJKLMNPRSTUVWXY'[n % 31]}"


def _homeless(team, status, *, start="2025-01-01", gender="", code=None):
    c = Client.objects.create(nickname="x", gender=gender, henkilotunnus=code)
    c.teams.add(team)
    HousingPeriod.objects.create(client=c, status=status, start_date=d(start))
    return c


def test_suppress_small_cells():
    """1-4 become "<5"; 0 and 5 stay."""
    assert [pit.suppress(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


def test_pit_categories_and_columns(team_a, lead):
    """On 30.6.2025: outdoors: woman born 2005 (19, identified), man born 1970, contact without a
    code, outdoors since 2023 (long-term); friends: one woman without a code.
    outdoors: persons 4, long-term 1, young 1, age unknown 2, women 1; friends: 1/0/0/1/1."""
    _homeless(team_a, "outdoors_shelter", gender="female", code=hetu("010105", "A"))
    _homeless(team_a, "outdoors_shelter", gender="male", code=hetu("010170", "-"))
    _homeless(team_a, "outdoors_shelter")
    _homeless(team_a, "outdoors_shelter", start="2023-01-01")
    _homeless(team_a, "friends_relatives", gender="female")
    count = pit.pit_count(actor=lead, filters=Filters(Period(d(ON), d(ON))), on=d(ON))
    rows = {r["status"]: r for r in count.rows}
    out = rows["outdoors_shelter"]
    assert (out["persons"], out["long_term"], out["young"], out["age_unknown"], out["women"]) == (4, 1, 1, 2, 1)
    fr = rows["friends_relatives"]
    assert (fr["persons"], fr["long_term"], fr["young"], fr["age_unknown"], fr["women"]) == (1, 0, 0, 1, 1)
    assert count.total["persons"] == 5


def test_pit_export_suppresses_and_is_audited(team_a, as_lead):
    """The CSV export shows 4 outdoors persons as "<5", the total 5 as 5, and immigrants as 'ei
    kirjattu'; the export writes an EXPORT audit event."""
    for _ in range(4):
        _homeless(team_a, "outdoors_shelter")
    _homeless(team_a, "dormitory_hostel")
    r = as_lead.get(f"/fi/staff/raportit/poikkileikkaus.csv?on={ON}")
    assert r.status_code == 200
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1] == "<5"
    total = next(row for row in rows if row[0] == "Yhteensä")
    assert total[1] == "5" and total[-1] == "ei kirjattu"
    assert AuditEvent.objects.filter(object_type="reporting.pit", action="export").count() == 1


def test_pit_xlsx_export_in_survey_layout(team_a, as_lead):
    """The XLSX has the header row and one row per survey category, plus total and families."""
    _homeless(team_a, "institution")
    r = as_lead.get(f"/fi/staff/raportit/poikkileikkaus.xlsx?on={ON}")
    ws = load_workbook(io.BytesIO(r.content)).active
    values = list(ws.values)
    assert values[0][0] == "Asumistilanne"
    assert len(values) == 1 + len(pit.CATEGORIES) + 2
    assert values[3][1] == "<5"  # institution row


def test_pit_future_day_is_a_field_error(as_lead):
    """A count for a future day is refused with 400 and a field error, not a 500."""
    r = as_lead.get("/fi/staff/raportit/poikkileikkaus/?on=2999-01-01")
    assert r.status_code == 400


def test_birth_date_cache_follows_identity_code_changes(team_a):
    """The first count caches the birth date; a changed identity code (new hash) makes the cache
    stale, so the new code's birth date is used and the cache is rewritten."""
    from kotipolku.reporting.models import BirthDateCache

    c = _homeless(team_a, "outdoors_shelter", code=hetu("010105", "A"))
    assert pit.client_facts([c.pk])[c.pk][1] == d("2005-01-01")
    assert BirthDateCache.objects.get(client=c).birth_date == d("2005-01-01")
    c.henkilotunnus = hetu("010170", "-")
    c.save()
    assert pit.client_facts([c.pk])[c.pk][1] == d("1970-01-01")
    assert BirthDateCache.objects.get(client=c).birth_date == d("1970-01-01")
    c.henkilotunnus = None
    c.save()
    assert pit.client_facts([c.pk])[c.pk][1] is None
