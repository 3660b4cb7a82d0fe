from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "kotipolku.reporting"
    label = "reporting"
    verbose_name = _("Raportointi")
    public_entries = ()
    staff_entries = ()

    def ready(self):
        # Imported here: core.access needs the models, which are not loaded when this module is.
        from kotipolku.core.access import Area
        from kotipolku.core.navigation import Entry

        self.staff_entries = (
            Entry(
                "reporting:dashboard",
                _("Raportit"),
                _("Tulosmittarit, tavoitteet, poikkileikkauslaskenta ja asumisen polut."),
                area=Area.REPORTS,
                order=60,
            ),
            Entry(
                "reporting:by-name",
                _("Asunnottomat nimeltä"),
                _("Tiimin asunnottomat asiakkaat ja pitkäaikaisasunnottomuus tavoitteeseen verrattuna."),
                area=Area.CLIENT_WORK,
                order=61,
            ),
            Entry(
                "reporting:observation-create",
                _("Kirjaa havainto"),
                _("Sosiaalinen raportointi: työssä toistuvat ilmiöt ja ehdotukset ilman henkilötietoja."),
                area=Area.CLIENT_WORK,
                order=62,
            ),
        )
