"""The client: an outreach contact known by a nickname, or an identified client. Both keep one
history; converting a contact into an identified client only adds identity."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.clients.models.choices import AgeGroup, ClientStatus, Gender
from kotipolku.core.access import TeamScope
from kotipolku.core.fields import HenkilotunnusField
from kotipolku.core.models import Team


class Client(models.Model):
    """A person in client work. Teams own the record; `version` guards against lost edits."""

    nickname = models.CharField(_("kutsumanimi"), max_length=80, blank=True)
    first_name = models.CharField(_("etunimi"), max_length=80, blank=True)
    last_name = models.CharField(_("sukunimi"), max_length=80, blank=True)
    henkilotunnus = HenkilotunnusField(_("henkilötunnus"), hash_field="henkilotunnus_hash")
    henkilotunnus_hash = models.CharField(max_length=64, null=True, blank=True, editable=False, unique=True)
    teams = models.ManyToManyField(Team, related_name="clients", verbose_name=_("tiimit"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic locking

    status = models.CharField(
        _("tila"), max_length=8, choices=ClientStatus.choices, default=ClientStatus.OPEN, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kirjaaja"),
    )
    responsible_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_clients",
        verbose_name=_("vastuutyöntekijä"),
    )
    # Outreach-contact facts: rough, so that nobody is identified by them.
    age_group = models.CharField(_("ikäryhmä (arvio)"), max_length=8, choices=AgeGroup.choices, blank=True)
    gender = models.CharField(_("sukupuoli"), max_length=8, choices=Gender.choices, blank=True)
    languages = models.CharField(_("kielet"), max_length=120, blank=True, help_text=_("esim. suomi, venäjä"))
    usual_place = models.CharField(_("missä yleensä tavataan"), max_length=120, blank=True)
    identified_at = models.DateTimeField(_("tunnistettu"), null=True, blank=True)
    # Maintained by services (encounter_log, housing_period_*) so that caseloads need no aggregates.
    last_met_at = models.DateTimeField(_("viimeksi tavattu"), null=True, blank=True, db_index=True)
    long_term_homeless = models.BooleanField(_("pitkäaikaisasunnoton"), default=False, editable=False)
    long_term_checked_on = models.DateField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymisoitu"), null=True, blank=True, editable=False)

    access_scope = TeamScope("teams")

    class Meta:
        ordering = ["last_name", "first_name", "nickname", "id"]
        verbose_name = _("asiakas")
        verbose_name_plural = _("asiakkaat")
        indexes = [models.Index(fields=["responsible_worker", "status"], name="client_worker_status_idx")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.nickname or f"#{self.pk}"

    @property
    def is_identified(self) -> bool:
        if "henkilotunnus" in self.get_deferred_fields():  # lists defer the code to skip decrypting it
            return self.henkilotunnus_hash is not None
        return self.henkilotunnus is not None

    @property
    def is_outreach_contact(self) -> bool:
        return not self.is_identified

    @property
    def audit_client_id(self) -> int | None:
        return self.pk
