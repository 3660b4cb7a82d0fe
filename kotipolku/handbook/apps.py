from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandbookConfig(AppConfig):
    name = "kotipolku.handbook"
    label = "handbook"
    verbose_name = _("Asumisen käsikirja")
    public_entries = ()
    staff_entries = ()
