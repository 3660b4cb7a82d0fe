"""Loading service entries from the YAML files of content/services/ (demo and curated content)."""

from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from kotipolku.services.services import service_upsert


def content_dir() -> Path:
    return Path(getattr(settings, "CONTENT_DIR", Path(settings.BASE_DIR) / "content")) / "services"


def error_lines(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{field}: {msg}" for field, errors in exc.message_dict.items() for msg in errors]
    return list(exc.messages)


def load_directory(directory: Path | None = None, *, actor="system", stdout=None) -> dict:
    """Upsert every *.yaml of the directory; a bad file is reported and skipped (each file is atomic)."""
    directory = directory or content_dir()
    counts = {"created_or_updated": 0, "unchanged": 0, "errors": []}
    for path in sorted(directory.glob("*.yaml")):
        try:
            docs = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            counts["errors"].append(f"{path.name}: YAML: {exc}")
            continue
        docs = docs if isinstance(docs, list) else [docs]
        try:
            with transaction.atomic():
                for doc in docs:
                    _, changed = service_upsert(actor=actor, data=doc, source=f"content:{path.name}")
                    counts["created_or_updated" if changed else "unchanged"] += 1
        except ValidationError as exc:
            counts["errors"] += [f"{path.name}: {line}" for line in error_lines(exc)]
        if stdout is not None:
            stdout.write(f"    {path.name}")
    return counts
