"""Kill the gunicorn worker in the middle of a landlord batch, resend, and count: one row per notice.

    .venv/bin/python loadtest/fault_batch.py --port 8205                                   # SQLite
    .venv/bin/python loadtest/fault_batch.py --port 8206 \\
        --database-url postgres://postgres@127.0.0.1:5432/faults_batch                   # PostgreSQL

Starts the server with loadtest/serve.sh (gunicorn, DEBUG off, WORKERS=2), calibrates how long one batch
takes, then for each round sends a batch of --notices notices (POST /api/v1/landlord/notices/batch, demo
landlord A token) and SIGKILLs the worker that holds the connection:
  * "in-transaction" rounds wait until the batch's write transaction is open (SQLite: the write lock is
    taken; PostgreSQL: the worker's backend is inside a transaction) and kill right then;
  * "early" rounds kill after a fraction of the calibrated time (validation and encryption phase).
After each kill it counts the round's rows (expected 0: all or nothing), waits for gunicorn to start a new
worker, resends the same batch twice and counts again: exactly one notice and one queue item per external_id.
Stdlib only; loopback only; ports 8205-8207; at most 1000 notices and 8 rounds. Stops the server at the end.
"""

import argparse
import http.client
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loadtest.run import child_pids  # noqa: E402  (the load test's /proc reader)

RUN = Path("/tmp/kotipolku-reliability")  # noqa: S108 - the folder serve.sh uses
TOKEN = os.environ.get("DEMO_LANDLORD_A_TOKEN", "demo-landlord-a-token")
BATCH_PATH = "/api/v1/landlord/notices/batch"
HETU_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
ALLOWED_PORTS = (8205, 8206, 8207)


