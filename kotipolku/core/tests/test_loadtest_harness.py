"""The load test's measuring rules (loadtest/run.py): what counts, in which order the phases run, how pairs pool.

The ratio target of docs/reliability/load.md is read from these numbers, so the rules that make them fair
are tested: requests of a phase's unmeasured ramp are not counted (contact posts then flow at their steady
rate in the window), trivial and public alternate in ABBA order, and each pair gives its own ratio.
"""

import os

import pytest

from loadtest.run import Run, cpu_ms_by_group, cpu_ticks, pair_ratios, parse_args, phase_plan


class FakeClient:
    def __init__(self):
        self.calls = 0

    def request(self, method, path, **kwargs):
        self.calls += 1
        return 200, "", b"ok"

    def form_post(self, path, fields):
        self.calls += 1
        return 302, "/fi/yhteydenotto/kiitos/", b""


def test_the_phases_alternate_in_abba_pairs_and_the_mixed_phase_comes_last():
    assert phase_plan(1) == ["trivial", "public", "mixed"]
    assert phase_plan(3) == ["trivial", "public", "public", "trivial", "trivial", "public", "mixed"]
    assert phase_plan(2, mixed=False) == ["trivial", "public", "public", "trivial"]


def test_each_pair_gives_its_own_ratio_in_run_order():
    slices = [("trivial", 1000, 10.0), ("public", 500, 10.0), ("public", 450, 10.0), ("trivial", 1000, 10.0)]
    assert pair_ratios(slices) == pytest.approx([0.5, 0.45])
    assert pair_ratios([("trivial", 0, 0.0), ("public", 10, 1.0)]) == []  # no trivial throughput: no ratio


def test_the_ramp_defaults_to_the_form_fill_time_and_is_capped():
    assert parse_args(["--database-url", "x"]).ramp == pytest.approx(4.5)
    assert parse_args(["--database-url", "x", "--fill-seconds", "2"]).ramp == pytest.approx(3.0)
    assert parse_args(["--database-url", "x", "--ramp", "999"]).ramp == 60.0
    assert parse_args(["--database-url", "x", "--pairs", "50"]).pairs == 10


def test_requests_outside_the_measured_window_are_made_but_not_counted():
    run = Run(parse_args(["--base", "http://127.0.0.1:8209", "--database-url", "x"]))
    run.phase = "public"
    client = FakeClient()
    run.timed(client, "handbook_page", "GET", "/fi/kasikirja/")  # during the ramp
    assert client.calls == 1 and run.stats.total == 0
    run.measuring.set()
    run.timed(client, "handbook_page", "GET", "/fi/kasikirja/")
    assert run.stats.total == 1 and run.stats.status[("public", "handbook_page")] == {200: 1}


def test_a_phase_measures_only_after_its_ramp_and_records_its_slice():
    args = parse_args(["--base", "http://127.0.0.1:8209", "--database-url", "x", "--ramp", "0.2"])
    args.duration = 0.3
    run = Run(args)
    client = FakeClient()

    def worker():
        while not run.stop.is_set():
            run.timed(client, "healthz", "GET", "/healthz")

    seconds = run.phase_run("trivial", [(worker, ())])
    assert seconds == pytest.approx(0.3, abs=0.25)  # the window ends at the first check after its deadline
    phase, counted, measured = run.slices[-1]
    assert phase == "trivial" and counted == run.stats.total and measured == seconds
    assert 0 < counted < client.calls  # the ramp's requests were made and left out


def test_cpu_time_is_summed_per_group_and_a_new_process_counts_from_zero():
    per_tick = 1000 / os.sysconf("SC_CLK_TCK")
    before = {"10": ("gunicorn", 100), "11": ("gunicorn", 50), "20": ("postgres", 7)}
    after = {"10": ("gunicorn", 110), "11": ("gunicorn", 55), "20": ("postgres", 7), "21": ("postgres", 4)}
    used = cpu_ms_by_group(before, after)
    assert used == pytest.approx({"gunicorn": 15 * per_tick, "postgres": 4 * per_tick})


def test_this_process_is_found_as_the_load_generator():
    assert cpu_ticks()[str(os.getpid())][0] == "load generator"


