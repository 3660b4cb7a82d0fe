from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "kotipolku.reporting"
    label = "reporting"
    verbose_name = _("Raportointi")
    public_entries = ()
    staff_entries = ()
