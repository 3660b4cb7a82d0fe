from functools import lru_cache

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from kotipolku.core.access import Area, in_area

AUTONYMS = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


@lru_cache(maxsize=2048)
def _translated(path: str, code: str, active: str) -> str:
    """translate_url resolves and reverses the path: the same answer every time for a path and the
    active language (resolving a language-prefixed path depends on it)."""
    return translate_url(path, code)


def kotipolku(request):
    """Language switch links and the staff areas the user may open (for the navigation)."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    languages = [
        {
            "code": code,
            "name": AUTONYMS.get(code, code),
            "url": _translated(path, code, current),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    user = getattr(request, "user", None)
    return {
        "language_links": languages,
        "nav_areas": {area.value: in_area(user, area) for area in Area if area is not Area.LANDLORD},
        "demo_mode": settings.KOTIPOLKU_DEMO,
    }
