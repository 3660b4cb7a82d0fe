"""Properties of the henkilötunnus parser for generated codes: every valid code (all century signs,
temporary numbers 900-999) is accepted and round-trips; any other string is refused with the documented
ValidationError and nothing else; the printed forms never reveal the code."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import example, given
from hypothesis import strategies as st

from kotipolku.clients.models import Client
from kotipolku.core import crypto
from kotipolku.core.fields import HenkilotunnusField, HenkilotunnusFormField
from kotipolku.core.hetu import Henkilotunnus, lookup_hash, normalise

CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
SIGNS = {1800: "+", 1900: "-YXWVU", 2000: "ABCDEF"}
REASONS = {"required", "length", "checksum", "date", "format"}
CANONICAL = re.compile(r"^[0-3][0-9][01][0-9][0-9]{2}[-+A-FU-Y][0-9]{3}[0-9A-FHJ-NPR-Y]$")


def make_code(born: dt.date, sign: str, individual: int) -> str:
    digits = f"{born:%d%m}{born.year % 100:02d}"
    return f"{digits}{sign}{individual:03d}{CHECK[int(digits + f'{individual:03d}') % 31]}"


@st.composite
def valid_codes(draw, *, individual=st.integers(2, 999)):
    born = draw(st.dates(dt.date(1800, 1, 1), dt.date(2099, 12, 31)))
    sign = draw(st.sampled_from(SIGNS[born.year // 100 * 100]))
    return make_code(born, sign, draw(individual)), born


# Characters a mutation may bring in: other ASCII, look-alike separators and digits of other scripts
# (which str.isdigit() and the regex \d accept, but which are not part of any code).
ODD_CHARACTERS = st.sampled_from(list("0123456789-+ABCDEFUVWXYZabcxyz *#\t\n\x00") + ["\u2013", "٣", "１", "²", "ß"])


@st.composite
def mutated_codes(draw):
    code, _ = draw(valid_codes())
    chars = list(code)
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["replace", "insert", "delete", "swap"]))
        pos = draw(st.integers(0, max(len(chars) - 1, 0)))
        if op == "replace" and chars:
            chars[pos] = draw(st.one_of(ODD_CHARACTERS, st.characters()))
        elif op == "insert":
            chars.insert(pos, draw(st.one_of(ODD_CHARACTERS, st.characters())))
        elif op == "delete" and chars:
            del chars[pos]
        elif op == "swap" and len(chars) > 1:
            other = draw(st.integers(0, len(chars) - 1))
            chars[pos], chars[other] = chars[other], chars[pos]
    return "".join(chars)


@given(valid_codes())
@example(("131052-308T", dt.date(1952, 10, 13)))
@example(("010100+002H", dt.date(1800, 1, 1)))
def test_every_valid_code_is_accepted_and_round_trips(case):
    """Any valid code of any century sign is accepted, in any case and with surrounding spaces, and
    gives one canonical value, its birth date and one stable look-up hash."""
    code, born = case
    assert normalise(code) == code
    assert normalise(f"  {code.lower()}\t") == code
    parsed = Henkilotunnus.parse(code)
    assert parsed.reveal() == code
    assert parsed.birth_date == born
    assert Henkilotunnus.parse(parsed) is parsed
    assert lookup_hash(code) == lookup_hash(code.lower()) == lookup_hash(f" {code} ") == parsed.lookup_hash
    assert crypto.decrypt(crypto.encrypt(code)) == code
    field = HenkilotunnusField(hash_field="henkilotunnus_hash")
    stored = field.get_prep_value(code)
    assert code not in stored
    assert field.from_db_value(stored, None, None) == parsed


@given(valid_codes(individual=st.integers(900, 999)))
def test_temporary_codes_are_accepted_and_marked(case):
    """Temporary codes (900-999, given to people without a Finnish code) are valid and marked."""
    code, _ = case
    assert Henkilotunnus.parse(code).is_temporary


@given(valid_codes(individual=st.integers(2, 899)))
def test_permanent_codes_are_not_marked_temporary(case):
    code, _ = case
    assert not Henkilotunnus.parse(code).is_temporary


@given(valid_codes())
def test_printed_forms_never_reveal_the_code(case):
    """str, repr, format and the form field's redisplay show at most the birth date part."""
    code, _ = case
    parsed = Henkilotunnus.parse(code)
    for shown in (str(parsed), repr(parsed), f"{parsed}", parsed.masked, "%s" % parsed):  # noqa: UP031
        assert code not in shown
        assert code[7:] not in shown  # individual number and check character
    assert HenkilotunnusFormField().prepare_value(parsed) == ""
    serialised = Client._meta.get_field("henkilotunnus").value_to_string(Client(henkilotunnus=parsed))
    assert serialised == parsed.masked  # dumpdata and admin exports get the masked form


def _accepted_or_documented_refusal(raw: str) -> str | None:
    try:
        value = normalise(raw)
    except ValidationError as exc:
        assert exc.code in REASONS, exc.code
        assert str(exc.messages[0])
        return None
    # Accepted: then it is an ASCII canonical code (stdnum maps full-width digits and Unicode dashes to
    # ASCII, so such spellings give the same code and the same hash), whose birth date and hash work.
    assert CANONICAL.match(value), repr(value)
    assert normalise(value) == value
    parsed = Henkilotunnus.parse(value)
    assert parsed.birth_date.year >= 1800
    assert len(parsed.lookup_hash) == 64
    return value


@given(mutated_codes())
@example("1٣1052-308T")  # an Arabic-Indic digit: \d and int() accept it; was accepted as a second code
@example("１31052-308T")  # full-width digit
@example("131052-３08T")
@example("131052-308T\x00")
@example("131052\u2013308T")  # en dash instead of the hyphen
def test_mutated_codes_are_accepted_only_when_valid_and_otherwise_refused_cleanly(raw):
    """A mutated code is either still a valid canonical code or refused with a documented reason."""
    _accepted_or_documented_refusal(raw)


@given(st.text(max_size=20))
def test_arbitrary_text_never_raises_anything_but_validation_error(raw):
    _accepted_or_documented_refusal(raw)


@given(st.one_of(st.none(), st.integers(), st.binary(max_size=12), st.lists(st.text(max_size=3), max_size=2)))
def test_non_text_input_is_refused_as_missing(raw):
    with pytest.raises(ValidationError) as err:
        normalise(raw)
    assert err.value.code == "required"


@given(st.one_of(st.text(max_size=16), mutated_codes()))
def test_form_field_gives_a_form_error_or_a_code(raw):
    """The staff form field never raises anything but a form ValidationError."""
    try:
        value = HenkilotunnusFormField(required=False).clean(raw)
    except ValidationError:
        return
    assert value is None or CANONICAL.match(value.reveal())


@pytest.mark.django_db
@given(valid_codes())
def test_stored_code_is_found_by_its_hash_and_decrypts(case):
    """Through the database: the stored value is ciphertext and the keyed hash finds the row."""
    code, _ = case
    with transaction.atomic():
        client = Client.objects.create(nickname="X", henkilotunnus=code.lower())
        found = Client.objects.get(henkilotunnus_hash=lookup_hash(code))
        assert found.pk == client.pk
        assert found.henkilotunnus.reveal() == code
        transaction.set_rollback(True)
