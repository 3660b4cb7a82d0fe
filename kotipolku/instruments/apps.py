from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "kotipolku.instruments"
    label = "instruments"
    verbose_name = _("Arviointivälineet")
    public_entries = ()
    staff_entries = ()

    def ready(self):
        # Imported here: core.access needs the models, which are not loaded when this module is.
        from kotipolku.core.access import Area
        from kotipolku.core.navigation import Entry

        self.public_entries = (
            Entry(
                "instruments:self-assessment",
                _("Asumisen itsearvio"),
                _("Kymmenen kysymystä: saat arvion asumisesi tilanteesta ja vinkit avun saamiseen. Nimettömästi."),
                order=40,
            ),
        )
        self.staff_entries = (
            Entry(
                "instruments:staff-index",
                _("Arviointivälineet"),
                _("Pisteytystyökalu, palvelutarpeen arviointi ja asumisen hyvinvointikysely asiakkaalle."),
                area=Area.CLIENT_WORK,
                order=40,
            ),
            Entry(
                "instruments:staff-stats",
                _("Arviointien tilastot"),
                _("Tulosluokkien jakauma ja osa-alueiden keskiarvot nimettöminä."),
                area=Area.REPORTS,
                order=80,
            ),
        )
