"""Benchmark of the pure scoring function: validate + score N random valid responses per instrument."""

import random
import time

from django.core.management.base import BaseCommand

from kotipolku.instruments import services
from kotipolku.instruments.engine import Definition, score, validate_answers, visible_item_ids


def random_answers(definition: Definition, rng: random.Random) -> dict:
    """A random valid answer set (hidden items left out, required ones always answered)."""
    answers = {}
    for item in definition.items:
        if not item.required and rng.random() < 0.2:
            continue
        if item.type in ("single", "yesno"):
            answers[item.id] = rng.choice(item.option_values)
        elif item.type == "multiple":
            answers[item.id] = rng.sample(item.option_values, rng.randint(0, len(item.options)))
        elif item.type == "scale":
            answers[item.id] = rng.randint(int(item.min), int(item.max))
        elif item.type == "number":
            answers[item.id] = rng.randint(int(item.min or 0), int(item.max if item.max is not None else 100))
        else:
            answers[item.id] = "x" * rng.randint(0, min(item.max_length, 40))
    visible = visible_item_ids(definition, answers)
    return {k: v for k, v in answers.items() if k in visible}


class Command(BaseCommand):
    help = "Score N random valid responses per shipped instrument and report responses/second."

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=5)
        parser.add_argument("--validate", action="store_true", help="also time answer validation")

    def handle(self, *args, **options):
        n, rng = options["responses"], random.Random(options["seed"])
        definitions = services.load_definitions()
        grand_total, grand_time = 0, 0.0
        for definition in definitions:
            self.stdout.write(f"{definition.code} v{definition.version}: generating {n} answer sets …")
            batch = [random_answers(definition, rng) for _ in range(n)]
            if options["validate"]:
                started = time.perf_counter()
                invalid = sum(1 for a in batch if validate_answers(definition, a))
                spent = time.perf_counter() - started
                self.stdout.write(f"  validate: {n / spent:,.0f} responses/s ({invalid} invalid)")
            started = time.perf_counter()
            bands: dict[str, int] = {}
            for i, answers in enumerate(batch, 1):
                code = score(definition, answers).band.code
                bands[code] = bands.get(code, 0) + 1
                if i % 25_000 == 0:
                    self.stdout.write(f"  scored {i:,}")
            spent = time.perf_counter() - started
            grand_total, grand_time = grand_total + n, grand_time + spent
            self.stdout.write(f"  score: {n / spent:,.0f} responses/s in {spent:.2f} s; bands {bands}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Scored {grand_total:,} responses in {grand_time:.2f} s: {grand_total / grand_time:,.0f} responses/s"
            )
        )
