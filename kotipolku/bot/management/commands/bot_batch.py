"""Answer JSON lines from standard input: {"id","message","lang"?} → {"id","theme","fallback","emergency","answer"}.

Nothing else goes to standard output; the exchanges are not logged (batch runs are not conversations).
"""

import json
import sys

from django.core.management.base import BaseCommand

from kotipolku.bot.engine import answer, get_index


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = 'Answer JSON lines {"id","message","lang"?} from stdin; one JSON line per input to stdout.'

    def handle(self, *args, **options):
        stdin = options.get("stdin") or sys.stdin
        index = get_index()
        count = errors = 0
        for number, line in enumerate(stdin, start=1):
            if not line.strip():
                continue
            count += 1
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("not a JSON object")
            except ValueError as exc:
                errors += 1
                out = {"id": None, "theme": None, "fallback": True, "emergency": False, "answer": ""}
                out["error"] = f"line {number}: {exc}"
                self.stdout.write(json.dumps(out, ensure_ascii=False))
                continue
            message = item.get("message")
            lang = item.get("lang") if item.get("lang") in ("fi", "sv", "en") else None
            reply = answer(message if isinstance(message, str) else "", lang, index=index)
            out = {
                "id": item.get("id"),
                "theme": reply.theme,
                "fallback": reply.fallback,
                "emergency": reply.emergency,
                "answer": reply.answer,
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            self.stdout.flush()
        self.stderr.write(f"bot_batch: {count} messages answered, {errors} lines were not valid JSON.")
