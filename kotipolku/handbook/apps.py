from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandbookConfig(AppConfig):
    name = "kotipolku.handbook"
    label = "handbook"
    verbose_name = _("Asumisen käsikirja")
    public_entries = ()
    staff_entries = ()

    def ready(self):
        # Imported here: core.navigation needs core.access, which needs the models.
        from kotipolku.core.navigation import Entry

        self.public_entries = (
            Entry(
                "handbook:index",
                _("Asumisen käsikirja"),
                _("Selkeät ohjeet asumisen asioihin: vuokra, tuet, muutto, häätö ja asunnottomuus."),
                order=20,
            ),
        )
