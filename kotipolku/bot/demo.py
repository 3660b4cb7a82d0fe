"""Demo content of the bot: the curated answers and guidance paths of content/bot/ (idempotent)."""

from kotipolku.bot.content import ContentError
from kotipolku.bot.services import load_bot_content


def load_demo(*, stdout=None) -> str:
    try:
        return load_bot_content()
    except ContentError as exc:
        if stdout is not None:
            for line in exc.errors:
                stdout.write(f"    {line}")
        return f"bot content NOT loaded: {len(exc.errors)} error(s), see above"
