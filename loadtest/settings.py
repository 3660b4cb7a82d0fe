"""Production settings with one change: static files are collected under /tmp, not the shared var/.

Used only by loadtest/serve.sh so a load or fuzz server never rewrites the repository's var/static.
"""

import os

from kotipolku.settings import *  # noqa: F403

STATIC_ROOT = os.environ["LOADTEST_STATIC_ROOT"]  # set by serve.sh
