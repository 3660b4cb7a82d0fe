"""Reading and validating the bot's content files (content/bot/answers/*.yaml, content/bot/paths/*.yaml).

Every problem is collected and reported with its file and item, so an editor can fix all of them in
one go; nothing is loaded from a content set that has errors.
"""

from collections import deque
from pathlib import Path

import yaml
from django.conf import settings

from kotipolku.bot.engine.index import AnswerEntry, PathEntry
from kotipolku.bot.engine.text import LANGS
from kotipolku.core.themes import THEME_CODES
from kotipolku.services.codes import CategoryCode

SERVICE_CATEGORIES = tuple(CategoryCode.values)


class ContentError(Exception):
    """The content has errors; `errors` lists them as "file: item: problem"."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s) in bot content:\n" + "\n".join(errors))


def content_dir() -> Path:
    return Path(getattr(settings, "BOT_CONTENT_DIR", None) or Path(settings.CONTENT_DIR) / "bot")


def _read_yaml(path: Path, errors: list[str]):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(f"{path.name}: cannot read: {exc}")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        errors.append(f"{path.name}:{where}: not valid YAML: {getattr(exc, 'problem', exc)}")
    return None


def _slug_list(value, where: str, name: str, errors: list[str], allowed=None) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        errors.append(f"{where}: {name} must be a list of codes")
        return []
    if allowed is not None:
        for v in value:
            if v not in allowed:
                errors.append(f"{where}: unknown {name} code {v!r}")
    return list(value)


def _answer(item, where: str, errors: list[str]) -> AnswerEntry | None:
    if not isinstance(item, dict):
        errors.append(f"{where}: an answer must be a mapping")
        return None
    key = item.get("id")
    if not isinstance(key, str) or not key.strip():
        errors.append(f"{where}: missing id")
        return None
    where = f"{where} ({key})"
    theme = item.get("theme")
    if theme not in THEME_CODES:
        errors.append(f"{where}: unknown theme {theme!r}")
    texts = {}
    for lang in LANGS:
        block = item.get(lang)
        if not isinstance(block, dict):
            errors.append(f"{where}: missing language {lang}")
            continue
        examples = block.get("examples") or []
        answer = block.get("answer")
        if not isinstance(answer, str) or not answer.strip():
            errors.append(f"{where}: {lang}: missing answer text")
            continue
        if not isinstance(examples, list) or not all(isinstance(e, str) and e.strip() for e in examples):
            errors.append(f"{where}: {lang}: examples must be a list of texts")
            continue
        if not examples:
            errors.append(f"{where}: {lang}: no example phrasings")
        texts[lang] = {"examples": [e.strip() for e in examples], "answer": answer.strip()}
    return AnswerEntry(
        key=key.strip(),
        theme=theme,
        handbook=_slug_list(item.get("handbook"), where, "handbook", errors),
        services=_slug_list(item.get("services"), where, "services", errors, SERVICE_CATEGORIES),
        texts=texts,
    )


def _langs(value, where: str, errors: list[str]) -> dict:
    if not isinstance(value, dict):
        errors.append(f"{where}: must have fi, sv and en")
        return {}
    for lang in LANGS:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            errors.append(f"{where}: missing language {lang}")
    return {lang: str(value.get(lang, "")).strip() for lang in LANGS}


def _path(data, where: str, errors: list[str]) -> PathEntry | None:
    if not isinstance(data, dict):
        errors.append(f"{where}: a guidance path must be a mapping")
        return None
    key = data.get("id")
    if not isinstance(key, str) or not key.strip():
        errors.append(f"{where}: missing id")
        return None
    where = f"{where} ({key})"
    if data.get("theme") not in THEME_CODES:
        errors.append(f"{where}: unknown theme {data.get('theme')!r}")
    title = _langs(data.get("title"), f"{where}: title", errors)
    nodes = data.get("nodes")
    start = data.get("start")
    if not isinstance(nodes, dict) or not nodes:
        errors.append(f"{where}: no nodes")
        return None
    if start not in nodes:
        errors.append(f"{where}: start node {start!r} does not exist")
    clean = {}
    for name, node in nodes.items():
        nwhere = f"{where}: node {name}"
        if not isinstance(node, dict):
            errors.append(f"{nwhere}: must be a mapping")
            continue
        options = []
        for n, option in enumerate(node.get("options") or [], start=1):
            if not isinstance(option, dict):
                errors.append(f"{nwhere}: option {n} must be a mapping")
                continue
            if option.get("next") not in nodes:
                errors.append(f"{nwhere}: option {n} points to missing node {option.get('next')!r}")
            options.append(
                {
                    "label": _langs(option.get("label"), f"{nwhere}: option {n} label", errors),
                    "next": option.get("next"),
                }
            )
        clean[name] = {
            "text": _langs(node.get("text"), f"{nwhere}: text", errors),
            "handbook": _slug_list(node.get("handbook"), nwhere, "handbook", errors),
            "services": _slug_list(node.get("services"), nwhere, "services", errors, SERVICE_CATEGORIES),
            "options": options,
        }
    if start in clean:
        _check_graph(clean, start, where, errors)
    return PathEntry(key=key.strip(), theme=data.get("theme"), title=title, start=start, nodes=clean)


def _check_graph(nodes: dict, start: str, where: str, errors: list[str]) -> None:
    """Every node reachable from the start, and no way to go round in circles."""
    seen, queue = {start}, deque([start])
    while queue:
        for option in nodes[queue.popleft()]["options"]:
            nxt = option["next"]
            if nxt in nodes and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    for name in nodes:
        if name not in seen:
            errors.append(f"{where}: node {name} cannot be reached from {start}")
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for option in nodes[name]["options"]:
            nxt = option["next"]
            if nxt not in nodes:
                continue
            if state.get(nxt) == 1:
                errors.append(f"{where}: cycle {' → '.join([*trail, name, nxt])}")
            elif nxt not in state:
                visit(nxt, [*trail, name])
        state[name] = 2

    visit(start, [])


def read_content(directory: Path | None = None) -> tuple[list[AnswerEntry], list[PathEntry]]:
    """All answers and paths of the folder, validated; raises ContentError listing every problem."""
    directory = Path(directory or content_dir())
    errors: list[str] = []
    answers: list[AnswerEntry] = []
    paths: list[PathEntry] = []
    seen: dict[str, str] = {}
    for path in sorted((directory / "answers").glob("*.yaml")) + sorted((directory / "answers").glob("*.yml")):
        data = _read_yaml(path, errors)
        if data is None:
            continue
        if not isinstance(data, list):
            errors.append(f"{path.name}: must be a list of answers")
            continue
        for n, item in enumerate(data, start=1):
            entry = _answer(item, f"answers/{path.name}: item {n}", errors)
            if entry is None:
                continue
            if entry.key in seen:
                errors.append(f"answers/{path.name}: item {n}: duplicate id {entry.key!r} (also in {seen[entry.key]})")
                continue
            seen[entry.key] = f"answers/{path.name}"
            entry.source = f"answers/{path.name}"
            answers.append(entry)
    path_ids: dict[str, str] = {}
    for path in sorted((directory / "paths").glob("*.yaml")) + sorted((directory / "paths").glob("*.yml")):
        data = _read_yaml(path, errors)
        if data is None:
            continue
        entry = _path(data, f"paths/{path.name}", errors)
        if entry is None:
            continue
        if entry.key in path_ids:
            errors.append(f"paths/{path.name}: duplicate path id {entry.key!r} (also in {path_ids[entry.key]})")
            continue
        path_ids[entry.key] = f"paths/{path.name}"
        entry.source = f"paths/{path.name}"
        paths.append(entry)
    if errors:
        raise ContentError(errors)
    return answers, paths
