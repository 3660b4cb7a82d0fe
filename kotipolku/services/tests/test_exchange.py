"""HSDS JSON and CSV exchange: round trip, idempotent re-import, all-or-nothing with line numbers."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kotipolku.services.exchange import csv_import, hsds
from kotipolku.services.models import Location, Organisation, Service
from kotipolku.services.tests.conftest import weekdays


@pytest.fixture
def rich(make_service):
    make_service(
        "rich",
        name={"fi": "Päiväkeskus", "sv": "Dagcenter", "en": "Day centre"},
        description={"fi": "Kuvaus", "en": "Description"},
        categories=["day_centre", "food_aid"],
        target_groups=["young_people"],
        languages=["fi", "sv"],
        municipalities=["106", "186"],
        phone="09 123",
        website="https://example.org/",
        hours=weekdays(range(5), "09:00", "15:00") + weekdays([5], "20:00", "08:00", overnight=True),
        exceptions=[
            {"date": "2026-12-24", "opens": "09:00", "closes": "12:00", "note": {"fi": "Aatto", "sv": "Afton"}},
            {"date": "2026-12-31", "closed": True},
        ],
        open_on_holidays=True,
        last_verified="2026-11-01",
        organisation={"id": "org-1", "name": {"fi": "Yhdistys", "sv": "Förening"}},
        location={
            "id": "loc-1",
            "municipality": "106",
            "street_address": "Esimerkkikatu 1",
            "postal_code": "05800",
            "latitude": 60.63,
            "longitude": 24.86,
            "accessibility": {"fi": "Esteetön sisäänkäynti"},
        },
    )
    make_service("plain", hours="24/7", is_example=True)


def test_hsds_round_trip_is_identical(rich):
    """Export → wipe → import → export gives the identical document; re-import changes nothing."""
    first = hsds.dumps(hsds.export_document())
    Service.objects.all().delete()
    Organisation.objects.all().delete()
    Location.objects.all().delete()
    result = hsds.import_text(first)
    assert result.ok and result.created_or_updated == 2
    assert hsds.dumps(hsds.export_document()) == first
    again = hsds.import_text(first)
    assert (again.created_or_updated, again.unchanged) == (0, 2)


def test_hsds_uses_hsds_field_names(rich):
    """The export uses HSDS names: schedules with freq/byday, service_at_locations, assured_date."""
    doc = hsds.export_document()
    item = next(s for s in doc["services"] if s["id"] == "rich")
    assert item["assured_date"] == "2026-11-01"
    assert {"freq": "WEEKLY", "byday": "SA", "opens_at": "20:00", "closes_at": "08:00"}.items() <= item["schedules"][
        5
    ].items()
    assert item["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "05800"
    assert item["attributes"][0]["taxonomy_term"]["code"] == "day_centre"


def test_bad_hsds_file_is_refused_whole_with_line_numbers(rich):
    """One bad service refuses the whole file; each problem names its line; the good service is not changed."""
    doc = hsds.export_document()
    doc["services"][0]["name"] = "Uusi nimi"
    doc["services"][1]["service_areas"] = [{"id": "x", "name": "Atlantis"}]
    doc["services"].append({"id": "broken", "name": "Rikki", "schedules": [{"freq": "WEEKLY", "byday": "XX"}]})
    text = hsds.dumps(doc)
    result = hsds.import_text(text)
    assert not result.ok
    assert Service.objects.get(stable_id="plain").name_fi == "plain"
    reasons = " | ".join(str(e) for e in result.errors)
    assert "Atlantis" in reasons and "byday" in reasons
    line = text.splitlines()[result.errors[0].line - 1]
    assert '"id"' in line


def test_malformed_json_reports_line():
    """Malformed JSON is refused with its line number."""
    result = hsds.import_text('{"services": [\n  {"id": "a",\n}')
    assert not result.ok and result.errors[0].line == 3


def test_hsds_import_refuses_impossible_hours(db):
    """End before start without overnight is refused from HSDS too."""
    item = {
        "id": "h",
        "name": "H",
        "attributes": [{"taxonomy_term": {"code": "food_aid"}}],
        "service_areas": [{"x_code": "092"}],
        "schedules": [{"freq": "WEEKLY", "byday": "MO", "opens_at": "20:00", "closes_at": "08:00"}],
    }
    result = hsds.import_text(json.dumps({"services": [item]}))
    assert not result.ok and "hours" in result.errors[0].reason
    assert not Service.objects.exists()


CSV = """id;name_fi;name_sv;categories;municipalities;hours;last_verified;is_example
csv-1;Ruokapiste;Matpunkt;food_aid;Vantaa;ma-pe 9-15; la 10-14;2026-11-20;ei
csv-2;Yöpaikka;;emergency_shelter;092,245;su-la 20-8 yö;;1
"""


def test_csv_import_and_idempotent_reimport(db):
    """A CSV creates services; importing it again changes nothing."""
    text = CSV.replace("ma-pe 9-15; la 10-14", '"ma-pe 9-15; la 10-14"')
    result = csv_import.import_text(text)
    assert result.ok, [str(e) for e in result.errors]
    assert result.created_or_updated == 2
    s1 = Service.objects.get(stable_id="csv-1")
    assert s1.periods.count() == 6 and s1.name_sv == "Matpunkt"
    assert Service.objects.get(stable_id="csv-2").periods.filter(overnight=True).count() == 7
    again = csv_import.import_text(text)
    assert (again.created_or_updated, again.unchanged) == (0, 2)


def test_csv_keeps_columns_it_does_not_have(rich):
    """A CSV with only id and name_fi renames the service and keeps its hours and exceptions."""
    result = csv_import.import_text("id,name_fi\nrich,Uusi päiväkeskus\n")
    assert result.ok
    service = Service.objects.get(stable_id="rich")
    assert service.name_fi == "Uusi päiväkeskus" and service.name_sv == "Dagcenter"
    assert service.exceptions.count() == 2 and service.periods.count() == 6


def test_bad_csv_reports_every_bad_row_and_imports_nothing(db):
    """Every bad row is reported with its line and reason; the good row is not imported."""
    text = (
        "id,name_fi,categories,municipalities,hours\n"
        "ok,Hyvä,food_aid,092,ma 9-12\n"
        "bad-1,Huono,soup,092,\n"
        "bad-2,Huono,food_aid,Espoo,\n"
        "bad-3,Huono,food_aid,092,ma 20-8\n"
        "bad-4,Huono,food_aid,092,ma 9-12; ma 11-13\n"
        "bad-5,Huono,food_aid,092,joskus\n"
        ",Ei id:tä,food_aid,092,\n"
    )
    result = csv_import.import_text(text)
    assert not result.ok
    assert not Service.objects.exists()
    lines = {e.line for e in result.errors}
    assert lines == {3, 4, 5, 6, 7, 8}
    assert any("Espoo" in e.reason for e in result.errors)


def test_commands_exit_with_error_and_summary(tmp_path, rich, capsys):
    """The commands print every bad row and fail; a good file prints the summary line."""
    good = tmp_path / "s.json"
    call_command("services_export_hsds", output=str(good))
    call_command("services_import_hsds", str(good))
    assert "0 created or updated, 2 unchanged" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name_fi,categories,municipalities\nx,X,nope,092\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("services_import_csv", str(bad))
    assert "line 2" in capsys.readouterr().err


@pytest.mark.django_db
def test_hsds_export_on_a_full_disk_is_a_clear_error_and_no_partial_file(tmp_path):
    """--output on a full disk: CommandError naming the file; standard output to /dev/full: the same."""
    import contextlib
    import errno
    import os
    from unittest import mock

    from kotipolku.core import files

    target = tmp_path / "hsds.json"
    full = OSError(errno.ENOSPC, "No space left on device")
    with mock.patch.object(files.os, "write", side_effect=full), pytest.raises(CommandError) as error:
        call_command("services_export_hsds", output=str(target))
    assert str(target) in str(error.value) and "the disk is full" in str(error.value)
    assert list(tmp_path.iterdir()) == []
    if os.path.exists("/dev/full"):
        stream = open("/dev/full", "w")  # noqa: SIM115 - closing flushes again and fails again
        with pytest.raises(CommandError, match="Cannot write to standard output: the disk is full"):
            call_command("services_export_hsds", stdout=stream)
        with contextlib.suppress(OSError):
            stream.close()
