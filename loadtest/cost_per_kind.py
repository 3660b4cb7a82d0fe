"""CPU milliseconds per request of each public request type over HTTP, one type at a time.

    .venv/bin/python loadtest/cost_per_kind.py --base http://127.0.0.1:8203 [--seconds 8] [--kinds bot_ask ...]

Where the load test's public mix spends its time. Each type runs alone for --seconds with --threads client
threads, sent as loadtest/run.py sends it (a new connection and a random X-Forwarded-For per request); the
CPU time of gunicorn, PostgreSQL, Redis and this generator is read from /proc before and after
(loadtest.run.cpu_ticks). Prints, per type, the CPU ms per request of each group, the total, and the total
as a multiple of /healthz measured in the same run (first and last, to show drift). Contact posts: the forms
are fetched first (not measured), their fill time is waited out, then only the posts are measured.
Against a loadtest/serve.sh server started with TRUST_XFF=1 (else the per-address limits answer 429).
The types interact when mixed (CPU caches, context switches), so the weighted sum of these figures is a
little lower than what run.py measures for the mix.
"""

import argparse
import random
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest import run  # noqa: E402  (the load test's browser, questions, pages and CPU reader)

KINDS = ("healthz", "bot_ask", "service_search", "handbook_page", "contact_form_get", "contact_post")
GROUPS = ("gunicorn", "postgres", "redis", "load generator")


class Costs:
    def __init__(self, args):
        parsed = urllib.parse.urlsplit(args.base)
        if parsed.scheme != "http" or parsed.hostname != "127.0.0.1" or not parsed.port:
            sys.exit("cost_per_kind.py: --base must be http://127.0.0.1:<port> (loopback only)")
        self.port = parsed.port
        self.args = args
        self.marker = "CK" + time.strftime("%Y%m%dT%H%M%S")

    def client(self) -> run.Http:
        return run.Http("127.0.0.1", self.port, run.random_public_ip())

    def one(self, kind: str) -> int:
        """Send one request of kind (not contact_post) and return its status."""
        client = self.client()
        if kind == "healthz":
            return client.request("GET", "/healthz")[0]
        if kind == "bot_ask":
            body = run.bot_question_body()
            return client.request("POST", "/api/v1/bot/ask", body=body, headers={"Content-Type": "application/json"})[0]
        if kind == "service_search":
            return client.request(
                "GET", "/api/v1/services?q=" + urllib.parse.quote(random.choice(run.SERVICE_QUERIES))
            )[0]
        if kind == "handbook_page":
            return client.request("GET", random.choice(run.HANDBOOK_PAGES))[0]
        if kind == "contact_form_get":
            return client.request("GET", run.CONTACT_PATH)[0]
        raise ValueError(f"unknown request type {kind!r}")

    def warm_up(self, *kinds: str) -> None:
        """Sequential requests first: every worker builds its bot index and caches, which is not what is measured."""
        for _ in range(20):
            for kind in ("bot_ask", "service_search", "handbook_page", *kinds):
                self.one(kind)

    def filled_forms(self, count: int) -> list:
        """(client, fields) of count contact forms fetched now, ready to post after the fill time."""
        forms, lock = [], threading.Lock()

        def fetch(n: int):
            for _ in range(n):
                client = self.client()
                status, _, data = client.request("GET", run.CONTACT_PATH)
                tokens = run.form_tokens(status, data)
                if tokens:
                    with lock:
                        forms.append((client, run.contact_fields(*tokens, f"{self.marker}-{len(forms)}")))

        threads = [
            threading.Thread(target=fetch, args=(count // self.args.threads + 1,)) for _ in range(self.args.threads)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        time.sleep(self.args.fill_seconds + 0.2)
        return forms

    def measure(self, kind: str) -> dict:
        """CPU ms per request of each group, the request count and the statuses, for kind alone."""
        stop = threading.Event()
        statuses: dict[int, int] = {}
        lock = threading.Lock()
        forms = self.filled_forms(self.args.forms) if kind == "contact_post" else []

        def work():
            while not stop.is_set():
                if kind == "contact_post":
                    with lock:
                        if not forms:
                            return
                        client, fields = forms.pop()
                    status = client.form_post(run.CONTACT_PATH, fields)[0]
                else:
                    status = self.one(kind)
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1

        threads = [threading.Thread(target=work) for _ in range(self.args.threads)]
        before, start = run.cpu_ticks(), time.perf_counter()
        for thread in threads:
            thread.start()
        deadline = start + self.args.seconds
        while time.perf_counter() < deadline and any(t.is_alive() for t in threads):
            time.sleep(0.05)
        stop.set()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - start
        used = run.cpu_ms_by_group(before, run.cpu_ticks())
        count = sum(statuses.values()) or 1
        per_request = {group: used.get(group, 0.0) / count for group in GROUPS}
        return {
            "kind": kind,
            "requests": count,
            "per_second": count / seconds,
            "cpu_ms": per_request,
            "statuses": statuses,
        }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8203")
    parser.add_argument(
        "--kinds", nargs="+", default=list(KINDS[1:]), choices=KINDS, help="/healthz runs first and last anyway"
    )
    parser.add_argument("--seconds", type=float, default=8.0, help="measured seconds per type (max 120)")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--forms", type=int, default=1500, help="contact forms fetched and then posted (max 10,000)")
    parser.add_argument("--fill-seconds", type=float, default=3.5, help="the form's minimum fill time on the server")
    args = parser.parse_args(argv)
    args.seconds = max(1.0, min(args.seconds, 120.0))
    args.threads = max(1, min(args.threads, 64))
    args.forms = max(1, min(args.forms, 10_000))
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    costs = Costs(args)
    costs.warm_up()
    kinds = ["healthz", *[k for k in args.kinds if k != "healthz"], "healthz"]
    print(
        f"{'type':17} {'requests':>8} {'req/s':>7}  " + "  ".join(f"{g:>9}" for g in GROUPS) + "     total  × /healthz"
    )
    reference, results = None, []
    for number, kind in enumerate(kinds, 1):
        result = costs.measure(kind)
        total = sum(result["cpu_ms"].values())
        reference = reference or total
        results.append(result)
        cells = "  ".join(f"{result['cpu_ms'][g]:9.3f}" for g in GROUPS)
        print(
            f"{kind:17} {result['requests']:8d} {result['per_second']:7.1f}  {cells}  {total:8.3f}  {total / reference:9.2f}"
            f"  {result['statuses']}  [{number}/{len(kinds)}]",
            flush=True,
        )
    failed = sum(n for r in results for status, n in r["statuses"].items() if status >= 500)
    drift = sum(results[-1]["cpu_ms"].values()) / reference
    print(
        f"summary: {len(kinds)} types measured, {failed} answers 5xx, /healthz last/first {drift:.2f} (machine drift)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
