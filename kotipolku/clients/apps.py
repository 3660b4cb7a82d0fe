from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "kotipolku.clients"
    label = "clients"
    verbose_name = _("Asiakastyö")
    public_entries = ()
    staff_entries = ()