def test_the_page_sweep_sends_real_paths_of_every_page_without_parameters():
    """loadtest/sweep_pages.py: each path it sends resolves to a page (not a 404 built from route texts)."""
    from django.urls import resolve
    from django.utils import translation

    from loadtest.sweep_pages import page_paths

    paths = page_paths()
    assert len(paths) >= 60
    assert {"/fi/yhteydenotto/", "/sv/yhteydenotto/", "/fi/staff/asiakkaat/", "/fi/kasikirja/"} <= set(paths)
    for path in paths:
        with translation.override(path.split("/")[1]):  # as LocaleMiddleware does for the prefix
            assert resolve(path).url_name, path


def test_the_in_process_profiler_serves_like_production_and_keeps_the_heap_flat():
    """loadtest/profile_public.py: the handler gunicorn uses, and no objects left behind per request.

    The test client's handler connects signal receivers on every request and leaves finalizers behind,
    so a long profile would measure a growing heap rather than the requests.
    """
    import gc

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test.client import ClientHandler

    from loadtest.profile_public import LeanClient

    lean = LeanClient()
    assert isinstance(lean.handler, WSGIHandler) and not isinstance(lean.handler, ClientHandler)
    # Once for the whole test, not per request: this test has no database to check connections of.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        for _ in range(20):
            assert lean.get("/healthz").status_code == 200
        gc.collect()
        before = len(gc.get_objects())
        for _ in range(300):
            lean.get("/healthz")
        gc.collect()
        grown = len(gc.get_objects()) - before
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert grown < 100, f"{grown} objects left behind by 300 requests"


def test_the_ab_comparison_finds_a_servers_workers_by_their_parent():
    """loadtest/ab_cpu.py measures each server's own workers: the children of its gunicorn master."""
    import subprocess

    from loadtest.ab_cpu import cpu_seconds
    from loadtest.run import child_pids  # also fault_batch.py's workers

    child = subprocess.Popen(["sleep", "30"])  # noqa: S607 (a child of this process)
    try:
        assert child.pid in child_pids(os.getpid())
        assert os.getpid() not in child_pids(child.pid)
    finally:
        child.kill()
        child.wait()
    assert cpu_seconds([child.pid]) == 0  # a process that ended counts nothing


def test_the_ab_comparison_loads_both_servers_in_the_same_seconds():
    import threading
    import types

    from loadtest.ab_cpu import one_round, summary

    calls, lock = {8208: 0, 8209: 0}, threading.Lock()

    def fake(port, status):
        def one(kind):
            assert kind == "bot_ask"
            with lock:
                calls[port] += 1
            if status is OSError:
                raise ConnectionRefusedError("the server went away")
            return status

        return types.SimpleNamespace(port=port, workers=[os.getpid()], costs=types.SimpleNamespace(one=one))

    a, b = one_round([fake(8208, 200), fake(8209, OSError)], "bot_ask", 0.2, 2)
    assert (a["port"], b["port"]) == (8208, 8209)
    assert a["requests"] == calls[8208] > 0 and b["requests"] == calls[8209] > 0
    assert a["statuses"] == {200: a["requests"]} and b["statuses"] == {599: b["requests"]}  # a failed connection
    assert a["ms"] >= 0 and b["ms"] >= 0
    assert summary([0.9, 1.0, 1.1]) == "B/A mean 1.000, median 1.000, from 0.900 to 1.100 over 3 rounds"
    assert summary([]) == "no round counted"


def test_the_ab_comparison_refuses_anything_but_two_local_test_servers():
    from loadtest.ab_cpu import parse_args

    assert parse_args(["--a", "8203", "--b", "8204"]).kind == "bot_ask"
    for argv in (["--a", "8000", "--b", "8204"], ["--a", "8203", "--b", "8203"], ["--a", "8203", "--b", "5432"]):
        with pytest.raises(SystemExit):
            parse_args(argv)
    with pytest.raises(SystemExit):
        parse_args(["--a", "8203", "--b", "8204", "--kind", "contact_post"])  # needs forms first: cost_per_kind.py
