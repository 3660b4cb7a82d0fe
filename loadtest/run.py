"""Bounded load test of a Kotipolku server on loopback (stdlib only: threads + http.client).

    .venv/bin/python loadtest/run.py --base http://127.0.0.1:8202 --database-url sqlite:////tmp/...sqlite3

Phases of --duration measured seconds each, with the same number of client threads:
  1. trivial: only GET /healthz (the reference throughput of the server),
  2. public:  the public mix (bot question, service search, handbook page, contact request form + post),
  3. mixed:   the public mix plus staff threads (login, caseload, client page, encounter entry).
Each phase first runs --ramp seconds unmeasured (default: the form fill time + 1 s), so the measured window
sees contact posts at their steady rate (one per form) and staff already signed in. With --pairs N the
trivial and public phases alternate N times in ABBA order (T P, P T, T P, ...), so a machine that speeds up
or slows down during the run weighs on both alike; the ratio is then pooled over all slices and also shown
per pair. Prints throughput and p50/p95/p99 per request type and phase, the public/trivial throughput ratio,
429 and 5xx counts, and compares every contact request and encounter that got a success answer with the
rows stored (manage.py reliability_count). With --cpu it also prints the CPU milliseconds per request that
gunicorn, PostgreSQL, Redis and the generator itself used in each phase (from /proc): where the time went.
Public clients get distinct X-Forwarded-For addresses (the server must run with TRUST_XFF=1, see serve.sh)
unless --single-ip, which shows the per-IP rate limits answering 429.
Safety: the base URL must be http://127.0.0.1:<port>; duration and request count are capped.
"""

import argparse
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from datetime import UTC, date, datetime
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_DURATION = 300
MAX_REQUESTS = 200_000

BOT_QUESTIONS = [
    "Minulla ei ole paikkaa missä nukkua tänä yönä",
    "En pysty maksamaan vuokraa tässä kuussa",
    "Sain häätöilmoituksen, mitä teen?",
    "Miten haen asumistukea Kelasta?",
    "Vuokranantaja uhkaa irtisanoa sopimuksen",
    "Tarvitsen apua velkojen kanssa",
    "Missä voin käydä suihkussa ja pestä pyykkiä?",
    "Muutan uuteen asuntoon, mitä pitää muistaa?",
    "Jag har inte råd att betala hyran",
    "Where can I get food aid?",
]
SERVICE_QUERIES = ["ruoka", "päivätoiminta", "asumisneuvonta", "velka", "kela", "suihku", "", "yöpaikka", "päihde"]
HANDBOOK_PAGES = ["/fi/kasikirja/", "/fi/kasikirja/vuokranmaksu/", "/fi/kasikirja/muuttajan-muistilista/"]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED_INPUT = re.compile(r'name="started" value="([^"]*)"')
CONTACT_PATH = "/fi/yhteydenotto/"


def random_public_ip() -> str:
    """A made-up visitor address (sent as X-Forwarded-For): every public client looks like another person."""
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def bot_question_body() -> bytes:
    return json.dumps({"message": random.choice(BOT_QUESTIONS), "lang": "fi"}).encode()


def form_tokens(status: int, data: bytes) -> tuple[str, str] | None:
    """(CSRF token, signed start time) of a contact form page, or None when the page did not carry both."""
    page = data.decode(errors="replace")
    csrf, started = CSRF_INPUT.search(page), STARTED_INPUT.search(page)
    return (csrf.group(1), started.group(1)) if status == 200 and csrf and started else None


def contact_fields(csrf: str, started: str, marker: str) -> list[tuple[str, str]]:
    """A valid anonymous contact request (call back by reference code); marker goes in the municipality."""
    return [
        ("csrfmiddlewaretoken", csrf),
        ("theme", ""),
        ("urgency", "not_urgent"),
        ("message", "Kuormitustestin viesti, ei oikea yhteydenotto."),
        ("contact_method", "callback"),
        ("preferred_language", "fi"),
        ("municipality", marker),
        ("website", ""),
        ("started", started),
    ]


