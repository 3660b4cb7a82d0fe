"""Finding each module's plug-in file (`urls`, `api`, `demo`, `access_matrix`, `personal_data`), so that a
new app plugs in by adding the file, without editing a shared list."""

from importlib import import_module
from types import ModuleType

from django.conf import settings


def app_modules(name: str) -> list[ModuleType]:
    """Every project app's `<app>.<name>` module, in KOTIPOLKU_APPS order; apps without one are skipped.

    An import error inside an existing module is raised, never mistaken for a missing file.
    """
    found = []
    for app in settings.KOTIPOLKU_APPS:
        try:
            found.append(import_module(f"{app}.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.{name}":
                raise
    return found
