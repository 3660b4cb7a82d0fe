"""Finnish personal identity code (henkilötunnus): validation, masking and look-up hashing.

Validation is python-stdnum's, which knows the century signs added in 2023. Temporary codes
(individual number 900-999), which health and social care give to people without a Finnish code,
are accepted and marked, because many homeless people only have such a code.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from stdnum.exceptions import (
    ValidationError as StdnumError,
)
from stdnum.fi import hetu as stdnum_hetu

from kotipolku.core import crypto

_CENTURY = {
    "+": 1800,
    "-": 1900,
    "Y": 1900,
    "X": 1900,
    "W": 1900,
    "V": 1900,
    "U": 1900,
    "A": 2000,
    "B": 2000,
    "C": 2000,
    "D": 2000,
    "E": 2000,
    "F": 2000,
}

FORMAT_HELP = _("Muoto on PPKKVV, välimerkki (esim. - tai A), kolme numeroa ja tarkistusmerkki, esim. 010190-123A.")


def normalise(raw: str) -> str:
    """Validate a code and return it in canonical upper-case form, or raise a translated ValidationError."""
    if not isinstance(raw, str):
        raise ValidationError(_("Henkilötunnus puuttuu."), code="required")
    value = raw.strip().upper()
    if not value:
        raise ValidationError(_("Henkilötunnus puuttuu."), code="required")
    if len(value) != 11:
        raise ValidationError(
            _("Henkilötunnuksessa on 11 merkkiä. %(help)s"), code="length", params={"help": FORMAT_HELP}
        )
    try:
        code = stdnum_hetu.validate(value, allow_temporary=True)
    except InvalidChecksum:
        raise ValidationError(
            _("Henkilötunnuksen tarkistusmerkki ei täsmää. Tarkista numerot."), code="checksum"
        ) from None
    except InvalidComponent:
        raise ValidationError(_("Henkilötunnuksen syntymäaika ei ole oikea päivämäärä."), code="date") from None
    except (InvalidFormat, InvalidLength, StdnumError):
        raise ValidationError(
            _("Henkilötunnuksen muoto on väärä. %(help)s"), code="format", params={"help": FORMAT_HELP}
        ) from None
    if not code.isascii():
        # stdnum's pattern (\d) and int() also take digits of other scripts, such as "٣"; such a string
        # would be a second spelling of a code with its own look-up hash, so it is refused.
        raise ValidationError(
            _("Henkilötunnuksen muoto on väärä. %(help)s"), code="format", params={"help": FORMAT_HELP}
        )
    return code


@dataclass(frozen=True, slots=True)
class Henkilotunnus:
    """A validated code that prints masked, so it cannot leak whole into lists, templates or logs."""

    _value: str

    @classmethod
    def parse(cls, raw: "str | Henkilotunnus") -> "Henkilotunnus":
        if isinstance(raw, Henkilotunnus):
            return raw
        return cls(normalise(raw))

    def reveal(self) -> str:
        """The whole code; call only where a person with a need to know sees it."""
        return self._value

    @property
    def masked(self) -> str:
        return self._value[:7] + "****"

    @property
    def is_temporary(self) -> bool:
        return int(self._value[7:10]) >= 900

    @property
    def birth_date(self) -> dt.date:
        year = _CENTURY[self._value[6]] + int(self._value[4:6])
        return dt.date(year, int(self._value[2:4]), int(self._value[0:2]))

    @property
    def lookup_hash(self) -> str:
        return crypto.keyed_hash(self._value)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"Henkilotunnus({self.masked!r})"


def lookup_hash(raw: str) -> str:
    """Keyed hash of a code for exact look-up (validates first)."""
    return Henkilotunnus.parse(raw).lookup_hash
