"""The emergency block shown first by the bot, the self-assessment and other public pages.

Only numbers that are national and verified are given here (sources in the template); the county's
own social emergency number comes from the service compass, never from code.
"""

from django.apps import apps

from kotipolku.core import pagecache

# "Open now" changes with the clock, so the list is kept at most this long (and dropped at once
# when a service is saved: namespace "services").
OPEN_NOW_TTL_SECONDS = 60


def _open_emergency_services(limit: int) -> list[dict]:
    if not apps.is_installed("kotipolku.services"):
        return []
    try:
        from kotipolku.services.selectors import open_services
    except ImportError:  # the service compass is not built yet
        return []
    found = list(open_services(category="emergency_shelter", limit=limit))
    found += list(open_services(category="social_emergency", limit=limit))
    # Plain values in the active language: cheap to cache, nothing else of the service leaks.
    return [{"name": str(service), "url": service.get_absolute_url()} for service in found]


def emergency_context(*, limit: int = 3) -> dict:
    """Context for core/emergency_block.html: emergency shelters open now, when the compass has them."""
    shelters = pagecache.get_or_compute(
        "emergency",
        str(limit),
        namespaces=("services",),
        ttl=OPEN_NOW_TTL_SECONDS,
        compute=lambda: _open_emergency_services(limit),
    )
    return {"emergency_services": shelters}
