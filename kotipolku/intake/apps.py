from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "kotipolku.intake"
    label = "intake"
    verbose_name = _("Yhteydenotot ja ennakkovaroitukset")
    public_entries = ()
    staff_entries = ()

    def ready(self):
        # Imported here: core.access needs the models, which are not loaded when this module is.
        from kotipolku.core.access import Area
        from kotipolku.core.navigation import Entry

        self.public_entries = (
            Entry(
                "intake:contact-request",
                _("Pyydä yhteydenottoa"),
                _("Työntekijä ottaa sinuun yhteyttä 1–2 arkipäivän kuluessa. Voit asioida myös nimettömänä."),
                order=60,
            ),
            Entry(
                "intake:concern-report",
                _("Huoli toisen asumisesta"),
                _("Tee huoli-ilmoitus, jos joku läheisesi tai asiakkaasi on menettämässä kotinsa."),
                order=70,
            ),
        )
        self.staff_entries = (
            Entry(
                "intake:queue",
                _("Saapuneet"),
                _("Yhteydenottopyynnöt, vuokranantajien ilmoitukset ja huoli-ilmoitukset jonossa."),
                area=Area.CLIENT_WORK,
                order=10,
            ),
        )
