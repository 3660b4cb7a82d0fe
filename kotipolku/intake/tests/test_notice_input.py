"""The notice validator and CSV reader shared by the single, batch and CSV endpoints."""

import datetime as dt

import pytest

from kotipolku.intake.notice_input import CsvError, csv_rows, validate_notice
from kotipolku.intake.tests.factories import notice_payload, synthetic_hetu

TODAY = dt.date(2026, 11, 23)


def fields_of(errors):
    return {e["field"] for e in errors}


def test_valid_notice_gives_data_and_birth_date_from_the_code():
    """A valid notice is returned as data; the birth date is read from the identity code."""
    data, errors = validate_notice(notice_payload(), today=TODAY)
    assert errors == [] and data.tenant_birth_date == dt.date(1990, 4, 3)
    assert str(data.amount_eur) == "1450.00"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount_eur": True}, "amount_eur"),
        ({"amount_eur": "12,345"}, "amount_eur"),
        ({"amount_eur": "NaN"}, "amount_eur"),
        ({"months_in_arrears": 1.5}, "months_in_arrears"),
        ({"months_in_arrears": 0}, "months_in_arrears"),
        ({"months_in_arrears": -1}, "months_in_arrears"),
        ({"notice_date": "2026-11-24"}, "notice_date"),
        ({"tenant": "030490-9501"}, "tenant"),
        ({"tenant": {"henkilotunnus": 30490}}, "tenant.henkilotunnus"),
        ({"tenant": {"henkilotunnus": "310290-950X"}}, "tenant.henkilotunnus"),
        ({"external_id": "x" * 65}, "external_id"),
    ],
)
def test_each_bad_value_names_its_field(overrides, field):
    """Wrong types, impossible values and future dates are refused field by field."""
    data, errors = validate_notice(notice_payload(**overrides), today=TODAY)
    assert data is None and field in fields_of(errors)


def test_all_errors_are_reported_at_once():
    """A notice with several problems lists all of them, not just the first."""
    _, errors = validate_notice({"notice_type": "x", "tenant": {}}, today=TODAY)
    assert {"external_id", "notice_type", "legal_basis", "contact_person", "notice_date", "tenant.name"} <= fields_of(
        errors
    )


def test_non_object_is_refused():
    """A list or a string is not a notice."""
    assert validate_notice(["x"], today=TODAY)[1][0]["field"] == "__all__"


def test_digest_changes_with_content_only():
    """Identical notices share a digest; a changed amount changes it."""
    a, _ = validate_notice(notice_payload(), today=TODAY)
    b, _ = validate_notice(notice_payload(), today=TODAY)
    c, _ = validate_notice(notice_payload(amount_eur=1451), today=TODAY)
    assert a.digest == b.digest != c.digest


def test_csv_reader_handles_bom_semicolons_and_blank_lines():
    """Excel-style CSV (BOM, semicolons, empty lines) is read with the right line numbers."""
    text = "\ufeffexternal_id;notice_type;henkilotunnus\n\nX-1;termination;" + synthetic_hetu() + "\n"
    rows = csv_rows(text)
    assert rows == [(3, {"external_id": "X-1", "notice_type": "termination",
                         "tenant": {"henkilotunnus": synthetic_hetu()}})]  # fmt: skip


def test_csv_row_with_too_many_cells_is_marked():
    """A row longer than the header is flagged rather than silently cut."""
    rows = csv_rows("external_id,notice_type\nX-1,termination,extra\n")
    assert rows == [(2, {"__extra__": True})]


def test_csv_without_header_is_refused():
    """An empty file cannot be read."""
    with pytest.raises(CsvError):
        csv_rows("")
