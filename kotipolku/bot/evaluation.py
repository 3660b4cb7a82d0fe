"""Scoring the bot on a labelled file (format and metrics: ../shared/eval/README.md)."""

import json
import math
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

METRICS = (
    ("theme_accuracy", "theme accuracy"),
    ("must_recall", "must-mention recall"),
    ("oos_fallback", "out-of-scope fallback rate"),
    ("false_fallback", "false fallback rate"),
    ("emergency_recall", "emergency recall"),
    ("false_emergency", "false emergency rate"),
    ("latency_median_ms", "latency median (ms)"),
    ("latency_p95_ms", "latency p95 (ms)"),
    ("cpu_median_ms", "cpu time median (ms)"),
    ("cpu_p95_ms", "cpu time p95 (ms)"),
)


class EvalFileError(ValueError):
    pass


def read_items(path: Path | str) -> list[dict]:
    """Labelled items; a broken line is reported with its number."""
    items = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            raise EvalFileError(f"{path}: line {number}: not valid JSON ({exc})") from None
        missing = [k for k in ("id", "lang", "message", "themes", "must", "emergency", "oos") if k not in item]
        if missing:
            raise EvalFileError(f"{path}: line {number}: missing {', '.join(missing)}")
        items.append(item)
    return items


@dataclass
class Tally:
    inscope: int = 0
    theme_ok: int = 0
    groups: int = 0
    groups_met: int = 0
    oos: int = 0
    oos_fallback: int = 0
    false_fallback: int = 0
    emergencies: int = 0
    emergency_hit: int = 0
    non_emergencies: int = 0
    false_emergency: int = 0
    latencies: list = field(default_factory=list)
    cpu: list = field(default_factory=list)
    misses: list = field(default_factory=list)

    def add(self, item: dict, out: dict, ms: float, cpu_ms: float = 0.0) -> None:
        self.latencies.append(ms)
        self.cpu.append(cpu_ms)
        answer = (out.get("answer") or "").lower()
        if item["oos"]:
            self.oos += 1
            self.oos_fallback += bool(out["fallback"])
            if not out["fallback"]:
                self.misses.append(f"{item['id']}: out-of-scope answered as {out['theme']}")
        else:
            self.inscope += 1
            ok = not out["fallback"] and out["theme"] in item["themes"]
            self.theme_ok += ok
            self.false_fallback += bool(out["fallback"])
            if not ok:
                self.misses.append(f"{item['id']}: theme {out['theme']} (want {'/'.join(item['themes'])})")
            for group in item["must"]:
                self.groups += 1
                met = any(alt.lower() in answer for alt in group)
                self.groups_met += met
                if not met:
                    self.misses.append(f"{item['id']}: answer lacks {' | '.join(group)}")
        if item["emergency"]:
            self.emergencies += 1
            self.emergency_hit += bool(out["emergency"])
            if not out["emergency"]:
                self.misses.append(f"{item['id']}: MISSED EMERGENCY")
        else:
            self.non_emergencies += 1
            self.false_emergency += bool(out["emergency"])
            if out["emergency"]:
                self.misses.append(f"{item['id']}: false emergency")

    def figures(self) -> dict:
        def share(a, b):
            return a / b if b else None

        lat = sorted(self.latencies)
        cpu = sorted(self.cpu)
        return {
            "n": len(self.latencies),
            "theme_accuracy": share(self.theme_ok, self.inscope),
            "must_recall": share(self.groups_met, self.groups),
            "oos_fallback": share(self.oos_fallback, self.oos),
            "false_fallback": share(self.false_fallback, self.inscope),
            "emergency_recall": share(self.emergency_hit, self.emergencies),
            "false_emergency": share(self.false_emergency, self.non_emergencies),
            "latency_median_ms": statistics.median(lat) if lat else None,
            "latency_p95_ms": _p95(lat),
            "cpu_median_ms": statistics.median(cpu) if cpu else None,
            "cpu_p95_ms": _p95(cpu),
        }


def _p95(values: list[float]) -> float | None:
    """Nearest-rank 95th percentile."""
    if not values:
        return None
    return values[min(len(values) - 1, max(0, math.ceil(0.95 * len(values)) - 1))]


def evaluate(items: list[dict], answer_fn) -> dict[str, Tally]:
    """Run every item through answer_fn(message, lang) → dict; tallies overall ('all') and per language."""
    tallies = {"all": Tally(), "fi": Tally(), "sv": Tally(), "en": Tally()}
    for item in items:
        started, cpu_started = time.perf_counter(), time.thread_time()
        out = answer_fn(item["message"], item.get("lang"))
        ms = (time.perf_counter() - started) * 1000
        cpu_ms = (time.thread_time() - cpu_started) * 1000
        for key in ("all", item.get("lang")):
            if key in tallies:
                tallies[key].add(item, out, ms, cpu_ms)
    return tallies


def format_table(tallies: dict[str, Tally]) -> list[str]:
    figures = {k: t.figures() for k, t in tallies.items()}
    cols = [k for k in ("all", "fi", "sv", "en") if figures[k]["n"]]
    lines = [f"{'metric':<28}" + "".join(f"{c:>9}" for c in cols)]
    lines.append(f"{'items':<28}" + "".join(f"{figures[c]['n']:>9}" for c in cols))
    for key, label in METRICS:
        cells = []
        for c in cols:
            v = figures[c][key]
            timing = key.startswith(("latency", "cpu"))
            cells.append(f"{'n/a':>9}" if v is None else (f"{v:>9.1f}" if timing else f"{v:>9.3f}"))
        lines.append(f"{label:<28}" + "".join(cells))
    return lines
