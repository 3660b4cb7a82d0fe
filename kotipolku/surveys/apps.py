from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "kotipolku.surveys"
    label = "surveys"
    verbose_name = _("Kyselyt ja yhteistyöverkosto")
    public_entries = ()
    staff_entries = ()

    def ready(self):
        # Imported here: core.access needs the models, which are not loaded when this module is.
        from kotipolku.core.access import Area
        from kotipolku.core.navigation import Entry

        self.staff_entries = (
            Entry("surveys:campaigns", _("Kyselyt"), _("Palautekyselyt, asukaskysely ja tulokset."), Area.REPORTS, 60),
            Entry(
                "surveys:network", _("Yhteistyöverkosto"), _("Jäsenet, yhteyshenkilöt ja tapaamiset."), Area.REPORTS, 61
            ),
        )
