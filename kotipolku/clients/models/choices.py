"""Fixed, translated code lists of client work. Codes are stable (reports and the API use them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClientStatus(models.TextChoices):
    OPEN = "open", _("Avoin")
    CLOSED = "closed", _("Päättynyt")


class AgeGroup(models.TextChoices):
    UNDER_18 = "under_18", _("alle 18")
    AGE_18_24 = "18_24", _("18–24")
    AGE_25_34 = "25_34", _("25–34")
    AGE_35_49 = "35_49", _("35–49")
    AGE_50_64 = "50_64", _("50–64")
    AGE_65_PLUS = "65_plus", _("65 tai yli")


class Gender(models.TextChoices):
    FEMALE = "female", _("nainen")
    MALE = "male", _("mies")
    OTHER = "other", _("muu")


class EncounterType(models.TextChoices):
    OUTREACH = "outreach", _("Etsivä työ / jalkautuminen")
    WALK_IN = "walk_in", _("Walk-in")
    PHONE = "phone", _("Puhelin")
    HOME_VISIT = "home_visit", _("Kotikäynti")
    OFFICE = "office", _("Toimistotapaaminen")
    DIGITAL = "digital", _("Digitaalinen")
    ACCOMPANIED_VISIT = "accompanied_visit", _("Saattaen asiointi")


class Topic(models.TextChoices):
    RENT_ARREARS = "rent_arrears", _("Vuokravelka")
    EVICTION_THREAT = "eviction_threat", _("Häädön uhka")
    BENEFITS = "benefits", _("Etuudet")
    HOUSING_APPLICATION = "housing_application", _("Asuntohakemus")
    HEALTH = "health", _("Terveys")
    MENTAL_HEALTH = "mental_health", _("Mielenterveys")
    SUBSTANCE_USE = "substance_use", _("Päihteet")
    DEBT = "debt", _("Velat")
    DAILY_LIVING = "daily_living", _("Arjen taidot")
    EMPLOYMENT = "employment", _("Työ")
    EDUCATION = "education", _("Koulutus")
    RELATIONSHIPS = "relationships", _("Ihmissuhteet")
    LEGAL = "legal", _("Oikeudelliset asiat")
    OTHER = "other", _("Muu")


class AuthorityContact(models.TextChoices):
    KELA = "kela", _("Kela")
    SOCIAL_SERVICES = "social_services", _("Sosiaalipalvelut")
    HEALTH_SERVICES = "health_services", _("Terveyspalvelut")
    ENFORCEMENT = "enforcement", _("Ulosotto")
    LANDLORD = "landlord", _("Vuokranantaja")
    POLICE = "police", _("Poliisi")
    EMPLOYMENT_SERVICES = "employment_services", _("Työllisyyspalvelut")
    LEGAL_AID = "legal_aid", _("Oikeusaputoimisto")
    OTHER = "other", _("Muu")


class HousingStatus(models.TextChoices):
    """Living situation. The first five are the homeless categories of Varke's annual homelessness
    survey (asunnottomuusselvitys); the rest are housed situations."""

    OUTDOORS_SHELTER = "outdoors_shelter", _("Ulkona, porrashuoneissa, ensisuojissa tms.")
    DORMITORY_HOSTEL = "dormitory_hostel", _("Asuntolassa tai hostellissa")
    INSTITUTION = "institution", _("Laitoksessa asunnon puutteen vuoksi")
    RELEASED_PRISONER = "released_prisoner", _("Vapautuva vanki, jolla ei asuntoa")
    FRIENDS_RELATIVES = "friends_relatives", _("Tilapäisesti tuttavien tai sukulaisten luona")
    OWN_RENTAL = "own_rental", _("Oma vuokra-asunto")
    OWNER_OCCUPIED = "owner_occupied", _("Omistusasunto")
    SUPPORTED_HOUSING = "supported_housing", _("Tuettu asuminen")
    HOUSING_FIRST = "housing_first", _("Asunto ensin -asunto")
    TEMPORARY_HOUSING = "temporary_housing", _("Tilapäinen asumisyksikkö")
    SERVICE_HOUSING = "service_housing", _("Palveluasuminen")


#: Statuses counted as homelessness (Varke survey categories). Used by the long-term rule and reports.
HOMELESS_STATUSES = frozenset(
    {
        HousingStatus.OUTDOORS_SHELTER,
        HousingStatus.DORMITORY_HOSTEL,
        HousingStatus.INSTITUTION,
        HousingStatus.RELEASED_PRISONER,
        HousingStatus.FRIENDS_RELATIVES,
    }
)


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Avoin")
    ACHIEVED = "achieved", _("Saavutettu")
    DROPPED = "dropped", _("Luovuttu")


class ReferralStatus(models.TextChoices):
    PLANNED = "planned", _("Suunniteltu")
    CONTACTED = "contacted", _("Yhteys otettu")
    FIRST_MEETING_ATTENDED = "first_meeting_attended", _("Ensitapaaminen toteutui")
    HANDED_OVER = "handed_over", _("Siirtynyt palveluun")
    NOT_REACHED = "not_reached", _("Ei tavoitettu")


#: The warm-handover state machine: status -> statuses it may move to.
REFERRAL_TRANSITIONS: dict[str, frozenset[str]] = {
    ReferralStatus.PLANNED: frozenset({ReferralStatus.CONTACTED, ReferralStatus.NOT_REACHED}),
    ReferralStatus.CONTACTED: frozenset({ReferralStatus.FIRST_MEETING_ATTENDED, ReferralStatus.NOT_REACHED}),
    ReferralStatus.FIRST_MEETING_ATTENDED: frozenset({ReferralStatus.HANDED_OVER, ReferralStatus.NOT_REACHED}),
    ReferralStatus.HANDED_OVER: frozenset(),
    ReferralStatus.NOT_REACHED: frozenset(),
}
OPEN_REFERRAL_STATUSES = frozenset(
    {ReferralStatus.PLANNED, ReferralStatus.CONTACTED, ReferralStatus.FIRST_MEETING_ATTENDED}
)


class ClosingReason(models.TextChoices):
    GOALS_ACHIEVED = "goals_achieved", _("Tavoitteet saavutettu")
    TRANSFERRED = "transferred", _("Siirtyi toiseen palveluun")
    CLIENT_DECLINED = "client_declined", _("Asiakas ei halunnut jatkaa")
    MOVED_AWAY = "moved_away", _("Muutti pois alueelta")
    LOST_CONTACT = "lost_contact", _("Yhteys katkesi")
    DIED = "died", _("Kuoli")
    OTHER = "other", _("Muu")


class HousingOutcome(models.TextChoices):
    HOUSING_FOUND = "housing_found", _("Asunto löytyi")
    EVICTION_PREVENTED = "eviction_prevented", _("Häätö estyi")
    TEMPORARY_SOLUTION = "temporary_solution", _("Tilapäinen ratkaisu")
    MOVED_ELSEWHERE = "moved_elsewhere", _("Muutti muualle")
    LOST_CONTACT = "lost_contact", _("Yhteys katkesi")
    DIED = "died", _("Kuoli")
    OTHER = "other", _("Muu")


#: Outcomes counted as "housing solved" in reports.
HOUSING_SOLVED_OUTCOMES = frozenset({HousingOutcome.HOUSING_FOUND, HousingOutcome.EVICTION_PREVENTED})

#: Feedback answers of 4 or 5 on the 1-5 scale count as "trust grown".
TRUST_GROWN_MIN = 4
