"""In-process cost of each public request of the load mix (gunicorn's WSGIHandler, warm, no HTTP).

    source /tmp/kotipolku-reliability/env.sh
    DATABASE_URL=sqlite:////tmp/kotipolku-reliability/8201.sqlite3 CACHE_URL=redis://127.0.0.1:6379/3 \\
      .venv/bin/python loadtest/profile_public.py [--rounds 200] [--profile service_search]

Runs against the database prepared by loadtest/serve.sh with production settings (DEBUG off). Prints
per request type: mean and median milliseconds (wall clock), mean CPU milliseconds of this process,
database queries, and whether the answer came from the page cache. --profile KIND prints the top of a
cProfile of that request type (--cpu-timer: CPU time). Contact POSTs and bot questions write rows
(marked "PROFILE"), as in the load test.
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loadtest.settings")
os.environ.setdefault("LOADTEST_STATIC_ROOT", "/tmp/kotipolku-reliability/static")  # noqa: S108 (as serve.sh)
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_COOKIES", "false")

import django  # noqa: E402

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from loadtest.run import CSRF_INPUT, STARTED_INPUT  # noqa: E402


class LeanClient(Client):
    """The test client's request building and cookies, with the handler gunicorn serves requests with.

    The test client's own handler and request() connect signal receivers on every request, and each
    connect leaves weak-reference finalizers behind: a few objects per request, so the heap grows and
    later rounds would cost more than earlier ones. WSGIHandler also enforces CSRF as production does.
    """

    def __init__(self):
        super().__init__()
        self.handler = WSGIHandler()

    def request(self, **request):
        response = self.handler(self._base_environ(**request), lambda status, headers, exc_info=None: None)
        response.close()  # as a WSGI server does: request_finished, database connections as in production
        if response.cookies:
            self.cookies.update(response.cookies)
        return response


HEADERS = {"HTTP_ACCEPT_LANGUAGE": "fi", "HTTP_X_FORWARDED_FOR": "10.9.9.9", "HTTP_HOST": "127.0.0.1"}


def requests():
    """(kind, callable) pairs; each callable makes one request like loadtest/run.py does."""
    from http.cookies import SimpleCookie

    shared = LeanClient()

    def fresh() -> Client:
        shared.cookies = SimpleCookie()  # a new visitor (a new client would reload the middleware)
        return shared

    bot_body = json.dumps({"message": "En pysty maksamaan vuokraa tässä kuussa", "lang": "fi"})

    def healthz():
        return fresh().get("/healthz", **HEADERS)

    def bot_ask():
        return fresh().post("/api/v1/bot/ask", bot_body, content_type="application/json", **HEADERS)

    def service_search():
        return fresh().get("/api/v1/services?q=ruoka", **HEADERS)

    def handbook_index():
        return fresh().get("/fi/kasikirja/", **HEADERS)

    def handbook_article():
        return fresh().get("/fi/kasikirja/vuokranmaksu/", **HEADERS)

    def contact_form_get():
        return fresh().get("/fi/yhteydenotto/", **HEADERS)

    posting = LeanClient()

    def contact_post():
        page = posting.get("/fi/yhteydenotto/", **HEADERS).content.decode()
        fields = {
            "csrfmiddlewaretoken": CSRF_INPUT.search(page).group(1),
            "theme": "",
            "urgency": "not_urgent",
            "message": "Profilointi, ei oikea yhteydenotto.",
            "contact_method": "callback",
            "preferred_language": "fi",
            "municipality": "PROFILE",
            "website": "",
            "started": STARTED_INPUT.search(page).group(1),
        }
        body = urlencode(fields)  # form-encoded like a browser and loadtest/run.py (the client's default is multipart)
        return lambda: posting.post(
            "/fi/yhteydenotto/", body, content_type="application/x-www-form-urlencoded", **HEADERS
        )

    return [
        ("healthz", healthz),
        ("bot_ask", bot_ask),
        ("service_search", service_search),
        ("handbook_index", handbook_index),
        ("handbook_article", handbook_article),
        ("contact_form_get", contact_form_get),
        ("contact_post", contact_post),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--profile", default="", help="request type to profile with cProfile")
    parser.add_argument("--sort", default="tottime", help="cProfile sort key (tottime, cumulative)")
    parser.add_argument("--restrict", nargs="*", help="cProfile print restrictions, e.g. kotipolku 40")
    parser.add_argument(
        "--cpu-timer", action="store_true", help="cProfile counts CPU time of this process, not wall time"
    )
    parser.add_argument("--show-queries", default="", metavar="KIND", help="print the SQL of one request of KIND")
    args = parser.parse_args()
    from django.conf import settings

    settings.INTAKE_MIN_FILL_SECONDS = 0  # the form's fill time is a bot trap, not a cost
    settings.INTAKE_FORM_RATE_LIMIT = 10**9  # one client address posts every round here
    settings.BOT_RATE_LIMIT = 10**9
    print(f"profile_public: {args.rounds} rounds, cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}")
    print(f"{'type':18} {'mean ms':>8} {'p50 ms':>8} {'cpu ms':>8} {'queries':>8}  status / cache")
    for kind, make in requests():
        call = make() if kind == "contact_post" else make
        for _ in range(5):  # warm
            (make() if kind == "contact_post" else call)()
        times, cpu_times, queries, last = [], [], 0, None
        for _ in range(args.rounds):
            call = make() if kind == "contact_post" else call  # a fresh form (token, start time) per post
            with CaptureQueriesContext(connection) as ctx:
                start, cpu_start = time.perf_counter(), time.process_time()
                last = call()
                times.append(time.perf_counter() - start)
                cpu_times.append(time.process_time() - cpu_start)
            queries += len(ctx.captured_queries)
        print(
            f"{kind:18} {1000 * statistics.fmean(times):8.2f} {1000 * statistics.median(times):8.2f} "
            f"{1000 * statistics.fmean(cpu_times):8.2f} "
            f"{queries / args.rounds:8.1f}  {last.status_code} {last.get('X-Kotipolku-Cache', '-')}"
        )
        if kind == args.show_queries:
            for query in ctx.captured_queries:
                print(f"    [{query['time']} s] {query['sql'][:300]}")
        if kind == args.profile:
            profiler = cProfile.Profile(time.process_time) if args.cpu_timer else cProfile.Profile()
            for _ in range(args.rounds):
                call = make() if kind == "contact_post" else call  # the form's GET is not profiled
                profiler.enable()
                call()
                profiler.disable()
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(
                *[int(r) if r.isdigit() else r for r in (args.restrict or ["30"])]
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
