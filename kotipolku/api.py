"""The /api/v1/ API: one NinjaAPI that mounts the `router` of every module's api.py."""

from ninja import NinjaAPI

from kotipolku.core.api import NulRefusingParser, document_error_responses, install_error_handlers
from kotipolku.core.discovery import app_modules


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
    parser=NulRefusingParser(),
)
install_error_handlers(api)

for module in app_modules("api"):
    router = getattr(module, "router", None)
    if router is not None:
        api.add_router("", router)