def hetu(i: int) -> str:
    """A synthetic identity code in the temporary 900-999 range (never a real person's)."""
    day, month, year, individual = 1 + i % 28, 1 + (i // 28) % 12, 1950 + i % 50, 900 + i % 100
    n = int(f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}")
    return f"{day:02d}{month:02d}{year % 100:02d}-{individual:03d}{HETU_CHARS[n % 31]}"


def batch(prefix: str, n: int) -> bytes:
    notice_date = (date.today() - timedelta(days=3)).isoformat()
    notices = [
        {
            "external_id": f"{prefix}-{i:04d}",
            "notice_type": "rent_arrears",
            "tenant": {"henkilotunnus": hetu(i)},
            "notice_date": notice_date,
            "legal_basis": "statutory",
            "contact_person": "Asiakaspalvelu",
            "amount_eur": 100.0 + i,
            "months_in_arrears": 1 + i % 4,
            "municipality": "Vantaa",
        }
        for i in range(n)
    ]
    return json.dumps({"notices": notices}).encode()


class Server:
    def __init__(self, port: int, database_url: str):
        self.port, self.database_url = port, database_url
        self.pid_file = RUN / f"{port}.pid"

    def start(self) -> None:
        env = dict(os.environ, WORKERS="2", FRESH="1")
        subprocess.run(["loadtest/serve.sh", str(self.port), self.database_url], cwd=ROOT, env=env, check=True)

    def stop(self) -> None:
        if self.pid_file.exists():
            os.kill(int(self.pid_file.read_text()), signal.SIGTERM)
            for _ in range(50):
                if not self.pid_file.exists():
                    break
                time.sleep(0.1)

    def master(self) -> int:
        return int(self.pid_file.read_text())

    def workers(self) -> list[int]:
        return child_pids(self.master())

    def worker_for(self, client_port: int) -> int | None:
        """The worker process that holds the server side of the connection from `client_port`."""
        inode = None
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                lines = Path(table).read_text().splitlines()[1:]
            except OSError:
                continue
            for line in lines:
                parts = line.split()
                local, remote = parts[1], parts[2]
                if int(local.rsplit(":", 1)[1], 16) == self.port and int(remote.rsplit(":", 1)[1], 16) == client_port:
                    inode = parts[9]
        if inode is None:
            return None
        target = f"socket:[{inode}]"
        for pid in self.workers():
            try:
                for fd in Path(f"/proc/{pid}/fd").iterdir():
                    try:
                        if os.readlink(fd) == target:
                            return pid
                    except OSError:
                        continue
            except OSError:
                continue
        return None

    def healthy(self, timeout: float = 30) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200 and len(self.workers()) >= 2:
                    return True
            except OSError:
                pass
            time.sleep(0.2)
        return False


class Sender(threading.Thread):
    """Sends one batch; records the answer or the connection error."""

    def __init__(self, port: int, body: bytes):
        super().__init__(daemon=True)
        self.port, self.body = port, body
        self.client_port: int | None = None
        self.connected = threading.Event()
        self.status: int | None = None
        self.answer: dict | None = None
        self.error: str | None = None
        self.seconds = 0.0

    def run(self) -> None:
        start = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.connect()
            self.client_port = conn.sock.getsockname()[1]
            self.connected.set()
            conn.request(
                "POST",
                BATCH_PATH,
                body=self.body,
                headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
            )
            response = conn.getresponse()
            self.status = response.status
            raw = response.read()
            try:
                self.answer = json.loads(raw)
            except ValueError:
                self.answer = {"raw": raw[:200].decode(errors="replace")}
        except (OSError, http.client.HTTPException) as exc:
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self.connected.set()
            self.seconds = time.monotonic() - start
            conn.close()


def send(port: int, body: bytes) -> Sender:
    sender = Sender(port, body)
    sender.start()
    sender.join(130)
    return sender


def in_transaction(database_url: str):
    """A probe: True while some connection holds an open write transaction on the database."""
    if database_url.startswith("sqlite:///"):
        path = database_url.removeprefix("sqlite:///")

        def probe() -> bool:
            conn = sqlite3.connect(path, timeout=0, isolation_level=None)
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError as exc:
                return "locked" in str(exc)
            finally:
                conn.close()

        return probe
    dbname = database_url.rsplit("/", 1)[1]
    sql = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND backend_xid IS NOT NULL"  # a backend that has written in its open transaction
    )

    def probe() -> bool:
        out = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", dbname, "-Atc", sql],
            capture_output=True,
            text=True,
            check=True,
        )
        return int(out.stdout.strip() or 0) > 0

    return probe


