"""The bot holds no data that can be tied to a person; its anonymous logs are deleted by time (core/privacy.py)."""

import datetime as dt

from django.conf import settings

from kotipolku.bot.services import exchanges_purge
from kotipolku.core.privacy import RetentionRule, TableChange, no_personal_data, retention_only

MODELS = {
    "bot.Exchange": retention_only(
        "anonymous questions with identity codes, phones, e-mail and addresses redacted; no user, IP or session, "
        "so no row can be tied to a person; deleted after BOT_LOG_RETENTION_DAYS"
    ),
    "bot.Answer": no_personal_data("curated answers written by editors from content/bot/"),
    "bot.GuidancePath": no_personal_data("guidance trees written by editors from content/bot/"),
    "bot.EditorExample": no_personal_data("example phrasings an editor wrote (redacted before saving)"),
}


def retention_days() -> int:
    return int(getattr(settings, "BOT_LOG_RETENTION_DAYS", 90))


RETENTION = (
    RetentionRule(
        what="bot conversation logs (redacted questions, answers, feedback)",
        period="BOT_LOG_RETENTION_DAYS days after the question",
        setting="BOT_LOG_RETENTION_DAYS (default 90)",
        action="delete",
    ),
)


def apply_retention(*, dry_run: bool, now: dt.datetime) -> list[TableChange]:
    """bot_purge's own function (batched deletes); only the count is reported."""
    days = retention_days()
    count = exchanges_purge(older_than_days=days, dry_run=dry_run)
    return [TableChange("bot.Exchange", "delete", total=count, note=f"older than {days} days")]
