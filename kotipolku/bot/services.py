"""Writes of the bot: loading content, the anonymous question log, feedback, editor examples, purge."""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotipolku.bot import engine
from kotipolku.bot.content import read_content
from kotipolku.bot.engine import Reply
from kotipolku.bot.engine.text import MAX_CHARS
from kotipolku.bot.models import Answer, EditorExample, Exchange, GuidancePath
from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.inserts import insert_new
from kotipolku.core.models import AuditAction
from kotipolku.core.redaction import redact


def load_bot_content(*, directory: Path | str | None = None, stdout=None) -> str:
    """Load content/bot/ into the database (idempotent). Validates everything first: with any error,
    nothing changes and ContentError lists the problems by file and item. Answers and paths that
    disappeared from the files are switched off, not deleted (editor examples stay attached)."""
    answers, paths = read_content(directory)
    created = updated = 0
    with transaction.atomic():
        for entry in answers:
            fields = {
                "theme": entry.theme,
                "handbook": entry.handbook,
                "services": entry.services,
                "texts": entry.texts,
                "source_file": entry.source,
                "is_active": True,
            }
            row = Answer.objects.filter(key=entry.key).first()
            if row is None:
                row = Answer(key=entry.key, **fields)
                row.full_clean()
                row.save()
                created += 1
            elif any(getattr(row, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(row, k, v)
                row.full_clean()
                row.save()
                updated += 1
        off = Answer.objects.filter(is_active=True).exclude(key__in=[a.key for a in answers]).update(is_active=False)
        for entry in paths:
            fields = {
                "theme": entry.theme,
                "title": entry.title,
                "start": entry.start,
                "nodes": entry.nodes,
                "source_file": entry.source,
                "is_active": True,
            }
            row = GuidancePath.objects.filter(key=entry.key).first() or GuidancePath(key=entry.key)
            if row.pk is None or any(getattr(row, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(row, k, v)
                row.full_clean()
                row.save()
        GuidancePath.objects.filter(is_active=True).exclude(key__in=[p.key for p in paths]).update(is_active=False)
        transaction.on_commit(engine.invalidate)
    summary = (
        f"{len(answers)} answers ({created} new, {updated} changed, {off} switched off), {len(paths)} guidance paths"
    )
    if stdout is not None:
        stdout.write(f"  bot content: {summary}")
    return summary


def exchange_record(*, reply: Reply, question: str, conversation) -> Exchange:
    """Store one question and answer anonymously: the question is redacted before it is written."""
    if reply.emergency:
        status = Exchange.Status.EMERGENCY
    elif reply.fallback:
        status = Exchange.Status.FALLBACK
    else:
        status = Exchange.Status.ANSWERED
    exchange = Exchange(
        conversation=conversation,
        lang=reply.lang,
        question=redact(engine.clean_message(question))[:MAX_CHARS] or "-",
        status=status,
        theme=reply.theme or "",
        answer_key=reply.answer_id or "",
        score=round(reply.score, 4),
    )
    # Field checks only: the unique public_id is a fresh uuid4 and the database enforces it anyway, so
    # the unique check's extra SELECT per question is not worth it; the row goes in with one prepared
    # INSERT instead of save() (docs/reliability/load.md).
    exchange.full_clean(validate_unique=False, validate_constraints=False)
    return insert_new(exchange)


def feedback_record(*, public_id, helpful: bool) -> Exchange | None:
    """'Was this helpful?' for one answer; None when the exchange is unknown or already purged."""
    with transaction.atomic():
        exchange = Exchange.objects.select_for_update().filter(public_id=public_id).first()
        if exchange is None:
            return None
        exchange.helpful = helpful
        exchange.feedback_at = timezone.now()
        exchange.save(update_fields=["helpful", "feedback_at"])
    return exchange


def exchange_mark_reviewed(*, actor: Actor, exchange: Exchange) -> Exchange:
    access.require_area(actor, Area.CONTENT)
    with transaction.atomic():
        exchange.reviewed = True
        exchange.save(update_fields=["reviewed"])
        audit.record(actor, AuditAction.UPDATE, obj=exchange, reviewed=True)
    return exchange


def editor_example_add(*, actor: Actor, answer_key: str, lang: str, text: str, exchange: Exchange | None = None):
    """Turn a logged question into a new example phrasing of an answer; the index picks it up."""
    access.require_area(actor, Area.CONTENT)
    answer = Answer.objects.filter(key=answer_key, is_active=True).first()
    if answer is None:
        raise ValidationError({"answer": _("Valitse olemassa oleva vastaus.")})
    example = EditorExample(
        answer=answer, lang=lang, text=redact(" ".join((text or "").split()))[:300], created_by=actor
    )
    example.full_clean()
    with transaction.atomic():
        example.save()
        if exchange is not None:
            exchange.reviewed = True
            exchange.save(update_fields=["reviewed"])
        audit.record(actor, AuditAction.CREATE, obj=example, answer=answer.key, lang=lang)
        transaction.on_commit(engine.invalidate)
    return example


def exchanges_purge(
    *, older_than_days: int | None = None, dry_run: bool = False, batch_size: int = 1000, progress=None
) -> int:
    """Delete logged questions older than the retention period (BOT_LOG_RETENTION_DAYS, default 90)."""
    days = older_than_days if older_than_days is not None else getattr(settings, "BOT_LOG_RETENTION_DAYS", 90)
    cutoff = timezone.now() - timedelta(days=days)
    qs = Exchange.objects.filter(created_at__lt=cutoff)
    total = qs.count()
    if dry_run or not total:
        return total
    deleted = 0
    while True:
        ids = list(qs.values_list("id", flat=True)[:batch_size])
        if not ids:
            break
        with transaction.atomic():
            deleted += Exchange.objects.filter(id__in=ids).delete()[0]
        if progress:
            progress(deleted, total)
    audit.record("system", AuditAction.DELETE, object_type="bot.Exchange", count=deleted, retention_days=days)
    return deleted
