"""PostgreSQL unreachable, then read-only, under a running server: what people and landlords get.

    createdb -h 127.0.0.1 -U postgres faults_db
    .venv/bin/python loadtest/fault_db.py                       # server on 8205, TCP proxy on 8207

The server (loadtest/serve.sh, gunicorn, DEBUG off, persistent connections as in production) reaches
PostgreSQL through a small TCP proxy in this script, so the database can be "lost" for this server only:
the shared PostgreSQL is never stopped. Phases, each sending the same requests:
  healthy    -> proxy cut (every connection closed, new ones refused) -> restored
  read-only  (ALTER DATABASE ... SET default_transaction_read_only = on, connections dropped) -> writable
Prints one line per request (status, content type, language, Retry-After, milliseconds, whether the
body shows a stack trace) and counts the landlord notices that got a success answer against the rows.
Stdlib only; loopback only; ports 8205 and 8207; bounded (a few dozen requests). Stops the server at the end.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = Path("/tmp/kotipolku-reliability")  # noqa: S108 - the folder serve.sh uses
TOKEN = os.environ.get("DEMO_LANDLORD_A_TOKEN", "demo-landlord-a-token")
HETU_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


class Proxy:
    """127.0.0.1:listen -> 127.0.0.1:5432; cut() closes everything and refuses new connections."""

    def __init__(self, listen: int, target: int = 5432):
        self.listen, self.target = listen, target
        self.server: socket.socket | None = None
        self.conns: list[socket.socket] = []
        self.lock = threading.Lock()

    def start(self) -> None:
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", self.listen))
        self.server.listen(64)
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)  # an idle database connection is normal: never time it out here
            with self.lock:
                self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        if self.server:
            with contextlib.suppress(OSError):  # wakes the thread blocked in accept(); close() alone does not
                self.server.shutdown(socket.SHUT_RDWR)
            self.server.close()
            self.server = None
        with self.lock:
            for s in self.conns:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass
            self.conns = []


def hetu(i: int) -> str:
    day, month, year, individual = 1 + i % 28, 1 + (i // 28) % 12, 1960 + i % 40, 900 + i % 100
    n = int(f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}")
    return f"{day:02d}{month:02d}{year % 100:02d}-{individual:03d}{HETU_CHARS[n % 31]}"


def notice(external_id: str, i: int) -> bytes:
    return json.dumps(
        {
            "external_id": external_id,
            "notice_type": "disturbance_warning",
            "tenant": {"henkilotunnus": hetu(i)},
            "notice_date": (date.today() - timedelta(days=2)).isoformat(),
            "legal_basis": "statutory",
            "contact_person": "Asiakaspalvelu",
        }
    ).encode()


def request(port: int, method: str, path: str, *, body: bytes | None = None, headers: dict | None = None) -> dict:
    start = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        raw = response.read().decode(errors="replace")
        lang = re.search(r'<html lang="([a-z]+)"', raw)
        return {
            "status": response.status,
            "type": (response.getheader("Content-Type") or "").split(";")[0],
            "lang": lang.group(1) if lang else "",
            "retry_after": response.getheader("Retry-After") or "",
            "ms": round((time.monotonic() - start) * 1000),
            "trace": "Traceback" in raw or "OperationalError" in raw,
            "body": raw[:120].replace("\n", " ")
            if response.status >= 400 and "json" in (response.getheader("Content-Type") or "")
            else "",
        }
    except OSError as exc:
        return {"status": None, "error": f"{type(exc).__name__}: {exc}", "ms": round((time.monotonic() - start) * 1000)}
    finally:
        conn.close()


def psql(sql: str, db: str = "postgres") -> str:
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-Atc", sql], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8205, choices=[8205, 8206])
    parser.add_argument("--proxy-port", type=int, default=8207, choices=[8206, 8207])
    parser.add_argument("--database", default="faults_db", help="an existing database whose name starts with faults_")
    args = parser.parse_args()
    if not re.fullmatch(r"faults_[a-z0-9_]{1,40}", args.database) or args.port == args.proxy_port:
        parser.error("--database must be faults_<letters, digits, _>; server and proxy ports must differ")

    proxy = Proxy(args.proxy_port)
    proxy.start()
    url = f"postgres://postgres@127.0.0.1:{args.proxy_port}/{args.database}"
    env = dict(os.environ, WORKERS="2", FRESH="1")
    subprocess.run(["loadtest/serve.sh", str(args.port), url], cwd=ROOT, env=env, check=True)
    pid_file = RUN / f"{args.port}.pid"
    accepted: list[str] = []
    counter = [0]
    run_id = time.strftime("FD%Y%m%dT%H%M%S")

    def probe(phase: str) -> dict:
        counter[0] += 1
        external_id = f"{run_id}-{counter[0]:03d}"
        landlord = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
        results = {
            "GET /healthz": request(args.port, "GET", "/healthz"),
            "GET /healthz/db": request(args.port, "GET", "/healthz/db"),
            "GET /sv/palvelut/": request(args.port, "GET", "/sv/palvelut/"),
            "GET /fi/kasikirja/": request(args.port, "GET", "/fi/kasikirja/"),
            "GET /api/v1/services": request(args.port, "GET", "/api/v1/services?q=ruoka"),
            "POST /api/v1/landlord/notices": request(
                args.port, "POST", "/api/v1/landlord/notices", body=notice(external_id, counter[0]), headers=landlord
            ),
        }
        if results["POST /api/v1/landlord/notices"]["status"] in (200, 201):
            accepted.append(external_id)
        for name, result in results.items():
            print(f"{phase:12} {name:32} {json.dumps(result)}", flush=True)
        return results

    report = {}
    try:
        report["healthy"] = probe("healthy")
        proxy.cut()
        report["down"] = probe("down")
        time.sleep(1)
        report["down_again"] = probe("down-again")
        proxy.start()
        report["restored"] = probe("restored")
        report["restored_2"] = probe("restored-2")  # connections that saw the fault are replaced by now
        psql(f"ALTER DATABASE {args.database} SET default_transaction_read_only = on")
        psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{args.database}'")  # noqa: S608 - name checked above
        report["read_only"] = probe("read-only")
        report["read_only_2"] = probe("read-only-2")
        psql(f"ALTER DATABASE {args.database} SET default_transaction_read_only = off")
        psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{args.database}'")  # noqa: S608 - name checked above
        report["writable"] = probe("writable")
        report["writable_2"] = probe("writable-2")
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            psql(f"ALTER DATABASE {args.database} SET default_transaction_read_only = off")
        if pid_file.exists():
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
        proxy.cut()
    stored = psql(f"SELECT count(*) FROM intake_landlordnotice WHERE external_id LIKE '{run_id}-%'", db=args.database)  # noqa: S608
    lost = len(accepted) - int(stored)
    print(
        f"fault_db: {len(accepted)} notices got a success answer, {stored} stored (lost {lost}); "
        f"5xx other than 503: {sum(1 for p in report.values() for r in p.values() if r.get('status') and r['status'] >= 500 and r['status'] != 503)}; "
        f"bodies with a stack trace: {sum(1 for p in report.values() for r in p.values() if r.get('trace'))}"
    )
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
