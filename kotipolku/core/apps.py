from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Public content cached by core.pagecache, and the models whose changes make it stale. Declared here,
# not in the apps, so that every process (also management commands such as load_handbook, which
# never import the views) bumps the versions on a save.
PAGECACHE_WATCH = {
    "handbook": ("handbook.Article",),
    "services": ("services",),  # every model of the service compass
    "teams": ("core.Team",),  # the team list that routes contact requests and notices (intake)
}


class CoreConfig(AppConfig):
    name = "kotipolku.core"
    label = "core"
    verbose_name = _("Ydin")

    def ready(self):
        from kotipolku.core import checks, pagecache  # noqa: F401 (checks registers itself)

        for namespace, labels in PAGECACHE_WATCH.items():
            pagecache.watch(namespace, *labels)
