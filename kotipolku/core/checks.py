"""Deployment checks (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Warning, register


@register("caches", deploy=True)
def shared_cache(app_configs, **kwargs):
    """Rate limits and cached-page versions need one cache for all server processes (load.md, F3)."""
    if getattr(settings, "CACHE_URL", ""):
        return []
    return [
        Warning(
            "CACHE_URL is not set: rate limits and the public page cache's versions are kept in each "
            "server process, so with several gunicorn workers a client gets the limit once per worker.",
            hint="Set CACHE_URL=redis://host:6379/0 (production), or run a single process as `make serve` "
            "does without CACHE_URL.",
            id="kotipolku.W001",
        )
    ]
