"""Reading and validating handbook content files: `content/handbook/<lang>/<slug>.md`.

A file is YAML front matter between `---` lines, then the Markdown body. Validation collects every
problem with the file, line (where known) and field, so an editor can fix them all in one go.
"""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings

from kotipolku.core.themes import THEME_CODES
from kotipolku.handbook.models import ArticleKind
from kotipolku.handbook.validators import category_problems, source_problems

REQUIRED = ("title", "theme", "kind", "summary", "sources", "reviewed")
OPTIONAL = ("services",)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def content_root() -> Path:
    return Path(settings.CONTENT_DIR) / "handbook"


@dataclass
class ContentError:
    path: str
    field: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.reason}"


@dataclass
class ArticleFile:
    path: str
    slug: str
    lang: str
    fields: dict = field(default_factory=dict)
    content_hash: str = ""


def _split(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line where the body starts) or None without front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    return None


def parse_file(path: Path, *, root: Path) -> tuple[ArticleFile | None, list[ContentError]]:
    """Parse and validate one content file; returns (article fields, errors)."""
    rel = str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)
    errors: list[ContentError] = []

    def err(field_name: str, reason: str, line: int | None = None) -> None:
        errors.append(ContentError(rel, field_name, reason, line))

    lang, slug = path.parent.name, path.stem
    if lang not in dict(settings.LANGUAGES):
        err("lang", f"folder {lang!r} is not a site language ({', '.join(dict(settings.LANGUAGES))})")
    if not SLUG.match(slug):
        err("slug", f"file name {slug!r} must be lower-case letters, digits and hyphens")
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        err("file", f"not UTF-8 text ({exc.reason})")
        return None, errors
    parts = _split(text)
    if parts is None:
        err("front matter", "the file must start with '---', the YAML front matter and a closing '---'", 1)
        return None, errors
    front_text, body, body_line = parts
    try:
        meta = yaml.safe_load(front_text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        err("front matter", f"invalid YAML: {getattr(exc, 'problem', exc)}", mark.line + 2 if mark else None)
        return None, errors
    if not isinstance(meta, dict):
        err("front matter", "must be a mapping of field: value", 2)
        return None, errors

    for name in REQUIRED:
        if meta.get(name) in (None, "", []):
            err(name, "missing or empty")
    for name in sorted(set(meta) - set(REQUIRED) - set(OPTIONAL)):
        err(name, f"unknown field (allowed: {', '.join(REQUIRED + OPTIONAL)})")
    if not body.strip():
        err("body", "the Markdown body after the front matter is empty", body_line)

    theme = meta.get("theme")
    if theme and theme not in THEME_CODES:
        err("theme", f"unknown theme {theme!r} (one of: {', '.join(THEME_CODES)})")
    kind = meta.get("kind")
    if kind and kind not in ArticleKind.values:
        err("kind", f"unknown kind {kind!r} (article or checklist)")
    for name, limit in (("title", 200), ("summary", 600)):
        value = meta.get(name)
        if value and not isinstance(value, str):
            err(name, "must be text")
        elif value and len(value) > limit:
            err(name, f"longer than {limit} characters")

    reviewed = meta.get("reviewed")
    if isinstance(reviewed, str):
        try:
            reviewed = dt.date.fromisoformat(reviewed)
        except ValueError:
            err("reviewed", f"{reviewed!r} is not a date YYYY-MM-DD")
            reviewed = None
    elif reviewed is not None and not isinstance(reviewed, dt.date):
        err("reviewed", f"{reviewed!r} is not a date YYYY-MM-DD")
        reviewed = None
    if isinstance(reviewed, dt.datetime):
        reviewed = reviewed.date()

    sources = meta.get("sources")
    if sources is not None and sources != []:
        for field_name, reason in source_problems(sources):
            err(field_name, reason)

    services = meta.get("services") or []
    for field_name, reason in category_problems(services):
        err(field_name, reason)

    if errors:
        return None, errors
    fields = {
        "theme": theme,
        "kind": kind,
        "title": meta["title"].strip(),
        "summary": meta["summary"].strip(),
        "body": body.strip() + "\n",
        "sources": [{"title": str(s["title"]), "url": s["url"]} for s in sources],
        "service_categories": list(services),
        "last_reviewed": reviewed,
    }
    return ArticleFile(rel, slug, lang, fields, hashlib.sha256(raw).hexdigest()), []


def read_all(root: Path | None = None) -> tuple[list[ArticleFile], list[ContentError]]:
    """Every `<lang>/<slug>.md` under root, parsed; all errors of all files."""
    root = root or content_root()
    files, errors = [], []
    if not root.is_dir():
        return [], [ContentError(str(root), "folder", "handbook content folder not found")]
    for path in sorted(root.glob("*/*.md")):
        parsed, errs = parse_file(path, root=root)
        errors.extend(errs)
        if parsed:
            files.append(parsed)
    return files, errors
