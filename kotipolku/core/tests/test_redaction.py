"""Personal data is removed from free text before storage or logging."""

import logging

import pytest

from kotipolku.core.redaction import RedactingFilter, find_personal_data, redact


@pytest.mark.parametrize(
    ("text", "secret", "placeholder"),
    [
        ("minun hetu on 131052-308T ja vuokra", "131052-308T", "[henkilötunnus]"),
        ("hetu 010105A123H kiitos", "010105A123H", "[henkilötunnus]"),
        ("soita 040 123 4567 illalla", "040 123 4567", "[puhelin]"),
        ("numero +358401234567", "+358401234567", "[puhelin]"),
        ("puh. 09-310 12345", "09-310 12345", "[puhelin]"),
        ("maili matti.meikalainen@example.com", "matti.meikalainen@example.com", "[sähköposti]"),
        ("asun osoitteessa Mannerheimintie 12 A 3 Helsinki", "Mannerheimintie 12", "[osoite]"),
        ("bor på Storgatan 5 B", "Storgatan 5", "[osoite]"),
        ("I live at 12 Baker Street now", "12 Baker Street", "[osoite]"),
        ("tili FI21 1234 5600 0007 85", "FI21 1234 5600 0007 85", "[tilinumero]"),
    ],
)
def test_each_kind_of_personal_data_is_redacted(text, secret, placeholder):
    result = redact(text)
    assert secret not in result
    assert placeholder in result


@pytest.mark.parametrize(
    "text",
    [
        "vuokra on 650 euroa kuussa",
        "rästiä on 2 kuukautta ja 1450 €",
        "muutin 2024 ja häätö 15.12.2026",
        "older than 2026-11-23 13:01:23.486+00:00",
        "muutto 1/12/2026 klo 12",
    ],
)
def test_ordinary_numbers_are_kept(text):
    assert redact(text) == text


def test_find_personal_data_names_the_kinds():
    assert set(find_personal_data("040 123 4567, a@b.fi")) == {"phone", "email"}
    assert find_personal_data("ei mitään henkilötietoja") == []


def test_log_records_are_redacted():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "asiakas %s soitti", ("131052-308T",), None)
    RedactingFilter().filter(record)
    assert "131052-308T" not in record.getMessage()


def test_request_ids_in_log_lines_are_kept_whole_and_the_rest_is_still_redacted():
    # Found in the PostgreSQL fuzzing run's server log: "request d5d9ba4e-[puhelin]-aa6d-…" could no
    # longer be matched with the request id shown to the person who met the error.
    request_id = "d5d9ba4e-4829-4123-aa6d-40d627db245e"
    line = f"Unhandled API error (request {request_id}) for 040 123 4567"
    assert redact(line) == f"Unhandled API error (request {request_id}) for [puhelin]"
    assert redact(f"{request_id.upper()} 131052-308T") == f"{request_id.upper()} [henkilötunnus]"
