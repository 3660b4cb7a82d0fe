from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "kotipolku.intake"
    label = "intake"
    verbose_name = _("Yhteydenotot ja ennakkovaroitukset")
    public_entries = ()
    staff_entries = ()
