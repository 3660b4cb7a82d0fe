"""Entries that modules add to the public front page and the staff navigation.

A module declares them on its AppConfig (`public_entries`, `staff_entries`), so adding a module never
means editing core templates. An entry whose URL does not resolve is left out.
"""

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from kotipolku.core.access import Actor, Area, in_area


@dataclass(frozen=True)
class Entry:
    url_name: str
    title: str  # a gettext_lazy string
    description: str = ""
    area: Area | None = None  # for staff entries: who sees it
    order: int = 100


def _resolved(entries):
    out = []
    for entry in sorted(entries, key=lambda e: e.order):
        try:
            out.append({"url": reverse(entry.url_name), "title": entry.title, "description": entry.description})
        except NoReverseMatch:
            continue
    return out


def public_entries() -> list[dict]:
    return _resolved(e for cfg in apps.get_app_configs() for e in getattr(cfg, "public_entries", ()))


def staff_entries(actor: Actor) -> list[dict]:
    entries = (
        e
        for cfg in apps.get_app_configs()
        for e in getattr(cfg, "staff_entries", ())
        if e.area is None or in_area(actor, e.area)
    )
    return _resolved(entries)
