"""Models of client work (see docs/clients.md for the data model and the reporting fields)."""

from kotipolku.clients.models.choices import (
    HOMELESS_STATUSES,
    HOUSING_SOLVED_OUTCOMES,
    OPEN_REFERRAL_STATUSES,
    REFERRAL_TRANSITIONS,
    TRUST_GROWN_MIN,
    AgeGroup,
    AuthorityContact,
    ClientStatus,
    ClosingReason,
    EncounterType,
    Gender,
    GoalStatus,
    HousingOutcome,
    HousingStatus,
    ReferralStatus,
    Topic,
)
from kotipolku.clients.models.client import Client
from kotipolku.clients.models.closing import Closing
from kotipolku.clients.models.encounter import Encounter
from kotipolku.clients.models.feedback import ClientFeedback, FeedbackLink, hash_token
from kotipolku.clients.models.housing import HousingPeriod
from kotipolku.clients.models.plan import REFERRAL_TIMESTAMP_FIELD, Goal, Referral
from kotipolku.clients.models.walkin import WalkInVisit

__all__ = [
    "HOMELESS_STATUSES",
    "HOUSING_SOLVED_OUTCOMES",
    "OPEN_REFERRAL_STATUSES",
    "REFERRAL_TIMESTAMP_FIELD",
    "REFERRAL_TRANSITIONS",
    "TRUST_GROWN_MIN",
    "AgeGroup",
    "AuthorityContact",
    "Client",
    "ClientFeedback",
    "ClientStatus",
    "Closing",
    "ClosingReason",
    "Encounter",
    "EncounterType",
    "FeedbackLink",
    "Gender",
    "Goal",
    "GoalStatus",
    "HousingOutcome",
    "HousingPeriod",
    "HousingStatus",
    "Referral",
    "ReferralStatus",
    "Topic",
    "WalkInVisit",
    "hash_token",
]
