"""Properties of landlord notice input for generated notices and generated garbage: valid notices are
accepted; any JSON value or CSV text gives field-level errors naming the field (and the CSV line),
never an exception or a 5xx, and a refused batch stores nothing."""

import contextlib
import csv
import datetime as dt
import io
import json

import pytest
from django.db import transaction
from django.test import Client as HttpClient
from hypothesis import example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kotipolku.conftest import LANDLORD_A_TOKEN
from kotipolku.core.tests.test_hetu_properties import valid_codes
from kotipolku.intake.models import LandlordNotice, LegalBasis, NoticeType
from kotipolku.intake.notice_input import CSV_COLUMNS, CsvError, csv_rows, validate_notice
from kotipolku.services.tests.strategies import json_values, mutated

TODAY = dt.date(2026, 11, 30)
external_ids = st.from_regex(r"\A[A-Za-z0-9_.:/#-]{1,64}\Z")
plain_text = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def valid_notices(draw) -> dict:
    notice_type = draw(st.sampled_from(NoticeType.values))
    notice = {
        "external_id": draw(external_ids),
        "notice_type": notice_type,
        "notice_date": draw(st.dates(dt.date(2000, 1, 1), TODAY)).isoformat(),
        "legal_basis": draw(st.sampled_from(LegalBasis.values)),
        "contact_person": draw(plain_text),
    }
    if draw(st.booleans()):
        notice["tenant"] = {"henkilotunnus": draw(valid_codes())[0]}
    else:
        notice["tenant"] = {
            "name": draw(plain_text),
            "birth_date": draw(st.dates(dt.date(1910, 1, 1), TODAY)).isoformat(),
            "address": draw(plain_text),
        }
    if notice_type == NoticeType.RENT_ARREARS or draw(st.booleans()):
        notice["amount_eur"] = draw(
            st.decimals("0", "9999999.99", places=2).map(lambda d: float(d) if draw(st.booleans()) else str(d))
        )
        notice["months_in_arrears"] = draw(st.integers(1, 240))
    if draw(st.booleans()):
        notice["municipality"] = draw(st.sampled_from(["Vantaa", "Hyvinkää", "Helsinki"]))
    return notice


def assert_field_errors(errors: list, *, keys=("field", "reason")) -> None:
    assert errors, "a refusal without reasons"
    for error in errors:
        assert set(keys) <= set(error), error
        assert isinstance(error["field"], str)  # "" only for an unknown key "" of the sender
        assert isinstance(error["reason"], str) and error["reason"]


@given(valid_notices())
def test_generated_valid_notices_are_accepted(notice):
    data, errors = validate_notice(notice, today=TODAY)
    assert errors == []
    assert data.external_id == notice["external_id"]
    if "henkilotunnus" in notice["tenant"]:
        assert data.henkilotunnus.reveal() == notice["tenant"]["henkilotunnus"]
        assert data.tenant_birth_date is not None
    # The same notice gives the same digest (a resend is recognised as unchanged).
    assert validate_notice(json.loads(json.dumps(notice)), today=TODAY)[0].digest == data.digest


def _refused_or_valid(raw) -> None:
    data, errors = validate_notice(raw, today=TODAY)
    if data is None:
        assert_field_errors(errors)
    else:
        assert errors == []


@hsettings(max_examples=200)
@given(valid_notices().flatmap(lambda n: mutated(n)))
@example(
    {
        "external_id": "A1",
        "notice_type": "rent_arrears",
        "tenant": {"henkilotunnus": "131052-308T"},
        "notice_date": "2026-11-01",
        "legal_basis": "consent",
        "contact_person": "X",
        "amount_eur": 1,
        "months_in_arrears": "²",
    }
)  # a digit for str.isdigit(), not for int()
@example(
    {
        "external_id": "A1",
        "notice_type": "rent_arrears",
        "tenant": {"henkilotunnus": "131052-308T"},
        "notice_date": "2026-11-01",
        "legal_basis": "consent",
        "contact_person": "X",
        "amount_eur": 1,
        "months_in_arrears": "9" * 5000,
    }
)  # longer than int() converts
@example({"notice_type": ["rent_arrears"], "legal_basis": {"a": 1}, "tenant": {"henkilotunnus": 5}})
@example({"amount_eur": "1e999999", "tenant": {"birth_date": "2026-02-30"}})  # fmt: skip
def test_mutated_notices_give_field_errors_or_a_valid_notice(raw):
    _refused_or_valid(raw)


