"""Translated names of the service compass categories, for the bot's service links."""

from django.utils.translation import gettext_lazy as _

CATEGORY_LABELS = {
    "day_centre": _("Päiväkeskukset"),
    "food_aid": _("Ruoka-apu"),
    "laundry_shower": _("Pesula ja suihku"),
    "emergency_shelter": _("Ensisuojat ja hätämajoitus"),
    "social_emergency": _("Sosiaalipäivystys"),
    "housing_counselling": _("Asumisneuvonta"),
    "service_guidance": _("Palveluohjaus"),
    "health_advice": _("Terveysneuvonta"),
    "substance_services": _("Päihdepalvelut"),
    "debt_advice": _("Talous- ja velkaneuvonta"),
    "kela_contact": _("Kela"),
    "social_services": _("Sosiaalipalvelut"),
    "legal_aid": _("Oikeusapu"),
    "crisis_support": _("Kriisiapu"),
}


def category_label(code: str):
    return CATEGORY_LABELS.get(code, code)
