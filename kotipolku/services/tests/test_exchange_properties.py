"""Properties of the HSDS and CSV imports for generated services and generated garbage: valid services
round-trip export → import → identical and re-import changes nothing; any other file is refused with
line-numbered errors (never another exception) and leaves the database exactly as it was."""

import contextlib
import csv
import io
import json

import pytest
from django.db import transaction
from hypothesis import example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kotipolku.core.models import AuditEvent
from kotipolku.services.exchange import ImportResult, csv_import, hsds
from kotipolku.services.models import Location, OpeningException, OpeningPeriod, Organisation, Service
from kotipolku.services.services import LANGS, TEXT_FIELDS, normalise, service_to_dict, service_upsert
from kotipolku.services.tests.strategies import json_values, mutated, valid_service, valid_services

pytestmark = pytest.mark.django_db

WEEKDAY_FI = ["ma", "ti", "ke", "to", "pe", "la", "su"]


@contextlib.contextmanager
def rolled_back():
    """Each generated example starts from the same database: its writes are rolled back."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def snapshot() -> tuple:
    """What a refused import must not change: every row count, each service's last change, the audit log."""
    counts = [m.objects.count() for m in (Service, Organisation, Location, OpeningPeriod, OpeningException, AuditEvent)]
    return counts, list(Service.objects.order_by("stable_id").values_list("stable_id", "updated_at", "name_fi"))


@pytest.fixture
def existing(db):
    """Two services already in the compass, which a refused file must leave untouched."""
    service_upsert(
        actor="system",
        data={"id": "olemassa", "name": "Päiväkeskus", "categories": ["day_centre"], "municipalities": ["092"]},
    )
    service_upsert(
        actor="system",
        data={
            "id": "toinen",
            "name": {"fi": "Ruoka-apu", "sv": "Mathjälp"},
            "categories": ["food_aid"],
            "municipalities": ["106"],
            "hours": [{"weekday": 0, "opens": "09:00", "closes": "15:00"}],
            "organisation": {"id": "org-x", "name": "Yhdistys"},
        },
    )


def assert_refused_cleanly(result: ImportResult, before: tuple) -> None:
    """A refused file: every error says where (line, or the item) and why; nothing was written."""
    assert isinstance(result, ImportResult)
    if result.ok:
        return
    assert result.created_or_updated == 0 and result.unchanged == 0
    for error in result.errors:
        assert isinstance(error.line, int) and error.line >= 0
        assert error.ref and error.reason
        assert str(error.line) in str(error)
    assert snapshot() == before


# --- valid services round-trip ----------------------------------------------------------------------


@hsettings(max_examples=20)
@given(valid_services())
def test_hsds_round_trip_of_generated_services_is_identical_and_idempotent(db, services):
    """Export → wipe → import → export gives the same document; importing it again changes nothing."""
    with rolled_back():
        for data in services:
            service_upsert(actor="system", data=data)
        expected = {d["id"]: normalise(d) for d in services}
        first = hsds.dumps(hsds.export_document())
        Service.objects.all().delete()
        Organisation.objects.all().delete()
        Location.objects.all().delete()
        result = hsds.import_text(first)
        assert result.ok, [str(e) for e in result.errors]
        assert result.created_or_updated == len(services)
        assert hsds.dumps(hsds.export_document()) == first
        for service in Service.objects.all():
            assert service_to_dict(service) == expected[service.stable_id]
        again = hsds.import_text(first)
        assert (again.ok, again.created_or_updated, again.unchanged) == (True, 0, len(services))


def _csv_hours(hours) -> str:
    if hours == "24/7":
        return "24/7"
    return "; ".join(
        f"{WEEKDAY_FI[p['weekday']]} {p['opens']}-{p['closes']}{' yö' if p['overnight'] else ''}" for p in hours
    )


def service_as_csv(services: list[dict], *, delimiter: str = ",") -> str:
    columns = ["id"] + [f"{f}_{lang}" for f in TEXT_FIELDS for lang in LANGS]
    columns += ["categories", "municipalities", "target_groups", "languages", "phone", "email", "website"]
    columns += ["hours", "last_verified", "is_example", "open_on_holidays", "requires_referral"]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter=delimiter)
    writer.writeheader()
    for data in services:
        row = {"id": data["id"], "hours": _csv_hours(data["hours"]), "last_verified": data["last_verified"] or ""}
        for f in TEXT_FIELDS:
            for lang in LANGS:
                row[f"{f}_{lang}"] = data[f][lang]
        for f in ("categories", "municipalities", "target_groups", "languages"):
            row[f] = ",".join(data[f])
        for f in ("phone", "email", "website"):
            row[f] = data[f]
        for f in ("is_example", "open_on_holidays", "requires_referral"):
            row[f] = "1" if data[f] else "0"
        writer.writerow(row)
    return out.getvalue()


def _csv_only(data: dict) -> dict:
    return {**data, "exceptions": [], "organisation": None, "location": None}


