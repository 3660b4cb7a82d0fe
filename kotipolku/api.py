"""The /api/v1/ API: one NinjaAPI that mounts the `router` of every module's api.py."""

from importlib import import_module

from django.conf import settings
from ninja import NinjaAPI

from kotipolku.core.api import document_error_responses, install_error_handlers


class KotipolkuAPI(NinjaAPI):
    """The API whose OpenAPI document also lists each operation's error answers and their schema."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_error_responses(schema)


api = KotipolkuAPI(
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
