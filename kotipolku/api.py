"""The /api/v1/ API: one NinjaAPI that mounts the `router` of every module's api.py."""

from importlib import import_module

from django.conf import settings
from ninja import NinjaAPI

from kotipolku.core.api import install_error_handlers

api = NinjaAPI(
    title="Kotipolku API",
    version="1",
    urls_namespace="api",
    docs_url=None,  # the docs page loads scripts from a CDN; openapi.json is the contract
    openapi_url="/openapi.json",
)
install_error_handlers(api)

for app in settings.KOTIPOLKU_APPS:
    try:
        module = import_module(f"{app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.api":
            raise
        continue
    router = getattr(module, "router", None)
    if router is not None:
        api.add_router("", router)
