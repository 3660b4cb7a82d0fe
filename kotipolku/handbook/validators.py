"""Shape checks shared by the content loader and the admin (via Article.clean)."""

from kotipolku.services.codes import CategoryCode

# Category codes of the service compass, from its one code list.
SERVICE_CATEGORIES = tuple(CategoryCode.values)


def is_web_url(value: object) -> bool:
    """An http(s) URL without spaces: never javascript: or data: (sources become links)."""
    return isinstance(value, str) and value.startswith(("https://", "http://")) and not any(c.isspace() for c in value)


def source_problems(sources: object) -> list[tuple[str, str]]:
    """(field, reason) for each problem in a sources list of {title, url}."""
    if not isinstance(sources, list):
        return [("sources", "must be a list of {title, url}")]
    problems = []
    for i, source in enumerate(sources, start=1):
        if not isinstance(source, dict) or not source.get("title") or not is_web_url(source.get("url")):
            problems.append((f"sources[{i}]", "needs a title and an http(s) url"))
        elif set(source) - {"title", "url"}:
            problems.append((f"sources[{i}]", "only title and url are allowed"))
    return problems


def category_problems(categories: object) -> list[tuple[str, str]]:
    if not isinstance(categories, list) or any(c not in SERVICE_CATEGORIES for c in categories):
        return [("services", "must be a list of service categories (" + ", ".join(SERVICE_CATEGORIES) + ")")]
    return []
