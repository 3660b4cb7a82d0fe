"""Writes of handbook articles: loading the reviewed content files into the database."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from kotipolku.handbook.loader import ContentError, read_all
from kotipolku.handbook.models import Article


class ContentInvalid(Exception):
    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s) in handbook content")


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_admin_edits: list[str] = field(default_factory=list)
    not_in_files: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.skipped_admin_edits)} kept (edited in admin)"
        )
        if self.not_in_files:
            text += f", {len(self.not_in_files)} in the database without a file"
        return text


def handbook_load(
    *, root: Path | None = None, force: bool = False, progress: Callable[[str], None] | None = None
) -> LoadResult:
    """Load every content file; idempotent. All files are validated before anything is written.

    Articles an editor has saved in the admin are kept unless force=True, so a routine re-load
    never silently throws away an editor's fix. Raises ContentInvalid listing every problem.
    """
    files, errors = read_all(root)
    if errors:
        raise ContentInvalid(errors)
    result = LoadResult()
    seen = set()
    with transaction.atomic():
        existing = {(a.slug, a.lang): a for a in Article.objects.select_for_update()}
        for item in files:
            key = (item.slug, item.lang)
            seen.add(key)
            article = existing.get(key)
            label = f"{item.lang}/{item.slug}"
            if article is None:
                article = Article(slug=item.slug, lang=item.lang)
                status = "created"
            elif article.edited_in_admin and not force:
                result.skipped_admin_edits.append(label)
                if progress:
                    progress(f"  {label}: kept (edited in admin; --force overwrites)")
                continue
            elif article.content_hash == item.content_hash and not article.edited_in_admin:
                result.unchanged += 1
                continue
            else:
                status = "updated"
            for name, value in item.fields.items():
                setattr(article, name, value)
            article.source_file = item.path
            article.content_hash = item.content_hash
            article.edited_in_admin = False
            article.full_clean()
            article.save()
            setattr(result, status, getattr(result, status) + 1)
            if progress:
                progress(f"  {label}: {status}")
        result.not_in_files = sorted(f"{lang}/{slug}" for (slug, lang) in set(existing) - seen)
    return result
