"""Two servers under the same load at the same time: worker CPU per request of each, and B/A per round.

    FRESH=1 TRUST_XFF=1 loadtest/serve.sh 8203 postgres://postgres@127.0.0.1:5432/kp_reliability   # A: main
    (cd /tmp/b && TRUST_XFF=1 loadtest/serve.sh 8204 postgres://…/kp_reliability)  # B: a git worktree with the change
    .venv/bin/python loadtest/ab_cpu.py --a 8203 --b 8204 --kind bot_ask [--rounds 8 --seconds 6 --threads 4]

Why: on this shared two-CPU machine the CPU a request costs drifts by a fifth or more within minutes
(docs/reliability/load.md, session 8), so two measurements one after the other cannot show a change of a
few per cent. Here the same number of threads send the same kind of request to both servers in the same
seconds, so both see the same state of the machine. Each round measures each server's worker CPU (the
children of its gunicorn master, from /proc) divided by the requests that server answered, and prints B/A.
Both servers are warmed first (as in cost_per_kind.py), and the first round is not counted either. Ten
workers share two CPUs, so the absolute figures are higher than in run.py's: only B/A is the result. Start
both servers fresh (a server that has run for long costs a few per cent more) and run it A/A (the same code
on both ports) first to see its spread: 0.99-1.05 for bot questions, 0.94-1.07 for searches in session 8.
Kinds: those of cost_per_kind.py except contact_post.
"""

import argparse
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loadtest.cost_per_kind import KINDS, Costs  # noqa: E402  (the same requests as the per-type costs)
from loadtest.run import child_pids, proc_stat  # noqa: E402  (the /proc readers of the load test)

RUN_DIR = Path("/tmp/kotipolku-reliability")  # noqa: S108 (where serve.sh writes its pid files)
PORTS = range(8201, 8210)


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of these processes so far (a process that ended counts 0)."""
    ticks = 0
    for pid in pids:
        fields = proc_stat(pid)
        if fields is not None:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def cpu_ms_per_request(before: float, after: float, requests: int) -> float:
    return 1000 * (after - before) / max(requests, 1)


def summary(ratios: list[float]) -> str:
    """Mean, median and range of the counted rounds' B/A."""
    if not ratios:
        return "no round counted"
    return (
        f"B/A mean {statistics.fmean(ratios):.3f}, median {statistics.median(ratios):.3f}, "
        f"from {min(ratios):.3f} to {max(ratios):.3f} over {len(ratios)} rounds"
    )


class Server:
    def __init__(self, port: int):
        pid_file = RUN_DIR / f"{port}.pid"
        try:
            self.master = int(pid_file.read_text().strip())
        except (OSError, ValueError):
            sys.exit(
                f"ab_cpu.py: no server on port {port}: {pid_file} is missing or unreadable (start loadtest/serve.sh)"
            )
        self.port = port
        self.workers = child_pids(self.master)
        if not self.workers:
            sys.exit(f"ab_cpu.py: gunicorn master {self.master} (port {port}) has no workers")
        self.costs = Costs(argparse.Namespace(base=f"http://127.0.0.1:{port}"))


def one_round(servers: list[Server], kind: str, seconds: float, threads: int) -> list[dict]:
    """Load both servers at once for `seconds`; per server: requests, statuses and worker CPU ms per request."""
    counts = {s.port: {} for s in servers}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def work(server: Server):
        while time.monotonic() < deadline:
            try:
                status = server.costs.one(kind)
            except OSError:
                status = 599  # connection failure counts as a server error (as in run.py)
            with lock:
                counts[server.port][status] = counts[server.port].get(status, 0) + 1

    workers = [threading.Thread(target=work, args=(s,)) for s in servers for _ in range(threads)]
    random.shuffle(workers)  # neither server's threads start first
    before = [cpu_seconds(s.workers) for s in servers]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    after = [cpu_seconds(s.workers) for s in servers]
    results = []
    for server, start, end in zip(servers, before, after, strict=True):
        statuses = counts[server.port]
        requests = sum(statuses.values())
        results.append(
            {
                "port": server.port,
                "requests": requests,
                "statuses": statuses,
                "ms": cpu_ms_per_request(start, end, requests),
            }
        )
    return results


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--a", type=int, required=True, help="port of server A (8201-8209)")
    parser.add_argument("--b", type=int, required=True, help="port of server B (8201-8209)")
    parser.add_argument("--kind", default="bot_ask", choices=[k for k in KINDS if k != "contact_post"])
    parser.add_argument("--rounds", type=int, default=8, help="rounds after the warm-up round (max 50)")
    parser.add_argument("--seconds", type=float, default=6.0, help="seconds per round (max 60)")
    parser.add_argument("--threads", type=int, default=4, help="client threads per server (max 16)")
    args = parser.parse_args(argv)
    for name in ("a", "b"):
        if getattr(args, name) not in PORTS:
            parser.error(f"--{name} must be a loadtest/serve.sh port, 8201-8209 (got {getattr(args, name)})")
    if args.a == args.b:
        parser.error("--a and --b must be two servers (two ports)")
    args.rounds = max(1, min(args.rounds, 50))
    args.seconds = max(1.0, min(args.seconds, 60.0))
    args.threads = max(1, min(args.threads, 16))
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    servers = [Server(args.a), Server(args.b)]
    print(
        f"ab_cpu: {args.kind}, A = port {args.a}, B = port {args.b}, {args.threads} threads each, {args.seconds:g} s per round"
    )
    for server in servers:
        server.costs.warm_up(args.kind)
    ratios, failed = [], 0
    for number in range(args.rounds + 1):
        a, b = one_round(servers, args.kind, args.seconds, args.threads)
        failed += sum(n for r in (a, b) for status, n in r["statuses"].items() if status >= 500)
        ratio = b["ms"] / a["ms"] if a["ms"] else float("nan")
        label = "warm-up (not counted)" if number == 0 else f"round {number}/{args.rounds}"
        if number:
            ratios.append(ratio)
        print(
            f"{label}: A {a['requests']} requests {a['ms']:.3f} ms {a['statuses']} | "
            f"B {b['requests']} requests {b['ms']:.3f} ms {b['statuses']} | B/A {ratio:.3f}",
            flush=True,
        )
    print(f"summary: {summary(ratios)}; {failed} answers 5xx")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
