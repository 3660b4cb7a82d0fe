"""The emergency block shown first by the bot, the self-assessment and other public pages.

Only numbers that are national and verified are given here (sources in the template); the county's
own social emergency number comes from the service compass, never from code.
"""

from django.apps import apps


def emergency_context(*, limit: int = 3) -> dict:
    """Context for core/emergency_block.html: emergency shelters open now, when the compass has them."""
    shelters = []
    if apps.is_installed("kotipolku.services"):
        try:
            from kotipolku.services.selectors import open_services
        except ImportError:  # the service compass is not built yet
            open_services = None
        if open_services is not None:
            shelters = list(open_services(category="emergency_shelter", limit=limit))
            shelters += list(open_services(category="social_emergency", limit=limit))
    return {"emergency_services": shelters}
