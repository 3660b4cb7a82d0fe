"""The 12 housing themes of DESIGN.md: stable codes used by the handbook, the bot and reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    PERUSTIETO = "perustieto", _("Perustietoa asumisesta")
    HAKU_JA_MUUTTO = "haku_ja_muutto", _("Asunnon hakeminen ja muutto")
    OIKEUDET = "oikeudet", _("Vuokralaisen ja vuokranantajan oikeudet ja velvollisuudet")
    IRTISANOMINEN = "irtisanominen", _("Vuokrasopimuksen irtisanominen ja purkaminen")
    VUOKRANMAKSU = "vuokranmaksu", _("Vuokranmaksun ongelmat")
    TALOUSAPU = "talousapu", _("Taloudellinen apu asumiseen")
    TUKITOIMET = "tukitoimet", _("Asumisen tukitoimet ja itsenäinen selviytyminen")
    PALVELUMUODOT = "palvelumuodot", _("Asumisen palvelumuodot")
    ASUMISTERVEYS = "asumisterveys", _("Asumisterveys")
    HAIRIOT = "hairiot", _("Häiritsevä elämä ja järjestyshäiriöt")
    HAATO = "haato", _("Häätö")
    ASUNNOTTOMUUS = "asunnottomuus", _("Asunnottomuus ja muut asumisen kriisitilanteet")


THEME_CODES: tuple[str, ...] = tuple(Theme.values)
