"""Writes of intake data: keyword-only, atomic, audited in the same transaction.

notices.py: landlord notices (idempotent ingestion); public.py: contact requests and concern
reports; triage.py: claim, contact attempts, conversion into a client, closing.
"""

from kotipolku.intake.services.notices import NoticeConflict, notices_ingest
from kotipolku.intake.services.public import concern_report_submit, contact_request_submit
from kotipolku.intake.services.triage import item_claim, item_close, item_convert, item_log_attempt, item_reassign

__all__ = [
    "NoticeConflict",
    "concern_report_submit",
    "contact_request_submit",
    "item_claim",
    "item_close",
    "item_convert",
    "item_log_attempt",
    "item_reassign",
    "notices_ingest",
]
