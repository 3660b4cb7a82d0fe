"""Client records. The foundation defines the identity and team ownership that the core
permission rule relies on; client-work details (encounters, housing history, ...) build on it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.core.access import TeamScope
from kotipolku.core.fields import HenkilotunnusField
from kotipolku.core.models import Team


class Client(models.Model):
    """A person in client work: an outreach contact known by a nickname, or an identified client."""

    nickname = models.CharField(_("kutsumanimi"), max_length=80, blank=True)
    first_name = models.CharField(_("etunimi"), max_length=80, blank=True)
    last_name = models.CharField(_("sukunimi"), max_length=80, blank=True)
    henkilotunnus = HenkilotunnusField(_("henkilötunnus"), hash_field="henkilotunnus_hash")
    henkilotunnus_hash = models.CharField(max_length=64, null=True, blank=True, editable=False, unique=True)
    teams = models.ManyToManyField(Team, related_name="clients", verbose_name=_("tiimit"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic locking

    access_scope = TeamScope("teams")

    class Meta:
        ordering = ["last_name", "first_name", "nickname", "id"]
        verbose_name = _("asiakas")
        verbose_name_plural = _("asiakkaat")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.nickname or f"#{self.pk}"

    @property
    def is_identified(self) -> bool:
        return self.henkilotunnus is not None

    @property
    def audit_client_id(self) -> int | None:
        return self.pk
