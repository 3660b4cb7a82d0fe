from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BotConfig(AppConfig):
    name = "kotipolku.bot"
    label = "bot"
    verbose_name = _("Asumisen Botti")
    public_entries = ()
    staff_entries = ()
