"""Load what the first requests would otherwise load (lemmatiser dictionaries, the bot's index).

Run once in the gunicorn master (`--preload`), so forked workers share it and no worker spends its
first request, longer than gunicorn's timeout, loading dictionaries (docs/reliability/load.md, F4).
"""

import gc
import logging

from django.db import connections

logger = logging.getLogger("kotipolku.warmup")


def warm_up() -> None:
    try:
        from kotipolku.bot.engine import answer
        from kotipolku.services.search import text_terms

        for lang, question in (("fi", "vuokra on rästissä"), ("sv", "hyran är obetald"), ("en", "rent is late")):
            answer(question, lang)
            text_terms(question, lang)
    except Exception:  # never block start-up; the first request then does the work
        logger.warning("Warm-up skipped: the first requests will load the dictionaries.", exc_info=True)
    finally:
        connections.close_all()  # forked workers must open their own database connections
        freeze_loaded_objects()


def freeze_loaded_objects() -> None:
    """Move everything loaded so far out of reach of the garbage collector (gc.freeze).

    These objects (Django, the dictionaries, the bot's index) live as long as the server. Frozen in the
    master before the fork, a worker's full collection no longer walks them, and so no longer writes to
    the memory pages it shares with the master, which would copy them into every worker.
    """
    gc.collect()  # garbage made while loading is freed first, not frozen for good
    gc.freeze()
