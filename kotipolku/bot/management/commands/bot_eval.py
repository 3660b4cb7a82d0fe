"""Score the bot on a labelled JSON-lines file (../shared/eval/README.md), overall and per language."""

import time

from django.core.management.base import BaseCommand, CommandError

from kotipolku.bot.content import ContentError, read_content
from kotipolku.bot.engine import AnswerIndex, answer, selectors_content
from kotipolku.bot.engine.baseline import KeywordBaseline
from kotipolku.bot.engine.text import lemmatiser_ready, normalise, tokens
from kotipolku.bot.evaluation import EvalFileError, evaluate, format_table, read_items


def _key(text: str) -> str:
    return " ".join(tokens(normalise(text)))


def holdout(answers, items) -> int:
    """Remove examples that equal an evaluation message (measures generalisation, not recall of copies)."""
    messages = {_key(item["message"]) for item in items}
    dropped = 0
    for entry in answers:
        for block in entry.texts.values():
            kept = [e for e in block.get("examples", []) if _key(e) not in messages]
            dropped += len(block.get("examples", [])) - len(kept)
            block["examples"] = kept
    return dropped


class Command(BaseCommand):
    help = "Print theme accuracy, must-mention recall, fallback, emergency and latency figures for FILE."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--baseline", action="store_true", help="score the plain keyword baseline instead")
        parser.add_argument("--content", help="build the index from this content folder instead of the database")
        parser.add_argument(
            "--holdout",
            action="store_true",
            help="drop example phrasings identical to an evaluation message before building the index",
        )
        parser.add_argument("--misses", action="store_true", help="list every miss (item id and what was wrong)")

    def handle(self, *args, **options):
        try:
            items = read_items(options["file"])
        except (OSError, EvalFileError) as exc:
            raise CommandError(str(exc)) from None
        started = time.perf_counter()
        lemmatiser_ready()
        lemmatiser_s = time.perf_counter() - started
        try:
            answers, paths = read_content(options["content"]) if options["content"] else selectors_content()
        except ContentError as exc:
            raise CommandError(str(exc)) from None
        if not answers:
            raise CommandError("No bot answers: run `manage.py load_bot_content` or give --content DIR.")
        if options["holdout"]:
            dropped = holdout(answers, items)
            self.stdout.write(f"holdout: {dropped} example phrasings identical to evaluation messages left out")
        cpu_started = time.thread_time()
        index = AnswerIndex(answers, paths)
        build_cpu = time.thread_time() - cpu_started
        method = "keyword baseline" if options["baseline"] else "kotipolku matcher"
        if options["baseline"]:
            baseline = KeywordBaseline(index)
            run = baseline.answer
        else:

            def run(message, lang):
                return answer(message, lang, index=index)

        def answer_fn(message, lang):
            r = run(message, lang)
            return {"theme": r.theme, "fallback": r.fallback, "emergency": r.emergency, "answer": r.answer}

        for warm in ("vuokra", "hyra", "rent"):  # first use loads URL patterns and caches; not per-question cost
            answer_fn(warm, None)
        tallies = evaluate(items, answer_fn)
        self.stdout.write(f"Bot evaluation of {options['file']}: {len(items)} items, method: {method}")
        for line in format_table(tallies):
            self.stdout.write(line)
        self.stdout.write(
            f"index build: {index.build_seconds:.2f} s (cpu {build_cpu:.2f} s) for {len(answers)} answers "
            f"(lemmatiser dictionaries loaded once per process: {lemmatiser_s:.2f} s)"
        )
        if options["misses"]:
            for miss in tallies["all"].misses:
                self.stdout.write(f"  miss {miss}")
        f = tallies["all"].figures()
        self.stdout.write(
            f"Summary: theme accuracy {f['theme_accuracy'] or 0:.3f}, must-mention {f['must_recall'] or 0:.3f}, "
            f"emergency recall {f['emergency_recall'] if f['emergency_recall'] is not None else float('nan'):.3f}, "
            f"p95 {f['latency_p95_ms'] or 0:.1f} ms."
        )
