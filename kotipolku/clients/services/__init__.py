"""Writes of client data: keyword-only, atomic, audited in the same transaction.

`client_create` (and `kotipolku.clients.selectors.client_find_by_henkilotunnus`) are used by intake.
"""

from kotipolku.clients.services.clients import (
    client_close,
    client_convert_outreach,
    client_create,
    client_reopen,
    client_update,
    refresh_long_term_flag,
)
from kotipolku.clients.services.feedback import (
    feedback_link_create,
    feedback_link_usable,
    feedback_record,
    feedback_submit_anonymous,
    walk_in_log,
)
from kotipolku.clients.services.privacy import anonymise_past_retention, client_anonymise
from kotipolku.clients.services.records import (
    encounter_log,
    goal_add,
    goal_set_status,
    housing_period_add,
    housing_period_close,
    referral_create,
    referral_transition,
)

__all__ = [
    "anonymise_past_retention",
    "client_anonymise",
    "client_close",
    "client_convert_outreach",
    "client_create",
    "client_reopen",
    "client_update",
    "encounter_log",
    "feedback_link_create",
    "feedback_link_usable",
    "feedback_record",
    "feedback_submit_anonymous",
    "goal_add",
    "goal_set_status",
    "housing_period_add",
    "housing_period_close",
    "referral_create",
    "referral_transition",
    "refresh_long_term_flag",
    "walk_in_log",
]