@hsettings(max_examples=20)
@given(valid_services().map(lambda services: [_csv_only(s) for s in services]), st.sampled_from([",", ";"]))
def test_csv_import_of_generated_services_gives_them_exactly_and_is_idempotent(db, services, delimiter):
    """A CSV written from valid services imports them field for field; importing it again changes nothing."""
    text = service_as_csv(services, delimiter=delimiter)
    with rolled_back():
        result = csv_import.import_text(text)
        assert result.ok, [str(e) for e in result.errors]
        assert result.created_or_updated == len(services)
        for data in services:
            assert service_to_dict(Service.objects.get(stable_id=data["id"])) == normalise(data)
        again = csv_import.import_text(text)
        assert (again.ok, again.created_or_updated, again.unchanged) == (True, 0, len(services))


# --- anything else is refused whole, with line numbers ------------------------------------------------


@st.composite
def broken_hsds_documents(draw):
    services = draw(valid_services(max_size=2))
    document = {"services": [hsds.service_to_hsds(normalise(s)) for s in services]}
    return draw(mutated(document))


@hsettings(max_examples=60)
@given(broken_hsds_documents())
@example({"services": [{"id": "x", "name": "X", "x_kotipolku": {"target_groups": 5}}]})
@example({"services": [{"id": "x", "name": "X", "service_areas": [{"x_code": 1.5}]}]})
@example({"services": [{"id": "x", "name": "X", "languages": [{"code": {"a": 1}}], "attributes": [1]}]})
@example({"services": [{"id": "x", "name": "Nimi\x00", "attributes": [{"taxonomy_term": {"code": "food_aid"}}]}]})
@example(
    {
        "services": [
            {
                "id": "x",
                "service_at_locations": [{"location": {"id": "l", "addresses": [{"x_municipality_code": 9.5}]}}],
            }
        ]
    }
)
def test_mutated_hsds_files_are_refused_with_line_numbers_and_change_nothing(existing, document):
    before = snapshot()
    with rolled_back():
        result = hsds.import_text(json.dumps(document, ensure_ascii=False, indent=2))
        assert_refused_cleanly(result, before)


@hsettings(max_examples=50)
@given(json_values)
@example("[" * 5000)  # deeper than Python's recursion limit
@example('{"services": ' + "[" * 3000 + "]" * 3000 + "}")
def test_arbitrary_json_is_refused_cleanly(existing, value):
    text = value if isinstance(value, str) and value.startswith(("[", "{")) else json.dumps(value)
    before = snapshot()
    with rolled_back():
        assert_refused_cleanly(hsds.import_text(text), before)


@hsettings(max_examples=50)
@given(st.text(max_size=200))
@example("{")
@example("\ufeff")
def test_arbitrary_text_as_hsds_is_refused_cleanly(existing, text):
    before = snapshot()
    with rolled_back():
        assert_refused_cleanly(hsds.import_text(text), before)


CSV_CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", "food_aid", "092", "Vantaa", "ma-pe 9-15", "su 20-8 yö", "24/7", "kyllä", "maybe", "2026-13-01", "25:00",
         "x" * 300, "\x00", "a\rb", '"', "olemassa", "info@", "ftp://x", "1.5", "ma-xx 9-15", "ma 15-9"]
    ),
)  # fmt: skip
CSV_HEADERS = ["id", "name_fi", "name_sv", "categories", "municipalities", "hours", "is_example", "email", "website",
               "last_verified", "phone", "languages", "target_groups", "description_fi", "cost_en", "bogus"]  # fmt: skip


@st.composite
def broken_csv_files(draw):
    header = draw(st.lists(st.sampled_from(CSV_HEADERS), min_size=1, max_size=8, unique=True))
    rows = draw(st.lists(st.lists(CSV_CELLS, min_size=0, max_size=len(header) + 1), max_size=4))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@hsettings(max_examples=80)
@given(st.one_of(broken_csv_files(), st.text(max_size=200)))
@example("id,name_fi,categories,municipalities\nuusi,Nimi,food_aid,092\nx,\rY,food_aid,092\n")  # bare CR
@example("id,name_fi\n" + "a" * 200_000 + "\n")  # a field over the csv module's limit
@example("id,name_fi,categories,municipalities\nuusi,Nimi\x00,food_aid,092\n")  # NUL (PostgreSQL refuses it)
@example("id;hours\nolemassa;ma 15-9\n")
@example("id,email\nolemassa,info@\n")
def test_arbitrary_csv_is_refused_with_line_numbers_and_changes_nothing(existing, text):
    before = snapshot()
    with rolled_back():
        result = csv_import.import_text(text)
        assert_refused_cleanly(result, before)
        for error in result.errors:
            assert error.line >= 1  # CSV errors always name a line (the header is line 1)


@hsettings(max_examples=15)
@given(valid_service("olemassa").map(_csv_only), st.data())
def test_one_bad_row_refuses_the_whole_csv_file(existing, good, data):
    """A valid row next to a broken one is not imported either; the error names the broken row's line."""
    bad = dict(good, id="rikki", categories=[data.draw(st.sampled_from(["nope", "food aid", "day-centre"]))])
    text = service_as_csv([good, bad])
    before = snapshot()
    with rolled_back():
        result = csv_import.import_text(text)
        assert not result.ok
        assert {e.ref for e in result.errors} == {"id=rikki"}
        assert result.errors[0].line == text.count("\n")  # the last physical line (texts may hold line breaks)
        assert snapshot() == before
