"""The SQL of query.py against a plain-Python reading of the same rules, for random filter combinations.

Every SQL form is checked: the id list the search starts from, the EXISTS probes after another filter,
the list-order walk for long lists, open now from the interval rows and from the fallback outside
their window, and the page/count split of selectors.page_of.
"""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kotipolku.services import hours, open_index, query, selectors
from kotipolku.services.models import SearchTerm, Service
from kotipolku.services.search import query_alternatives
from kotipolku.services.tests.conftest import weekdays

MONDAY = date(2026, 11, 23)
WORDS = ["", "ruoka", "ruoanjako", "ruoka-apu", "päiväkeskukseen", "keskus", "neuvonta", "suihku", "pankki", "day"]
MUNICIPALITIES = ["", "091", "092", "186"]
CATEGORIES = ["", "food_aid", "day_centre", "housing_counselling"]
GROUPS = ["", "young_people", "everyone"]
LANGUAGES = ["", "fi", "en"]
# Monday 10:00, Monday 23:30 (only the night shelter), Saturday noon, and Tuesday 02:00 across midnight
MOMENTS = [
    datetime(2026, 11, 23, 10, tzinfo=hours.HELSINKI),
    datetime(2026, 11, 23, 23, 30, tzinfo=hours.HELSINKI),
    datetime(2026, 11, 28, 12, tzinfo=hours.HELSINKI),
    datetime(2026, 11, 24, 2, tzinfo=hours.HELSINKI),
]


@pytest.fixture
def directory(make_service):
    office = weekdays(range(5), "09:00", "16:00")
    make_service("food", name="Ruoka-apu Kallio", categories=["food_aid"], municipalities=["091"], hours=office)
    make_service(
        "share",
        name="Ruoanjako Tikkurila",
        description="Ruokaa ja kahvia.",
        categories=["food_aid"],
        municipalities=["092"],
        target_groups=["everyone"],
        hours=weekdays(range(7), "11:00", "13:00"),
    )
    make_service(
        "day",
        name="Päiväkeskus Majakka",
        description="Suihku ja pyykinpesu.",
        categories=["day_centre"],
        municipalities=["092", "186"],
        languages=["fi", "en"],
        hours=weekdays(range(6), "10:00", "18:00"),
    )
    make_service(
        "night",
        name="Yömaja",
        categories=["day_centre"],
        municipalities=["186"],
        target_groups=["young_people"],
        hours=weekdays(range(7), "20:00", "08:00", overnight=True),
        open_on_holidays=True,
    )
    make_service(
        "advice",
        name="Asumisneuvonta",
        categories=["housing_counselling"],
        municipalities=["091", "092"],
        languages=["fi"],
        hours=office,
        exceptions=[{"date": "2026-11-23", "closed": True}],
    )
    make_service(
        "referral",
        name="Asumisneuvonta lähetteellä",
        categories=["housing_counselling"],
        municipalities=["091"],
        requires_referral=True,
        hours=office,
    )
    make_service("example", name="Ruoka-apu esimerkki", categories=["food_aid"], is_example=True, hours=office)
    make_service("hidden", name="Ruoka-apu suljettu", categories=["food_aid"], hours=office)
    Service.objects.filter(stable_id="hidden").update(is_active=False)
    return list(Service.objects.all())


def expected_ids(services: list[Service], f: query.SearchFilters) -> list[int]:
    """The rules of the search in plain Python: every word, every code, open now by hours.py."""
    terms: dict[int, set[str]] = {}
    for sid, term in SearchTerm.objects.values_list("service_id", "term"):
        terms.setdefault(sid, set()).add(term)
    words = query_alternatives(f.q, f.lang)
    loaded = {s.pk: s for s in selectors.with_display_data(list(services), at=f.at)}
    hits = []
    for s in services:
        has = terms.get(s.pk, set())
        if not s.is_active or (s.requires_referral and not f.include_referral):
            continue
        if not all(has.intersection(whole) or any(has.issuperset(p) for p in readings) for whole, readings in words):
            continue
        codes = loaded[s.pk].display_codes
        wanted = [
            ("municipalities", f.municipality),
            ("categories", f.category),
            ("target_groups", f.target_group),
            ("languages", f.language),
        ]
        if any(code and code not in codes[name] for name, code in wanted):
            continue
        if f.open_now and not hours.is_open(hours.schedule_of(loaded[s.pk]), f.at):
            continue
        hits.append(s)
    hits.sort(key=lambda s: (s.is_example, s.name_fi, s.pk))
    return [s.pk for s in hits]


filters = st.builds(
    query.SearchFilters,
    q=st.sampled_from(WORDS),
    municipality=st.sampled_from(MUNICIPALITIES),
    category=st.sampled_from(CATEGORIES),
    target_group=st.sampled_from(GROUPS),
    language=st.sampled_from(LANGUAGES),
    open_now=st.booleans(),
    include_referral=st.booleans(),
    at=st.sampled_from(MOMENTS),
    lang=st.sampled_from(["fi", "sv", "en"]),
)


def check(directory, f: query.SearchFilters) -> None:
    want = expected_ids(directory, f)
    assert query.ids(f) == want
    assert query.ids(f, walk=True) == want
    assert query.count(f) == len(want)
    assert query.ids(f, limit=2, offset=1, walk=True) == want[1:3]
    page, total = selectors.page_of(f, page=2, size=2)
    assert ([s.pk for s in page], total) == (want[2:4], len(want))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(f=filters)
def test_sql_agrees_with_the_rules_using_interval_rows(directory, f):
    """Inside the open-now window (rows computed by open_index), every form gives the rules' answer."""
    if not open_index.covers(MONDAY + timedelta(days=4)):
        open_index.refresh(today=MONDAY, days_ahead=6)
    check(directory, f)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(f=filters)
def test_sql_agrees_with_the_rules_outside_the_window(directory, f):
    """Without interval rows the fallback (SQL on weekly hours plus hours.py) is embedded and agrees."""
    assert open_index.window() is None
    check(directory, f)


@pytest.mark.parametrize("municipality", ["", "091", "092"])
def test_every_word_in_every_form(directory, municipality):
    """Each query word alone and after a municipality: text as the id list, as a probe and in the walk."""
    for word in WORDS:
        for lang in ("fi", "sv", "en"):
            check(directory, query.SearchFilters(q=word, municipality=municipality, lang=lang, at=MOMENTS[0]))


def test_the_rules_see_what_the_fixture_means(directory):
    """The oracle itself is not vacuous: known answers for a few searches."""
    by_id = {s.pk: s.stable_id for s in directory}

    def names(**kw):
        return [by_id[i] for i in expected_ids(directory, query.SearchFilters(**kw))]

    assert names(q="ruoanjako") == ["share", "food", "example"]
    assert names(open_now=True, at=MOMENTS[1]) == ["night"]
    assert "advice" not in names(open_now=True, at=MOMENTS[0])  # closed by an exception that Monday
    assert "referral" not in names(q="asumisneuvonta")
    assert "referral" in names(q="asumisneuvonta", include_referral=True)
    assert "hidden" not in names()
    assert names()[-1] == "example"  # examples last
