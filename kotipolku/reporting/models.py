"""Reporting's own records: result targets per period and social-reporting observations.

Everything else the reports show is computed from the other modules' records (see kpis.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.core.access import TeamScope
from kotipolku.core.models import Team
from kotipolku.core.themes import Theme


class TargetMetric(models.TextChoices):
    CLIENTS_REACHED = "clients_reached", _("Tavoitetut asiakkaat (lkm)")
    HOUSING_SOLVED = "housing_solved_share", _("Asumistilanne ratkesi (%)")
    SECURED_ENTRY = "secured_entry_share", _("Turvattu pääsy palveluihin (%)")
    TRUST_GROWN = "trust_grown_share", _("Luottamus kasvoi (%)")


#: Metrics whose target is a percentage (0-100); the others are counts.
PERCENT_METRICS = frozenset({TargetMetric.HOUSING_SOLVED, TargetMetric.SECURED_ENTRY, TargetMetric.TRUST_GROWN})


class ResultTarget(models.Model):
    """A result target for a period (e.g. 150 clients reached in 2026), for all teams or one team."""

    metric = models.CharField(_("mittari"), max_length=32, choices=TargetMetric.choices)
    period_start = models.DateField(_("jakso alkaen"))
    period_end = models.DateField(_("jakso päättyen"))
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("tiimi")
    )
    value = models.DecimalField(_("tavoite"), max_digits=8, decimal_places=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-period_start", "metric"]
        verbose_name = _("tulostavoite")
        verbose_name_plural = _("tulostavoitteet")
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "period_start", "period_end", "team"], name="reporting_target_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="reporting_target_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_metric_display()} {self.period_start}–{self.period_end}: {self.value}"

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Jakson loppu ei voi olla ennen alkua.")})
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": _("Tavoite ei voi olla negatiivinen.")})
        if self.metric in PERCENT_METRICS and self.value is not None and self.value > 100:
            raise ValidationError({"value": _("Prosenttitavoite on enintään 100.")})


class Frequency(models.TextChoices):
    ONCE = "once", _("Yksittäinen havainto")
    SOMETIMES = "sometimes", _("Toistuu silloin tällöin")
    OFTEN = "often", _("Toistuu usein")
    WEEKLY = "weekly", _("Viikoittain tai useammin")


class Observation(models.Model):
    """A structured social-reporting observation (sosiaalinen raportointi). Holds no personal data:
    the free text is checked with core.redaction before saving."""

    phenomenon = models.CharField(_("ilmiö"), max_length=200)
    theme = models.CharField(_("teema"), max_length=20, choices=Theme.choices)
    municipality = models.CharField(_("alue tai kunta"), max_length=80)
    frequency = models.CharField(_("kuinka usein"), max_length=12, choices=Frequency.choices)
    example = models.TextField(_("esimerkki ilman henkilötietoja"), max_length=2000, blank=True)
    proposal = models.TextField(_("ehdotus"), max_length=2000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("kirjaaja")
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+", verbose_name=_("tiimi"))
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)

    # Not client data, but a team's working notes: the team's workers and leads, admins all.
    access_scope = TeamScope("team")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("havainto")
        verbose_name_plural = _("havainnot")

    def __str__(self) -> str:
        return self.phenomenon


class BirthDateCache(models.Model):
    """A client's birth date derived from the identity code, so that the point-in-time count need
    not decrypt every code. Valid only while `hetu_hash` equals the client's current
    henkilotunnus_hash (checked on every read; a changed or erased code makes it stale and it is
    recomputed). Deleted with the client. Never shown; used only for age columns of counts."""

    client = models.OneToOneField("clients.Client", on_delete=models.CASCADE, primary_key=True, related_name="+")
    hetu_hash = models.CharField(max_length=64)
    birth_date = models.DateField()

    access_scope = TeamScope("client__teams")

    class Meta:
        verbose_name = _("syntymäaika (johdettu)")
        verbose_name_plural = _("syntymäajat (johdettu)")

    def __str__(self) -> str:
        return f"#{self.client_id}"

    @property
    def audit_client_id(self) -> int:
        return self.client_id
