"""Odd query strings against every page without a path parameter, signed in as one staff role: no 5xx.

    .venv/bin/python loadtest/sweep_pages.py --base http://127.0.0.1:8205 [--user demo-admin]

Schemathesis covers the API (loadtest/fuzz.sh); this covers the HTML pages, whose filters read query strings.
The pages come from the URL resolver (as the permission matrix finds them), in all three languages for the
public ones; each gets every parameter set of ODD_QUERIES: NUL characters, numbers past 64 bits, dates at the
ends of the calendar, broken dates, long text. Prints each 5xx with its URL and ends with a one-line summary;
exit code 1 when any answer was 5xx. Run it against a loadtest/serve.sh server (DEBUG off), best on
PostgreSQL, which refuses more values than SQLite; the server log then has the tracebacks.
"""

import argparse
import os
import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest.run import CSRF_INPUT, Http  # noqa: E402  (one browser for the load test and this sweep)

NUL = "\x00"
ODD_QUERIES = [
    dict.fromkeys(("q", "status", "team", "page", "start", "end", "municipality", "theme", "source", "client_id"), NUL),
    {"q": "x" + NUL, "actor": NUL, "object_type": NUL},
    {
        "page": "99999999999999999999999",
        "q": "'\"<>",
        "start": "9999-12-31",
        "end": "0001-01-01",
        "team": "abc",
        "status": "zzz",
        "year": "99999",
        "client": "-1",
        "actor": "😀",
    },
    {"page": "-1", "start": "2026-02-30", "end": "2026-13-01", "team": "99999999999999999999", "year": "0"},
    {"page": "1e400", "team": "-1", "start": "0001-01-01", "end": "9999-12-31", "category": "%", "lang": "xx"},
    {"start": "9999-12-31", "end": "9999-12-31"},
    {"page": "0", "q": "a" * 3000},
]


def page_paths() -> list[str]:
    """Every routed page without a path parameter, outside the API and the admin, by reversing its name
    (the root URLconf puts look-aheads in front of the modules' routes, so route texts are not paths)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotipolku.settings")
    os.environ.setdefault("DEBUG", "true")  # only the resolver is used: no secrets or database needed
    import django

    django.setup()
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from kotipolku.core.permission_matrix import iter_route_names

    names = {name for name, _ in iter_route_names() if name and not name.startswith(("admin:", "api:"))}
    paths = set()
    with translation.override("fi"):
        for name in names:
            try:
                paths.add(reverse(name))
            except NoReverseMatch:  # the route takes a parameter
                continue
    paths = sorted(paths)
    public = [p for p in paths if p.startswith("/fi/") and "/staff/" not in p]
    return paths + [p.replace("/fi/", f"/{lang}/", 1) for lang in ("sv", "en") for p in public]


def sign_in(browser: Http, user: str, password: str) -> bool:
    """The staff login form, as a person fills it (the one-time code step is off on loadtest/serve.sh)."""
    _, _, page = browser.request("GET", "/fi/accounts/login/")
    token = CSRF_INPUT.search(page.decode(errors="replace"))
    fields = [("csrfmiddlewaretoken", token.group(1) if token else ""), ("username", user), ("password", password)]
    status, _, _ = browser.form_post("/fi/accounts/login/", fields)
    return status == 302 and "sessionid" in browser.cookies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8205")
    parser.add_argument("--user", default="demo-admin", help="staff user to sign in as (one-time code step off)")
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "kotipolku-demo"))
    args = parser.parse_args()
    base = urllib.parse.urlsplit(args.base)
    if base.scheme != "http" or base.hostname != "127.0.0.1" or not base.port:
        sys.exit("sweep_pages.py: --base must be http://127.0.0.1:<port> (loopback only)")
    browser = Http(base.hostname, base.port, None)
    if not sign_in(browser, args.user, args.password):
        sys.exit(f"sweep_pages.py: {args.user} could not sign in at {args.base}/fi/accounts/login/")
    paths = page_paths()
    failures = sent = 0
    for number, query in enumerate(ODD_QUERIES, 1):
        encoded = urllib.parse.urlencode(query)
        for path in paths:
            status, _, _ = browser.request("GET", f"{path}?{encoded}")
            sent += 1
            if status >= 500:
                failures += 1
                print(f"  {status} {path}?{encoded[:120]}")
        print(f"  query set {number}/{len(ODD_QUERIES)} done ({len(paths)} pages)", flush=True)
    print(f"sweep_pages: {sent} requests to {len(paths)} pages as {args.user}, {failures} answers 5xx")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
