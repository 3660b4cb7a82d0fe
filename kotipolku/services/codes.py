"""Fixed code lists of the service compass: categories, target groups, languages, municipalities.

Codes are stable identifiers shared with other modules and the HSDS exchange; labels are translated.
Municipality codes are the official Statistics Finland municipality numbers (kuntanumero).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CategoryCode(models.TextChoices):
    DAY_CENTRE = "day_centre", _("Päiväkeskus")
    FOOD_AID = "food_aid", _("Ruoka-apu")
    LAUNDRY_SHOWER = "laundry_shower", _("Pyykinpesu ja suihku")
    EMERGENCY_SHELTER = "emergency_shelter", _("Hätämajoitus")
    SOCIAL_EMERGENCY = "social_emergency", _("Sosiaalipäivystys")
    HOUSING_COUNSELLING = "housing_counselling", _("Asumisneuvonta")
    SERVICE_GUIDANCE = "service_guidance", _("Palveluohjaus")
    HEALTH_ADVICE = "health_advice", _("Terveysneuvonta")
    SUBSTANCE_SERVICES = "substance_services", _("Päihdepalvelut")
    DEBT_ADVICE = "debt_advice", _("Talous- ja velkaneuvonta")
    KELA_CONTACT = "kela_contact", _("Kelan asiointi")
    SOCIAL_SERVICES = "social_services", _("Sosiaalipalvelut")
    LEGAL_AID = "legal_aid", _("Oikeusapu")
    CRISIS_SUPPORT = "crisis_support", _("Kriisiapu")


class TargetGroupCode(models.TextChoices):
    EVERYONE = "everyone", _("Kaikki")
    YOUNG_PEOPLE = "young_people", _("Nuoret")
    SUBSTANCE_USERS = "substance_users", _("Päihteitä käyttävät")
    IMMIGRANTS = "immigrants", _("Maahanmuuttajat")
    FAMILIES = "families", _("Lapsiperheet")
    OLDER_PEOPLE = "older_people", _("Ikääntyneet")
    WOMEN = "women", _("Naiset")
    HOMELESS = "homeless", _("Asunnottomat")


class LanguageCode(models.TextChoices):
    FI = "fi", _("suomi")
    SV = "sv", _("ruotsi")
    EN = "en", _("englanti")
    RU = "ru", _("venäjä")
    ET = "et", _("viro")
    UK = "uk", _("ukraina")
    AR = "ar", _("arabia")
    SO = "so", _("somali")
    FA = "fa", _("persia")
    FSE = "fse", _("suomalainen viittomakieli")


class MunicipalityCode(models.TextChoices):
    """Official municipality numbers. The Swedish name is in MUNICIPALITY_NAMES_SV."""

    HELSINKI = "091", "Helsinki"
    VANTAA = "092", "Vantaa"
    HYVINKAA = "106", "Hyvinkää"
    JARVENPAA = "186", "Järvenpää"
    KERAVA = "245", "Kerava"
    MANTSALA = "505", "Mäntsälä"
    NURMIJARVI = "543", "Nurmijärvi"
    PORNAINEN = "611", "Pornainen"
    TUUSULA = "858", "Tuusula"


MUNICIPALITY_NAMES_SV = {
    "091": "Helsingfors",
    "092": "Vanda",
    "106": "Hyvinge",
    "186": "Träskända",
    "245": "Kervo",
    "505": "Mäntsälä",
    "543": "Nurmijärvi",
    "611": "Borgnäs",
    "858": "Tusby",
}

# The 24/7 social emergency service areas (wellbeing services counties) of the municipalities above.
KEUSOTE = ("106", "186", "858", "543", "505", "611")


def municipality_name(code: str, lang: str = "fi") -> str:
    if lang == "sv" and code in MUNICIPALITY_NAMES_SV:
        return MUNICIPALITY_NAMES_SV[code]
    try:
        return MunicipalityCode(code).label
    except ValueError:
        return code


def municipality_by_name(value: str) -> str | None:
    """Accept a code, a Finnish or a Swedish name (case-insensitive); None when unknown."""
    value = (value or "").strip()
    if value in MunicipalityCode.values:
        return value
    low = value.casefold()
    for code, label in MunicipalityCode.choices:
        if low in (label.casefold(), MUNICIPALITY_NAMES_SV[code].casefold()):
            return code
    return None
