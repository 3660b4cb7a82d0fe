"""Translated names of the service compass categories that result bands link to."""

from django.utils.translation import gettext_lazy as _

SERVICE_CATEGORY_LABELS = {
    "day_centre": _("Päiväkeskukset"),
    "food_aid": _("Ruoka-apu"),
    "laundry_shower": _("Pyykki ja suihku"),
    "emergency_shelter": _("Hätämajoitus"),
    "social_emergency": _("Sosiaalipäivystys"),
    "housing_counselling": _("Asumisneuvonta"),
    "service_guidance": _("Palveluohjaus"),
    "health_advice": _("Terveysneuvonta"),
    "substance_services": _("Päihdepalvelut"),
    "debt_advice": _("Talous- ja velkaneuvonta"),
    "kela_contact": _("Kelan asiointi"),
    "social_services": _("Sosiaalipalvelut"),
    "legal_aid": _("Oikeusapu"),
    "crisis_support": _("Kriisiapu"),
}


def service_category_label(code: str) -> str:
    return str(SERVICE_CATEGORY_LABELS.get(code, code))
