"""Survey campaigns on the instruments engine, their anonymous answers, and the cooperation network.

A survey definition is an instrument version of kind "survey" (frozen, versioned). A campaign is one
round of asking: open and close times, an open link or one-time links, optionally tied to a network
meeting or a housing company. Answers carry no identity.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.core.access import RoleScope
from kotipolku.core.models import LandlordOrganisation, Role

REPORT_ROLES = frozenset({Role.LEAD, Role.ADMIN})


class OrganisationKind(models.TextChoices):
    PUBLIC = "public", _("julkinen sektori")
    THIRD_SECTOR = "third_sector", _("järjestö")
    PARISH = "parish", _("seurakunta")
    LANDLORD = "landlord", _("vuokranantaja")
    KELA = "kela", _("Kela")
    EDUCATION = "education", _("oppilaitos")
    COMPANY = "company", _("yritys")
    OTHER = "other", _("muu")


class NetworkOrganisation(models.Model):
    name = models.CharField(_("nimi"), max_length=200, unique=True)
    kind = models.CharField(_("sektori"), max_length=20, choices=OrganisationKind.choices)
    municipality = models.CharField(_("kunta"), max_length=80, blank=True)
    is_active = models.BooleanField(_("mukana verkostossa"), default=True)
    joined_on = models.DateField(_("liittynyt"), null=True, blank=True)

    access_scope = RoleScope(REPORT_ROLES)

    class Meta:
        ordering = ["name"]
        verbose_name = _("verkoston jäsenorganisaatio")
        verbose_name_plural = _("verkoston jäsenorganisaatiot")

    def __str__(self) -> str:
        return self.name


class NetworkContact(models.Model):
    """A contact person of a member organisation. Personal data: exportable and erasable on request."""

    organisation = models.ForeignKey(NetworkOrganisation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("nimi"), max_length=120)
    title = models.CharField(_("tehtävä"), max_length=120, blank=True)
    email = models.EmailField(_("sähköposti"), max_length=254, blank=True)
    phone = models.CharField(_("puhelin"), max_length=40, blank=True)
    consent_to_contact = models.BooleanField(_("suostumus yhteydenottoihin"), default=False)
    consent_recorded_at = models.DateTimeField(_("suostumus kirjattu"), null=True, blank=True)

    access_scope = RoleScope(REPORT_ROLES)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("yhteyshenkilö")
        verbose_name_plural = _("yhteyshenkilöt")

    def __str__(self) -> str:
        return self.name


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("verkostotapaaminen")
    WORKSHOP = "workshop", _("työpaja")


class NetworkMeeting(models.Model):
    date = models.DateField(_("päivämäärä"))
    kind = models.CharField(_("laji"), max_length=10, choices=MeetingKind.choices, default=MeetingKind.MEETING)
    theme = models.CharField(_("teema"), max_length=200)
    participant_count = models.PositiveIntegerField(_("osallistujia"))
    organisations = models.ManyToManyField(
        NetworkOrganisation, blank=True, related_name="meetings", verbose_name=_("mukana olleet organisaatiot")
    )

    access_scope = RoleScope(REPORT_ROLES)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("verkostotapaaminen")
        verbose_name_plural = _("verkostotapaamiset")

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.theme}"


def new_slug() -> str:
    return secrets.token_urlsafe(9)


class SurveyCampaign(models.Model):
    """One round of a survey: when it is open and how people reach it."""

    version = models.ForeignKey("instruments.InstrumentVersion", on_delete=models.PROTECT, related_name="campaigns")
    title = models.CharField(_("nimi"), max_length=200)
    opens_at = models.DateTimeField(_("avautuu"), default=timezone.now)
    closes_at = models.DateTimeField(_("sulkeutuu"))
    one_time_links = models.BooleanField(
        _("vain kertakäyttöiset linkit"),
        default=False,
        help_text=_("Jokainen vastaaja saa oman linkin, jolla voi vastata kerran."),
    )
    public_slug = models.CharField(max_length=20, unique=True, default=new_slug, editable=False)
    meeting = models.ForeignKey(
        NetworkMeeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
        verbose_name=_("tapaaminen"),
    )
    landlord = models.ForeignKey(
        LandlordOrganisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="survey_campaigns",
        verbose_name=_("vuokrataloyhtiö"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    access_scope = RoleScope(REPORT_ROLES)

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("kyselykierros")
        verbose_name_plural = _("kyselykierrokset")

    def __str__(self) -> str:
        return self.title

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.opens_at <= at < self.closes_at


class SurveyLink(models.Model):
    """A one-time answering link; only the digest of its token is stored."""

    campaign = models.ForeignKey(SurveyCampaign, on_delete=models.CASCADE, related_name="links")
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("kertakäyttölinkki")
        verbose_name_plural = _("kertakäyttölinkit")

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.pk}"


class SurveyAnswer(models.Model):
    """One anonymous answer. `group` is the value of the survey's group_by item (e.g. municipality)."""

    campaign = models.ForeignKey(SurveyCampaign, on_delete=models.PROTECT, related_name="answers")
    answers = models.JSONField(default=dict)
    group = models.CharField(max_length=63, blank=True, db_index=True)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)

    access_scope = RoleScope(REPORT_ROLES)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("kyselyvastaus")
        verbose_name_plural = _("kyselyvastaukset")

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.pk}"