@given(json_values)
def test_any_json_value_gives_field_errors(raw):
    _refused_or_valid(raw)


@st.composite
def csv_texts(draw):
    notices = draw(st.lists(valid_notices(), min_size=1, max_size=3))
    header = draw(st.permutations(CSV_COLUMNS).map(lambda cols: cols[: draw(st.integers(3, len(CSV_COLUMNS)))]))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";"])))
    writer.writerow(header)
    for n in notices:
        flat = {**{k: v for k, v in n.items() if k != "tenant"}, **n["tenant"]}
        row = [str(flat.get(col, "")) for col in header]
        for _ in range(draw(st.integers(0, 2))):  # damage a few cells
            if row:
                row[draw(st.integers(0, len(row) - 1))] = draw(
                    st.one_of(
                        st.text(max_size=8), st.sampled_from(["", "x" * 300, "²", "-1", "2099-01-01", "\r", "\x00"])
                    )
                )
        writer.writerow(row + draw(st.lists(st.text(max_size=3), max_size=1)))
    return out.getvalue()


@hsettings(max_examples=150)
@given(st.one_of(csv_texts(), st.text(max_size=120)))
@example("external_id,notice_type\nA,\rB\n")
@example("external_id\n" + "a" * 200_000 + "\n")
def test_csv_text_gives_rows_or_a_csv_error_and_rows_give_field_errors(text):
    """csv_rows reads rows with their line numbers or refuses the file with CsvError; each row then
    validates like a JSON notice."""
    try:
        rows = csv_rows(text)
    except CsvError as exc:
        assert str(exc)
        return
    for line, row in rows:
        assert isinstance(line, int) and line >= 2
        if not row.pop("__extra__", False):
            _refused_or_valid(row)


@contextlib.contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
@hsettings(max_examples=40)
@given(csv_texts())
@example(
    "external_id,notice_type,henkilotunnus,notice_date,legal_basis,contact_person\n"
    "A-1,termination,131052-308T,2026-11-01,consent,Nimi\x00\n"
)  # NUL: PostgreSQL cannot store it
def test_csv_upload_answers_every_line_by_field_or_stores_all(landlord_a, text):  # fmt: skip
    """Through the API: 200 with every row stored, or 400 listing line and field, storing nothing."""
    http = HttpClient(headers={"Authorization": f"Bearer {LANDLORD_A_TOKEN}"})
    with rolled_back():
        before = LandlordNotice.objects.count()
        response = http.generic("POST", "/api/v1/landlord/notices/csv", data=text.encode(), content_type="text/csv")
        assert response.status_code in (200, 400, 409, 413), response.content[:300]
        if response.status_code == 200:
            assert LandlordNotice.objects.count() == before + response.json()["created_count"]
        else:
            assert LandlordNotice.objects.count() == before
            errors = response.json()["detail"]
            assert_field_errors(errors)
            if response.status_code == 400:
                assert all(isinstance(e.get("line"), int) for e in errors if e["field"] not in ("file",)), errors


@pytest.mark.django_db
@hsettings(max_examples=40)
@given(valid_notices().flatmap(lambda n: st.one_of(st.just(n), mutated(n))))
@example({"external_id": "A-2", "notice_type": "termination", "tenant": {"henkilotunnus": "131052-308T"},
          "notice_date": "2026-11-01", "legal_basis": "consent", "contact_person": "Nimi\x00"})  # fmt: skip
def test_single_notice_api_never_fails_with_5xx(landlord_a, notice):
    http = HttpClient(headers={"Authorization": f"Bearer {LANDLORD_A_TOKEN}"})
    with rolled_back():
        response = http.post("/api/v1/landlord/notices", data=notice, content_type="application/json")
        assert response.status_code in (200, 201, 400, 409), response.content[:300]
        if response.status_code == 400:
            assert_field_errors(response.json()["detail"])
