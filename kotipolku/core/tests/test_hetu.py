"""Personal identity codes: validation, temporary codes, masking, encryption and look-up."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from kotipolku.clients.models import Client
from kotipolku.core.hetu import Henkilotunnus, lookup_hash, normalise

VALID = "131052-308T"  # the example code of the Digital and Population Data Services Agency


def test_valid_code_is_accepted_and_normalised():
    assert normalise(" 131052-308t ") == VALID


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("131052-308U", "checksum"),
        ("311352-308T", "date"),  # month 13
        ("300252-308X", "date"),  # 30 February
        ("131052#308T", "format"),
        ("131052-30T", "length"),
        ("", "required"),
        ("1310523-08TT", "length"),
    ],
)
def test_invalid_codes_are_refused_with_a_specific_reason(code, reason):
    with pytest.raises(ValidationError) as err:
        normalise(code)
    assert err.value.code == reason
    assert str(err.value.messages[0])  # a human-readable message, not an empty error


@pytest.mark.parametrize("sign", list("-YXWVU"))
def test_all_twentieth_century_signs_of_2023_are_accepted(sign):
    """The 2023 reform added Y, X, W, V, U for 1900s births; they must all validate."""
    code = Henkilotunnus.parse(f"010190{sign}123{'0123456789ABCDEFHJKLMNPRSTUVWXY'[10190123 % 31]}")
    assert code.birth_date == dt.date(1990, 1, 1)


@pytest.mark.parametrize("sign", list("ABCDEF"))
def test_all_twenty_first_century_signs_are_accepted(sign):
    code = Henkilotunnus.parse(f"010105{sign}123{'0123456789ABCDEFHJKLMNPRSTUVWXY'[10105123 % 31]}")
    assert code.birth_date == dt.date(2005, 1, 1)


def test_temporary_code_is_accepted_and_marked():
    """Individual numbers 900-999 are temporary codes given to people without a Finnish code."""
    temporary = Henkilotunnus.parse("030490-950" + "0123456789ABCDEFHJKLMNPRSTUVWXY"[30490950 % 31])
    assert temporary.is_temporary
    assert not Henkilotunnus.parse(VALID).is_temporary


def test_code_prints_masked_everywhere():
    code = Henkilotunnus.parse(VALID)
    assert str(code) == "131052-****"
    assert VALID not in repr(code) and VALID not in f"{code}"
    assert code.reveal() == VALID


@pytest.mark.django_db
def test_code_is_stored_encrypted_and_found_by_keyed_hash(team_a):
    client = Client.objects.create(nickname="X", henkilotunnus=VALID)
    with connection.cursor() as cur:
        cur.execute("SELECT henkilotunnus, henkilotunnus_hash FROM clients_client WHERE id = %s", [client.pk])
        stored, stored_hash = cur.fetchone()
    assert VALID not in stored and "131052" not in stored
    assert stored_hash == lookup_hash(VALID) and VALID not in stored_hash
    found = Client.objects.get(henkilotunnus_hash=lookup_hash(VALID.lower()))
    assert found.henkilotunnus.reveal() == VALID


@pytest.mark.django_db
def test_filtering_on_the_encrypted_column_is_refused():
    with pytest.raises(TypeError, match="henkilotunnus_hash"):
        Client.objects.filter(henkilotunnus=VALID).count()


@pytest.mark.django_db
def test_invalid_code_on_model_is_refused_and_nothing_saved():
    with pytest.raises(ValidationError), transaction.atomic():
        Client.objects.create(nickname="Y", henkilotunnus="131052-308U")
    assert Client.objects.count() == 0
