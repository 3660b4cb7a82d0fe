from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "kotipolku.services"
    label = "services"
    verbose_name = _("Palvelukompassi")
    public_entries = ()
    staff_entries = ()
