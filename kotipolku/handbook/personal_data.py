"""The handbook holds no data about people: plain-language articles (core/privacy.py)."""

from kotipolku.core.privacy import no_personal_data

MODELS = {
    "handbook.Article": no_personal_data("public articles written by editors from content/handbook/"),
}
