"""Demo content of the handbook: the reviewed articles from content/handbook/."""

from kotipolku.handbook.services import handbook_load


def load_demo(*, stdout=None) -> str:
    result = handbook_load()
    return f"handbook articles: {result.summary()}"
