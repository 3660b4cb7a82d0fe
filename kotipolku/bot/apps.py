from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BotConfig(AppConfig):
    name = "kotipolku.bot"
    label = "bot"
    verbose_name = _("Asumisen Botti")
    public_entries = ()
    staff_entries = ()

    def ready(self):
        # Imported here: core.access needs the app registry.
        from kotipolku.core.access import Area
        from kotipolku.core.navigation import Entry

        self.public_entries = (
            Entry(
                "bot:chat",
                _("Kysy Asumisen Botilta"),
                _("Vastauksia asumisen kysymyksiin ympäri vuorokauden."),
                order=10,
            ),
        )
        self.staff_entries = (
            Entry(
                "bot:staff-queue", _("Botin kysymysjono"), _("Vastaamattomat kysymykset ja palaute."), area=Area.CONTENT
            ),
        )
