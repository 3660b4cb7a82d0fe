"""WSGI entry point used by gunicorn (`make serve`, with --preload so warm-up runs once)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotipolku.settings")
application = get_wsgi_application()

if os.environ.get("KOTIPOLKU_WARMUP", "true").lower() in ("1", "true", "yes"):
    from django.conf import settings

    if not settings.DEBUG:
        from kotipolku.core.warmup import warm_up

        warm_up()
