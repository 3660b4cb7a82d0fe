"""Hypothesis strategies for the service compass: valid service dicts (the YAML/import layout), arbitrary
JSON values and mutations of a JSON document."""

import datetime as dt
import string

from hypothesis import strategies as st

from kotipolku.services.codes import CategoryCode, LanguageCode, MunicipalityCode, TargetGroupCode
from kotipolku.services.hours import weekly_overlaps

# Letters Finnish, Swedish and English texts use, punctuation that CSV and JSON must quote, and a line
# break inside a text; no NUL and no outer spaces (the importers strip them, so they do not round-trip).
TEXT_ALPHABET = string.ascii_letters + string.digits + "åäöÅÄÖéü .,;:'\"-–()/!?€&\n"
texts = st.text(TEXT_ALPHABET, max_size=30).map(str.strip)
names = st.text(TEXT_ALPHABET, min_size=1, max_size=30).map(str.strip).filter(bool)
ids = st.from_regex(r"\A[a-z][a-z0-9-]{0,15}\Z")


def lang_texts(required: bool = False):
    return st.fixed_dictionaries({"fi": names if required else texts, "sv": texts, "en": texts})


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def weekly_hours(draw) -> list[dict]:
    """Up to one period a day on a 15-minute grid: daytime (closes after opens, or at midnight) or
    overnight (closes the next morning); overlapping weeks are filtered out."""
    periods = []
    for weekday in range(7):
        kind = draw(st.sampled_from(["closed", "day", "day", "night"]))
        if kind == "day":
            opens = draw(st.integers(0, 94)) * 15
            closes = draw(st.integers(opens // 15 + 1, 96 if opens else 95)) * 15
            periods.append(
                {"weekday": weekday, "opens": clock(opens), "closes": clock(closes % 1440), "overnight": False}
            )
        elif kind == "night":
            opens = draw(st.integers(48, 95)) * 15
            closes = draw(st.integers(0, 48)) * 15
            periods.append({"weekday": weekday, "opens": clock(opens), "closes": clock(closes), "overnight": True})
    parsed = [(p["weekday"], dt.time.fromisoformat(p["opens"]), dt.time.fromisoformat(p["closes"])) for p in periods]
    if weekly_overlaps(parsed):
        periods = [p for p in periods if not p["overnight"]]
    return periods


@st.composite
def exceptions(draw) -> list[dict]:
    days = draw(st.lists(st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)), max_size=3, unique=True))
    out = []
    for day in days:
        note = draw(st.fixed_dictionaries({"fi": texts, "sv": texts, "en": texts}))
        if draw(st.booleans()):
            out.append({"date": day.isoformat(), "closed": True, "note": note})
        else:
            opens = draw(st.integers(0, 90)) * 15
            closes = draw(st.integers(opens // 15 + 1, 95)) * 15
            out.append({"date": day.isoformat(), "opens": clock(opens), "closes": clock(closes), "note": note})
    return out


def coordinates():
    return st.one_of(
        st.just((None, None)),
        st.tuples(
            st.integers(59_000_000, 71_000_000).map(lambda v: v / 1_000_000),
            st.integers(19_000_000, 32_000_000).map(lambda v: v / 1_000_000),
        ),
    )


@st.composite
def valid_service(draw, sid: str) -> dict:
    """A service in the input layout that every importer accepts; its org and location ids are its own."""
    data = {
        "id": sid,
        "name": draw(lang_texts(required=True)),
        "description": draw(lang_texts()),
        "eligibility": draw(lang_texts()),
        "cost": draw(lang_texts()),
        "accessibility": draw(lang_texts()),
        "hours_note": draw(lang_texts()),
        "categories": draw(st.lists(st.sampled_from(CategoryCode.values), min_size=1, max_size=3, unique=True)),
        "target_groups": draw(st.lists(st.sampled_from(TargetGroupCode.values), max_size=3, unique=True)),
        "languages": draw(st.lists(st.sampled_from(LanguageCode.values), max_size=3, unique=True)),
        "municipalities": draw(st.lists(st.sampled_from(MunicipalityCode.values), min_size=1, max_size=3, unique=True)),
        "phone": draw(st.from_regex(r"\A(0[0-9]{1,3} [0-9]{3,8})?\Z")),
        "email": draw(st.sampled_from(["", "info@example.org", "neuvonta@esimerkki.fi"])),
        "website": draw(st.sampled_from(["", "https://example.org/", "https://esimerkki.fi/palvelu?id=1"])),
        "requires_referral": draw(st.booleans()),
        "open_on_holidays": draw(st.booleans()),
        "is_example": draw(st.booleans()),
        "hours": draw(st.one_of(weekly_hours(), st.just("24/7"))),
        "exceptions": draw(exceptions()),
        "last_verified": draw(st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2026, 11, 1)).map(str))),
    }
    if draw(st.booleans()):
        data["organisation"] = {"id": f"org-{sid}", "name": draw(lang_texts(required=True)), "website": ""}
    if draw(st.booleans()):
        lat, lon = draw(coordinates())
        data["location"] = {
            "id": f"loc-{sid}",
            "name": draw(lang_texts()),
            "municipality": draw(st.sampled_from(MunicipalityCode.values)),
            "street_address": draw(texts),
            "postal_code": draw(st.from_regex(r"\A([0-9]{5})?\Z")),
            "latitude": lat,
            "longitude": lon,
            "accessibility": draw(lang_texts()),
        }
    return data


def valid_services(max_size: int = 3):
    return st.lists(ids, min_size=1, max_size=max_size, unique=True).flatmap(
        lambda sids: st.tuples(*[valid_service(s) for s in sids]).map(list)
    )


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["", "24/7", "MO", "WEEKLY", "092", "food_aid", "2026-12-24", "25:00", "\x00", "a\rb"]),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


@st.composite
def mutated(draw, document, *, times: int = 3):
    """The document with up to `times` values replaced by arbitrary JSON or removed."""
    import copy

    doc = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, times))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        if draw(st.booleans()) or not isinstance(parent, dict):
            parent[path[-1]] = draw(json_values)
        else:
            del parent[path[-1]]
    return doc
