from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "kotipolku.instruments"
    label = "instruments"
    verbose_name = _("Arviointivälineet")
    public_entries = ()
    staff_entries = ()
