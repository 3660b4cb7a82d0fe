from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "kotipolku.clients"
    label = "clients"
    verbose_name = _("Asiakastyö")
    public_entries = ()
    staff_entries = ()

    def ready(self):
        # Imported here: core.access needs the models, which are not loaded when this module is.
        from kotipolku.core.access import Area
        from kotipolku.core.navigation import Entry

        self.staff_entries = (
            Entry(
                "clients:caseload",
                _("Asiakkaat"),
                _("Oma ja tiimin asiakaslista, tapaamiset, ohjaukset ja asumistilanne."),
                area=Area.CLIENT_WORK,
                order=20,
            ),
            Entry(
                "clients:walk-in",
                _("Walk-in-neuvonta"),
                _("Nopea kirjaus asumisneuvonnan käynnistä, myös nimettömänä."),
                area=Area.CLIENT_WORK,
                order=25,
            ),
        )
