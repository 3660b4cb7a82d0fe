"""Intake: early signals (contact requests, landlord notices, concern reports) and their triage.

Each signal has one `IntakeItem` that carries the triage state (team, priority, first-contact due
date, claim, outcome), so the queue is one ordered list whatever the source.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.core.access import AnyOf, LandlordScope, TeamScope
from kotipolku.core.fields import HenkilotunnusField
from kotipolku.core.models import LandlordOrganisation, Team
from kotipolku.core.themes import Theme
from kotipolku.intake.fields import EncryptedTextField


class Source(models.TextChoices):
    CONTACT_REQUEST = "contact_request", _("Yhteydenottopyyntö")
    LANDLORD_NOTICE = "landlord_notice", _("Vuokranantajan ilmoitus")
    CONCERN_REPORT = "concern_report", _("Huoli-ilmoitus")


class ItemStatus(models.TextChoices):
    NEW = "new", _("Uusi")
    CLAIMED = "claimed", _("Työn alla")
    CONTACTED = "contacted", _("Yhteys saatu")
    CONVERTED = "converted", _("Asiakkuus aloitettu")
    CLOSED = "closed", _("Suljettu")


OPEN_STATUSES = (ItemStatus.NEW, ItemStatus.CLAIMED, ItemStatus.CONTACTED)


class CloseReason(models.TextChoices):
    NO_NEED = "no_need", _("Ei tuen tarvetta")
    UNREACHABLE = "unreachable", _("Ei tavoitettu")
    DECLINED = "declined", _("Henkilö kieltäytyi tuesta")
    REFERRED = "referred", _("Ohjattu muualle")
    DUPLICATE = "duplicate", _("Kaksoiskappale")
    SPAM = "spam", _("Asiaton viesti")
    OTHER = "other", _("Muu syy")


class IntakeItem(models.Model):
    """The triage record of one signal: who handles it, how urgent, by when, and how it ended."""

    source = models.CharField(_("lähde"), max_length=20, choices=Source.choices, db_index=True)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="intake_items", verbose_name=_("tiimi")
    )
    received_at = models.DateTimeField(_("vastaanotettu"), default=timezone.now, db_index=True)
    priority = models.PositiveIntegerField(_("prioriteetti"), default=0)
    first_contact_due = models.DateField(_("ensikontakti viimeistään"))
    first_contact_at = models.DateTimeField(_("ensikontakti"), null=True, blank=True)
    status = models.CharField(_("tila"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.NEW)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claimed_intake_items",
        verbose_name=_("käsittelijä"),
    )
    claimed_at = models.DateTimeField(_("otettu käsittelyyn"), null=True, blank=True)
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intake_items",
        verbose_name=_("asiakas"),
    )
    close_reason = models.CharField(_("sulkemisen syy"), max_length=16, choices=CloseReason.choices, blank=True)
    close_note = models.CharField(_("lisätieto"), max_length=300, blank=True)
    closed_at = models.DateTimeField(_("käsitelty"), null=True, blank=True)
    contact_request = models.OneToOneField(
        "ContactRequest", on_delete=models.CASCADE, null=True, blank=True, related_name="intake_item"
    )
    landlord_notice = models.OneToOneField(
        "LandlordNotice", on_delete=models.CASCADE, null=True, blank=True, related_name="intake_item"
    )
    concern_report = models.OneToOneField(
        "ConcernReport", on_delete=models.CASCADE, null=True, blank=True, related_name="intake_item"
    )

    access_scope = TeamScope("team")

    class Meta:
        ordering = ["-priority", "received_at", "id"]
        verbose_name = _("saapunut asia")
        verbose_name_plural = _("saapuneet asiat")
        indexes = [models.Index(fields=["status", "first_contact_due"], name="intake_item_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_source_display()} #{self.pk}"

    @property
    def audit_client_id(self) -> int | None:
        return self.client_id

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def signal(self):
        """The source record (contact request, notice or concern report)."""
        return self.contact_request or self.landlord_notice or self.concern_report


class Urgency(models.TextChoices):
    ACUTE = "acute", _("Kiireellinen: ei asuntoa nyt tai häätö lähipäivinä")
    SOON = "soon", _("Lähiviikkoina")
    NOT_URGENT = "not_urgent", _("Ei kiireellinen")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Soittakaa minulle")
    EMAIL = "email", _("Lähettäkää sähköpostia")
    CALLBACK = "callback", _("Soitan itse asiointitunnuksella (ei yhteystietoja)")


class Language(models.TextChoices):
    FI = "fi", _("suomi")
    SV = "sv", _("ruotsi")
    EN = "en", _("englanti")


class ContactRequest(models.Model):
    """A request for help from the public; anonymous when the person chose to call back themselves."""

    reference_code = models.CharField(_("asiointitunnus"), max_length=9, unique=True)
    theme = models.CharField(_("aihe"), max_length=20, choices=Theme.choices, blank=True)
    urgency = models.CharField(_("kiireellisyys"), max_length=12, choices=Urgency.choices)
    contact_method = models.CharField(_("yhteydenottotapa"), max_length=10, choices=ContactMethod.choices)
    name = EncryptedTextField(_("nimi"))
    phone = EncryptedTextField(_("puhelinnumero"))
    email = EncryptedTextField(_("sähköposti"))
    message = EncryptedTextField(_("viesti"))
    preferred_language = models.CharField(_("asiointikieli"), max_length=2, choices=Language.choices, default="fi")
    municipality = models.CharField(_("kunta"), max_length=80, blank=True)
    assessment_summary = models.JSONField(_("itsearvion yhteenveto"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    access_scope = TeamScope("intake_item__team")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("yhteydenottopyyntö")
        verbose_name_plural = _("yhteydenottopyynnöt")

    def __str__(self) -> str:
        return self.reference_code


class NoticeType(models.TextChoices):
    RENT_ARREARS = "rent_arrears", _("Vuokrarästi")
    PAYMENT_PLAN_BROKEN = "payment_plan_broken", _("Maksusuunnitelma ei pitänyt")
    DISTURBANCE_WARNING = "disturbance_warning", _("Häiriövaroitus")
    TERMINATION = "termination", _("Irtisanominen tai purku")
    EVICTION_APPLICATION = "eviction_application", _("Häätöhakemus vireillä")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Vuokralaisen suostumus")
    STATUTORY = "statutory", _("Lakiin perustuva tiedonanto")


class NoticeStatus(models.TextChoices):
    """The only things a landlord ever learns about its notice."""

    RECEIVED = "received", _("Vastaanotettu")
    CONTACTED = "contacted", _("Yhteydessä vuokralaiseen")
    SUPPORT_STARTED = "support_started", _("Tuki aloitettu")
    CLOSED = "closed", _("Käsitelty")


class LandlordNotice(models.Model):
    """An early-warning notice from a landlord about a tenant at risk of losing their home."""

    landlord = models.ForeignKey(
        LandlordOrganisation, on_delete=models.PROTECT, related_name="notices", verbose_name=_("vuokranantaja")
    )
    external_id = models.CharField(_("vuokranantajan tunniste"), max_length=64)
    notice_type = models.CharField(_("ilmoituksen tyyppi"), max_length=24, choices=NoticeType.choices)
    henkilotunnus = HenkilotunnusField(_("henkilötunnus"), hash_field="henkilotunnus_hash")
    henkilotunnus_hash = models.CharField(max_length=64, null=True, blank=True, editable=False, db_index=True)
    tenant_name = EncryptedTextField(_("vuokralaisen nimi"))
    tenant_birth_date = models.DateField(_("syntymäaika"), null=True, blank=True)
    tenant_address = EncryptedTextField(_("osoite"))
    municipality = models.CharField(_("kunta"), max_length=80, blank=True)
    amount_eur = models.DecimalField(_("rästi (€)"), max_digits=10, decimal_places=2, null=True, blank=True)
    months_in_arrears = models.PositiveSmallIntegerField(_("rästikuukaudet"), null=True, blank=True)
    notice_date = models.DateField(_("ilmoituksen päivä"))
    legal_basis = models.CharField(_("tiedonannon peruste"), max_length=10, choices=LegalBasis.choices)
    contact_person = models.CharField(_("vuokranantajan yhteyshenkilö"), max_length=200)
    status = models.CharField(
        _("käsittelyn tila"), max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.RECEIVED
    )
    data_digest = models.CharField(max_length=64, editable=False)  # keyed hash of the sent data: resend check
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    access_scope = AnyOf(TeamScope("intake_item__team"), LandlordScope("landlord"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vuokranantajan ilmoitus")
        verbose_name_plural = _("vuokranantajan ilmoitukset")
        constraints = [
            models.UniqueConstraint(fields=["landlord", "external_id"], name="intake_notice_unique_external_id")
        ]

    def __str__(self) -> str:
        return f"{self.landlord} {self.external_id}"


class ReporterKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Ammattilainen")
    PUBLIC = "public", _("Yksityishenkilö")


class ConcernReport(models.Model):
    """A concern about someone's housing or wellbeing (huoli-ilmoitus), from a professional or anyone."""

    reporter_kind = models.CharField(_("ilmoittaja"), max_length=12, choices=ReporterKind.choices)
    reporter_name = EncryptedTextField(_("ilmoittajan nimi"))
    reporter_organisation = models.CharField(_("organisaatio"), max_length=200, blank=True)
    reporter_phone = EncryptedTextField(_("ilmoittajan puhelin"))
    reporter_email = EncryptedTextField(_("ilmoittajan sähköposti"))
    subject_name = EncryptedTextField(_("henkilön nimi"))
    henkilotunnus = HenkilotunnusField(_("henkilötunnus"), hash_field="henkilotunnus_hash")
    henkilotunnus_hash = models.CharField(max_length=64, null=True, blank=True, editable=False, db_index=True)
    subject_address = EncryptedTextField(_("henkilön osoite"))
    municipality = models.CharField(_("kunta"), max_length=80, blank=True)
    description = EncryptedTextField(_("huolen kuvaus"))
    housing_flag = models.BooleanField(_("asumisen täppä"), default=False)
    urgent = models.BooleanField(_("välitön vaara tai ei yöpaikkaa"), default=False)
    person_informed = models.BooleanField(_("henkilö tietää ilmoituksesta"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    access_scope = TeamScope("intake_item__team")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("huoli-ilmoitus")
        verbose_name_plural = _("huoli-ilmoitukset")

    def __str__(self) -> str:
        return f"{self.get_reporter_kind_display()} #{self.pk}"


class AttemptMethod(models.TextChoices):
    PHONE = "phone", _("Puhelu")
    SMS = "sms", _("Tekstiviesti")
    EMAIL = "email", _("Sähköposti")
    LETTER = "letter", _("Kirje")
    VISIT = "visit", _("Kotikäynti")
    OTHER = "other", _("Muu")


class ContactAttempt(models.Model):
    """One try to reach the person; a reached attempt is the first contact that the deadline measures."""

    item = models.ForeignKey(IntakeItem, on_delete=models.CASCADE, related_name="attempts")
    method = models.CharField(_("tapa"), max_length=8, choices=AttemptMethod.choices)
    reached = models.BooleanField(_("tavoitettiin"), default=False)
    note = models.CharField(_("muistiinpano"), max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    access_scope = TeamScope("item__team")

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("yhteydenottoyritys")
        verbose_name_plural = _("yhteydenottoyritykset")

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.at:%Y-%m-%d %H:%M}"

    @property
    def audit_client_id(self) -> int | None:
        return self.item.client_id