CPU_GROUPS = (("gunicorn", "gunicorn"), ("postgres", "postgres"), ("redis", "redis-server"))


def proc_stat(pid: int | str) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (field 3 on: state, ppid, …); None if it ended."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def child_pids(parent: int) -> list[int]:
    """The processes whose parent is `parent` (a gunicorn master's workers), in pid order."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = proc_stat(entry.name)
            if fields is not None and int(fields[1]) == parent:
                children.append(int(entry.name))
    return sorted(children)


def cpu_ticks() -> dict[str, tuple[str, int]]:
    """pid -> (group, user+system clock ticks) of the server, database, cache and this process (Linux /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # the process ended while we looked
            continue
        fields = proc_stat(entry.name)
        if fields is None:
            continue
        if int(entry.name) == os.getpid():
            group = "load generator"
        else:
            group = next((name for name, marker in CPU_GROUPS if marker in command), None)
        if group:
            found[entry.name] = (group, int(fields[11]) + int(fields[12]))  # utime, stime
    return found


def cpu_ms_by_group(before: dict, after: dict) -> dict[str, float]:
    """CPU milliseconds used by each group between two cpu_ticks() readings (new processes count from 0)."""
    per_tick = 1000 / os.sysconf("SC_CLK_TCK")
    used: dict[str, float] = defaultdict(float)
    for pid, (group, ticks) in after.items():
        used[group] += (ticks - before.get(pid, (group, 0))[1]) * per_tick
    return dict(used)


class Stats:
    """Latencies and status counts per (phase, request type); thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latency = defaultdict(list)
        self.status = defaultdict(lambda: defaultdict(int))
        self.total = 0

    def add(self, phase: str, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.latency[(phase, kind)].append(seconds)
            self.status[(phase, kind)][status] += 1
            self.total += 1


class Http:
    """One simulated browser: cookies, optional X-Forwarded-For, a new connection per request."""

    def __init__(self, host: str, port: int, ip: str | None):
        self.host, self.port, self.ip = host, port, ip
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, *, body: bytes | None = None, headers: dict | None = None):
        all_headers = {"Accept-Language": "fi", "User-Agent": "kotipolku-loadtest"}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.ip:
            all_headers["X-Forwarded-For"] = self.ip
        all_headers.update(headers or {})
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=all_headers)
            response = conn.getresponse()
            data = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    cookie = SimpleCookie()
                    cookie.load(value)
                    for key, morsel in cookie.items():
                        self.cookies[key] = morsel.value
            return response.status, response.getheader("Location", ""), data
        finally:
            conn.close()

    def form_post(self, path: str, fields: list[tuple[str, str]]):
        body = urllib.parse.urlencode(fields).encode()
        referer = f"http://{self.host}:{self.port}{path}"
        return self.request(
            "POST", path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": referer}
        )


class Run:
    def __init__(self, args):
        parsed = urllib.parse.urlsplit(args.base)
        if parsed.scheme != "http" or parsed.hostname != "127.0.0.1" or not parsed.port:
            sys.exit("run.py: --base must be http://127.0.0.1:<port> (loopback only)")
        self.host, self.port = parsed.hostname, parsed.port
        self.args = args
        self.stats = Stats()
        self.marker = "LT" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self.counter = 0
        self.counter_lock = threading.Lock()
        self.accepted_contacts: list[str] = []
        self.accepted_encounters: list[str] = []
        self.stop = threading.Event()
        self.measuring = threading.Event()  # set during a phase's measured window, after its ramp
        self.phase = ""
        self.phase_start_total = 0
        self.slices: list[tuple[str, int, float]] = []  # (phase, measured requests, measured seconds)
        self.cpu_ms: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))  # phase -> group -> ms

    def next_marker(self) -> str:
        with self.counter_lock:
            self.counter += 1
            return f"{self.marker}-{self.counter}"

    def timed(self, client: Http, kind: str, method: str, path: str, **kwargs):
        if self.stats.total - self.phase_start_total >= self.args.max_requests:
            self.stop.set()  # the cap is per phase
        measured = self.measuring.is_set()  # a request counts when it starts inside the measured window
        start = time.perf_counter()
        try:
            if method == "FORM":
                status, location, data = client.form_post(path, kwargs["fields"])
            else:
                status, location, data = client.request(method, path, **kwargs)
        except OSError:
            status, location, data = 599, "", b""  # connection failure counts as a server error
        if measured:
            self.stats.add(self.phase, kind, status, time.perf_counter() - start)
        return status, location, data

    def new_public_client(self) -> Http:
        return Http(self.host, self.port, None if self.args.single_ip else random_public_ip())

    # --- workers -------------------------------------------------------------------------------
    def trivial_worker(self):
        client = Http(self.host, self.port, None)
        while not self.stop.is_set():
            self.timed(client, "healthz", "GET", "/healthz")

    def public_worker(self):
        pending: list[tuple[float, Http, str, str]] = []  # (ready_at, client, csrf, started)
        while not self.stop.is_set():
            now = time.monotonic()
            if pending and pending[0][0] <= now:
                _, client, csrf, started = pending.pop(0)
                self.contact_post(client, csrf, started)
                continue
            roll = random.random()
            client = self.new_public_client()
            if roll < 0.30:
                self.timed(
                    client,
                    "bot_ask",
                    "POST",
                    "/api/v1/bot/ask",
                    body=bot_question_body(),
                    headers={"Content-Type": "application/json"},
                )
            elif roll < 0.60:
                q = urllib.parse.quote(random.choice(SERVICE_QUERIES))
                self.timed(client, "service_search", "GET", f"/api/v1/services?q={q}")
            elif roll < 0.85:
                self.timed(client, "handbook_page", "GET", random.choice(HANDBOOK_PAGES))
            else:
                status, _, data = self.timed(client, "contact_form_get", "GET", CONTACT_PATH)
                tokens = form_tokens(status, data)
                if tokens:
                    pending.append((time.monotonic() + self.args.fill_seconds, client, *tokens))

    def contact_post(self, client: Http, csrf: str, started: str):
        marker = self.next_marker()
        fields = contact_fields(csrf, started, marker)
        status, location, _ = self.timed(client, "contact_post", "FORM", CONTACT_PATH, fields=fields)
        if status == 302 and "kiitos" in location:
            with self.counter_lock:
                self.accepted_contacts.append(marker)

    def staff_worker(self, username: str):
        client = Http(self.host, self.port, None)
        status, _, data = self.timed(client, "staff_login_get", "GET", "/fi/accounts/login/")
        csrf = CSRF_INPUT.search(data.decode(errors="replace"))
        if not csrf:
            return
        fields = [("csrfmiddlewaretoken", csrf.group(1)), ("username", username), ("password", self.args.password)]
        status, location, _ = self.timed(client, "staff_login_post", "FORM", "/fi/accounts/login/", fields=fields)
        if status != 302 or "login" in location:
            print(f"run.py: login of {username} failed ({status})", file=sys.stderr)
            return
        _, _, data = client.request("GET", "/api/v1/clients?page_size=100")
        try:
            client_ids = [item["id"] for item in json.loads(data)["items"] if item.get("status") == "open"]
        except (ValueError, KeyError):
            client_ids = []
        if not client_ids:
            print(f"run.py: {username} sees no open clients", file=sys.stderr)
            return
        while not self.stop.is_set():
            roll = random.random()
            client_id = random.choice(client_ids)
            if roll < 0.35:
                self.timed(client, "caseload", "GET", "/fi/staff/asiakkaat/")
            elif roll < 0.75:
                self.timed(client, "client_page", "GET", f"/fi/staff/asiakkaat/{client_id}/")
            else:
                marker = self.next_marker()
                fields = [
                    ("csrfmiddlewaretoken", client.cookies.get("csrftoken", "")),
                    ("type", "outreach"),
                    ("note", marker),
                    ("date", date.today().isoformat()),
                ]
                path = f"/fi/staff/asiakkaat/{client_id}/tapaaminen/"
                status, location, _ = self.timed(client, "encounter_post", "FORM", path, fields=fields)
                if status == 302 and "tapaaminen" not in location and "login" not in location:
                    with self.counter_lock:
                        self.accepted_encounters.append(marker)

    def warm_up(self) -> None:
        """Send bot and search requests one at a time until every kind answers fast several times in a row.

        Each gunicorn worker builds the bot index and loads the lemmatiser dictionaries on its first such
        request (15 s or more on a loaded machine); without this the first phase measures cold starts.
        """
        client = Http(self.host, self.port, None)
        body = json.dumps({"message": BOT_QUESTIONS[0], "lang": "fi"}).encode()
        checks = [
            ("POST", "/api/v1/bot/ask", {"body": body, "headers": {"Content-Type": "application/json"}}),
            ("GET", "/api/v1/services?q=ruoka", {}),
            ("GET", "/fi/kasikirja/", {}),
        ]
        streak, attempts, started = 0, 0, time.perf_counter()
        while streak < 3 * self.args.workers and attempts < 40 * self.args.workers:
            attempts += 1
            slow = False
            for method, path, kwargs in checks:
                t0 = time.perf_counter()
                try:
                    client.request(method, path, **kwargs)
                except OSError:
                    slow = True
                slow = slow or time.perf_counter() - t0 > 1.0
            streak = 0 if slow else streak + 1
        print(f"  warm-up: {attempts} rounds in {time.perf_counter() - started:.1f}s", flush=True)

    # --- phases --------------------------------------------------------------------------------
    def phase_run(self, name: str, targets: list) -> float:
        """Run one phase: --ramp seconds unmeasured, then --duration measured; returns the measured seconds."""
        self.phase = name
        self.phase_start_total = self.stats.total
        self.stop.clear()
        self.measuring.clear()
        threads = [threading.Thread(target=t, args=a, daemon=True) for t, a in targets]
        for thread in threads:
            thread.start()
        ramp_end = time.perf_counter() + self.args.ramp
        while time.perf_counter() < ramp_end and not self.stop.is_set():
            time.sleep(0.05)
        before = self.stats.total  # the ramp's requests were not counted
        ticks = cpu_ticks() if self.args.cpu else {}
        start = time.perf_counter()
        self.measuring.set()
        deadline = start + self.args.duration
        while time.perf_counter() < deadline and not self.stop.is_set():
            time.sleep(0.05)
        self.measuring.clear()
        elapsed = time.perf_counter() - start
        if self.args.cpu:
            for group, ms in cpu_ms_by_group(ticks, cpu_ticks()).items():
                self.cpu_ms[name][group] += ms
        self.stop.set()
        for thread in threads:
            thread.join(timeout=90)
        self.slices.append((name, self.stats.total - before, elapsed))
        return elapsed

    def main(self) -> int:
        args = self.args
        load = Path("/proc/loadavg").read_text().split()[:3]
        print(f"run.py: marker {self.marker}, {args.threads} threads x {args.duration}s per phase, load {load}")
        if not args.no_warmup:
            self.warm_up()
        elapsed: dict[str, float] = {}
        loads: dict[str, list[str]] = {}
        workers = {
            "trivial": [(self.trivial_worker, ())] * args.threads,
            "public": [(self.public_worker, ())] * args.threads,
            "mixed": [(self.public_worker, ())] * args.threads
            + [(self.staff_worker, (u,)) for u in args.staff_users for _ in range(args.staff_threads)],
        }
        for name in phase_plan(args.pairs, mixed=not args.no_mixed):
            loads.setdefault(name, []).append(Path("/proc/loadavg").read_text().split()[0])
            seconds = self.phase_run(name, workers[name])
            elapsed[name] = elapsed.get(name, 0.0) + seconds
            print(f"  phase {name}: {seconds:.1f}s measured (load 1 min at start {loads[name][-1]})", flush=True)
        if args.settle:
            time.sleep(args.settle)  # contact forms still waiting for their fill time are simply dropped
        return self.report(elapsed, loads)

    def report(self, elapsed: dict, loads: dict) -> int:
        rows, totals = [], {}
        for (phase, kind), values in sorted(self.stats.latency.items()):
            values.sort()
            n = len(values)
            statuses = self.stats.status[(phase, kind)]
            five = sum(c for s, c in statuses.items() if s >= 500)
            rows.append(
                {
                    "phase": phase,
                    "type": kind,
                    "requests": n,
                    "rps": round(n / elapsed[phase], 1),
                    "p50_ms": round(1000 * statistics.median(values), 1),
                    "p95_ms": round(1000 * values[min(n - 1, int(0.95 * n))], 1),
                    "p99_ms": round(1000 * values[min(n - 1, int(0.99 * n))], 1),
                    "429": statuses.get(429, 0),
                    "5xx": five,
                    "statuses": dict(sorted(statuses.items())),
                }
            )
            totals[phase] = totals.get(phase, 0) + n
        print(
            f"\n{'phase':8} {'type':17} {'n':>6} {'req/s':>7} {'p50ms':>7} {'p95ms':>7} {'p99ms':>7} {'429':>5} {'5xx':>4}"
        )
        for r in rows:
            print(
                f"{r['phase']:8} {r['type']:17} {r['requests']:6} {r['rps']:7} {r['p50_ms']:7} {r['p95_ms']:7} "
                f"{r['p99_ms']:7} {r['429']:5} {r['5xx']:4}  {r['statuses']}"
            )
        trivial = totals.get("trivial", 0) / elapsed["trivial"]
        public = totals.get("public", 0) / elapsed["public"]
        ratio = public / trivial if trivial else 0.0
        pairs = pair_ratios(self.slices)
        print(
            f"\nthroughput: trivial {trivial:.1f} req/s, public mix {public:.1f} req/s, ratio {ratio:.2f} (target >= 0.5)"
        )
        if len(pairs) > 1:
            print(
                f"pairs (public/trivial per ABBA pair): {' '.join(f'{r:.2f}' for r in pairs)}; "
                f"median {statistics.median(pairs):.2f}, lowest {min(pairs):.2f}"
            )
        for phase, groups in self.cpu_ms.items():
            print(
                f"cpu ms per {phase} request: "
                + ", ".join(f"{group} {ms / max(totals.get(phase, 0), 1):.2f}" for group, ms in sorted(groups.items()))
                + f" (all CPUs busy {sum(groups.values()) / 1000 / elapsed[phase]:.2f} of {os.cpu_count()})"
            )
        forms = self.stats.status[("public", "contact_form_get")]
        posts = self.stats.status[("public", "contact_post")]
        if sum(forms.values()):
            print(
                f"public phase: {sum(posts.values()) / sum(forms.values()):.2f} contact posts per form view (steady state: 1)"
            )
        lost = self.verify()
        fivexx = sum(r["5xx"] for r in rows)
        result = {
            "marker": self.marker,
            "rows": rows,
            "trivial_rps": round(trivial, 1),
            "public_rps": round(public, 1),
            "ratio": round(ratio, 3),
            "pair_ratios": [round(r, 3) for r in pairs],
            "cpu_ms": {phase: {g: round(ms) for g, ms in groups.items()} for phase, groups in self.cpu_ms.items()},
            "slices": [{"phase": p, "requests": n, "seconds": round(t, 2)} for p, n, t in self.slices],
            "load_at_phase_start": loads,
            "lost": lost,
            "5xx": fivexx,
        }
        if self.args.json_out:
            Path(self.args.json_out).write_text(json.dumps(result, indent=1))
        print(
            f"summary: ratio {ratio:.2f}, 5xx {fivexx}, 429 {sum(r['429'] for r in rows)}, "
            f"lost contact requests {lost['contact_requests']}, lost encounters {lost['encounters']}"
        )
        return 1 if fivexx or lost["contact_requests"] or lost["encounters"] else 0

    def verify(self) -> dict:
        """Every contact request and encounter that got a success answer must be in the database."""
        env = dict(
            os.environ, DEBUG="1", DATABASE_URL=self.args.database_url, DJANGO_SETTINGS_MODULE="kotipolku.settings"
        )
        out = subprocess.run(
            [sys.executable, "manage.py", "reliability_count", self.marker],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        stored = json.loads(out.stdout)
        missing_contacts = sorted(set(self.accepted_contacts) - set(stored["contact_requests"]))
        missing_encounters = sorted(set(self.accepted_encounters) - set(stored["encounters"]))
        print(
            f"verify: contact requests accepted {len(self.accepted_contacts)}, stored {len(stored['contact_requests'])}, "
            f"missing {len(missing_contacts)}; encounters accepted {len(self.accepted_encounters)}, "
            f"stored {len(stored['encounters'])}, missing {len(missing_encounters)}"
        )
        return {"contact_requests": len(missing_contacts), "encounters": len(missing_encounters)}


def phase_plan(pairs: int, *, mixed: bool = True) -> list[str]:
    """Phase order: trivial and public alternating in ABBA pairs (T P, P T, ...), then the mixed phase."""
    plan: list[str] = []
    for i in range(pairs):
        plan += ["trivial", "public"] if i % 2 == 0 else ["public", "trivial"]
    return [*plan, "mixed"] if mixed else plan


def pair_ratios(slices: list[tuple[str, int, float]]) -> list[float]:
    """Public/trivial throughput of each consecutive trivial+public pair of slices, in run order."""
    rates = {"trivial": [], "public": []}
    for phase, requests, seconds in slices:
        if phase in rates:
            rates[phase].append(requests / seconds if seconds else 0.0)
    return [p / t for t, p in zip(rates["trivial"], rates["public"], strict=False) if t]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8202")
    parser.add_argument("--database-url", required=True, help="the server's DATABASE_URL (for the row count)")
    parser.add_argument("--threads", type=int, default=8, help="public client threads (and /healthz threads)")
    parser.add_argument("--staff-threads", type=int, default=2, help="threads per staff user in the mixed phase")
    parser.add_argument("--staff-users", nargs="+", default=["demo-worker-a", "demo-lead"])
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "kotipolku-demo"))
    parser.add_argument("--duration", type=int, default=30, help=f"measured seconds per phase (max {MAX_DURATION})")
    parser.add_argument(
        "--ramp",
        type=float,
        default=None,
        help="unmeasured seconds at the start of each phase (default fill-seconds + 1)",
    )
    parser.add_argument("--pairs", type=int, default=1, help="trivial/public phase pairs in ABBA order (max 10)")
    parser.add_argument("--no-mixed", action="store_true", help="skip the mixed public + staff phase")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="read the CPU time of gunicorn, postgres, redis-server and this generator from /proc per phase",
    )
    parser.add_argument("--max-requests", type=int, default=100_000, help=f"per phase (max {MAX_REQUESTS})")
    parser.add_argument("--fill-seconds", type=float, default=3.5, help="wait between form GET and POST")
    parser.add_argument("--settle", type=float, default=0.0)
    parser.add_argument("--single-ip", action="store_true", help="no X-Forwarded-For: all clients share 127.0.0.1")
    parser.add_argument("--json-out", default="")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="the server's worker count (for the warm-up)"
    )
    parser.add_argument("--no-warmup", action="store_true", help="measure from cold workers (first requests)")
    args = parser.parse_args(argv)
    args.duration = max(1, min(args.duration, MAX_DURATION))
    args.max_requests = max(1, min(args.max_requests, MAX_REQUESTS))
    args.threads = max(1, min(args.threads, 64))
    args.pairs = max(1, min(args.pairs, 10))
    args.ramp = args.fill_seconds + 1 if args.ramp is None else max(0.0, min(args.ramp, 60.0))
    return args


if __name__ == "__main__":
    sys.exit(Run(parse_args()).main())