def count(database_url: str, prefix: str) -> dict:
    code = (
        "import json\n"
        "from django.db.models import Count\n"
        "from kotipolku.intake.models import IntakeItem, LandlordNotice\n"
        f"qs = LandlordNotice.objects.filter(external_id__startswith={prefix + '-'!r})\n"
        "per = list(qs.values('external_id').annotate(n=Count('id')).values_list('n', flat=True))\n"
        "items = IntakeItem.objects.filter(landlord_notice__in=qs).count()\n"
        "print(json.dumps({'rows': sum(per), 'distinct': len(per), 'max_per_id': max(per, default=0), "
        "'queue_items': items}))\n"
    )
    env = dict(os.environ, DEBUG="1", DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="kotipolku.settings")
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def kill_round(server: Server, args, prefix: str, mode: str, calibrated: float) -> dict:
    body = batch(prefix, args.notices)
    sender = Sender(server.port, body)
    sender.start()
    sender.connected.wait(10)
    worker = None
    for _ in range(200):
        worker = server.worker_for(sender.client_port or 0)
        if worker:
            break
        time.sleep(0.01)
    probe = in_transaction(args.database_url)
    start = time.monotonic()
    killed_in_transaction = False
    if mode == "in-transaction":
        while time.monotonic() - start < calibrated * 3 and sender.is_alive():
            if probe():
                killed_in_transaction = True
                break
            time.sleep(0.005)
    else:
        time.sleep(calibrated * float(mode.split(":")[1]))
    killed_after = time.monotonic() - start
    if worker and sender.is_alive():
        os.kill(worker, signal.SIGKILL)
    sender.join(130)
    after_kill = count(args.database_url, prefix)
    if not server.healthy():
        raise SystemExit("fault_batch: gunicorn did not bring a new worker up within 30 s")
    first = send(server.port, body)
    second = send(server.port, body)
    final = count(args.database_url, prefix)
    return {
        "prefix": prefix,
        "mode": mode,
        "worker": worker,
        "killed_after_s": round(killed_after, 3),
        "write_transaction_open_at_kill": killed_in_transaction,
        "answer_to_killed_request": sender.status or sender.error,
        "rows_after_kill": after_kill,
        "resend": {"status": first.status, "created": (first.answer or {}).get("created_count")},
        "resend_again": {"status": second.status, "unchanged": (second.answer or {}).get("unchanged_count")},
        "rows_final": final,
        "ok": (
            sender.status is None  # the killed request got no answer
            and after_kill["rows"] in (0, args.notices)  # all or nothing
            and after_kill["rows"] == after_kill["queue_items"]
            and first.status == 200
            and second.status == 200
            and (second.answer or {}).get("unchanged_count") == args.notices
            and final == {"rows": args.notices, "distinct": args.notices, "max_per_id": 1, "queue_items": args.notices}
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8205)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument(
        "--rounds", default="in-transaction,early:0.3,in-transaction,early:0.7", help="comma-separated kill modes"
    )
    parser.add_argument("--json-out", default="")
    args = parser.parse_args()
    if args.port not in ALLOWED_PORTS:
        parser.error(f"--port must be one of {ALLOWED_PORTS}")
    if not 1 <= args.notices <= 1000:
        parser.error("--notices must be 1-1000 (INTAKE_BATCH_MAX_NOTICES)")
    modes = [m.strip() for m in args.rounds.split(",") if m.strip()]
    if not 1 <= len(modes) <= 8 or any(m != "in-transaction" and not m.startswith("early:") for m in modes):
        parser.error("--rounds: 1-8 of in-transaction or early:<fraction>")
    args.database_url = args.database_url or f"sqlite:///{RUN}/{args.port}.sqlite3"
    if "@" in args.database_url and "127.0.0.1" not in args.database_url:
        parser.error("--database-url must be on 127.0.0.1")

    server = Server(args.port, args.database_url)
    server.start()
    results = []
    try:
        if not server.healthy():
            raise SystemExit("fault_batch: server not healthy")
        run_id = time.strftime("FB%Y%m%dT%H%M%S")
        calibration = send(server.port, batch(f"{run_id}-CAL", args.notices))
        if calibration.status != 200:
            raise SystemExit(f"fault_batch: calibration batch answered {calibration.status}: {calibration.answer}")
        print(f"calibration: {args.notices} notices stored in {calibration.seconds:.2f} s", flush=True)
        for index, mode in enumerate(modes, start=1):
            result = kill_round(server, args, f"{run_id}-R{index}", mode, calibration.seconds)
            results.append(result)
            print(json.dumps(result), flush=True)
    finally:
        server.stop()
    ok = sum(r["ok"] for r in results)
    summary = {
        "database": args.database_url.split(":", 1)[0],
        "notices_per_batch": args.notices,
        "calibration_s": round(calibration.seconds, 2),
        "rounds": len(results),
        "ok": ok,
        "killed_inside_write_transaction": sum(r["write_transaction_open_at_kill"] for r in results),
        "rows_left_by_killed_batches": sum(r["rows_after_kill"]["rows"] for r in results),
        "duplicates": sum(r["rows_final"]["rows"] - r["rows_final"]["distinct"] for r in results),
    }
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"summary": summary, "rounds": results}, indent=1))
    print(
        f"fault_batch: {ok}/{len(results)} rounds ok on {summary['database']} "
        f"({summary['killed_inside_write_transaction']} killed inside the write transaction); "
        f"rows left by killed batches {summary['rows_left_by_killed_batches']}, duplicates {summary['duplicates']}"
    )
    return 0 if ok == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
