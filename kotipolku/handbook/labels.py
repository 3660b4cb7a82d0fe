"""Translated labels the handbook shows: theme titles and service-compass categories.

Theme titles repeat core.themes.Theme's Finnish msgids so this app's catalogue translates them
(the codes stay the single source in core).
"""

from django.utils.translation import gettext_lazy as _

from kotipolku.core.themes import Theme
from kotipolku.services.codes import CategoryCode

THEME_TITLES = {
    Theme.PERUSTIETO: _("Perustietoa asumisesta"),
    Theme.HAKU_JA_MUUTTO: _("Asunnon hakeminen ja muutto"),
    Theme.OIKEUDET: _("Vuokralaisen ja vuokranantajan oikeudet ja velvollisuudet"),
    Theme.IRTISANOMINEN: _("Vuokrasopimuksen irtisanominen ja purkaminen"),
    Theme.VUOKRANMAKSU: _("Vuokranmaksun ongelmat"),
    Theme.TALOUSAPU: _("Taloudellinen apu asumiseen"),
    Theme.TUKITOIMET: _("Asumisen tukitoimet ja itsenäinen selviytyminen"),
    Theme.PALVELUMUODOT: _("Asumisen palvelumuodot"),
    Theme.ASUMISTERVEYS: _("Asumisterveys"),
    Theme.HAIRIOT: _("Häiritsevä elämä ja järjestyshäiriöt"),
    Theme.HAATO: _("Häätö"),
    Theme.ASUNNOTTOMUUS: _("Asunnottomuus ja muut asumisen kriisitilanteet"),
}

SERVICE_CATEGORY_LABELS = dict(CategoryCode.choices)  # the service compass's own labels


def theme_title(code: str) -> str:
    return THEME_TITLES.get(code, code)
