"""The handbook holds no data about people: plain-language articles (core/privacy.py)."""

from kotipolku.core.privacy import Person, Section, TableChange, no_personal_data

MODELS = {
    "handbook.Article": no_personal_data("public articles written by editors from content/handbook/"),
}


def export_person(*, person: Person) -> list[Section]:
    return []


def erase_person(*, person: Person) -> list[TableChange]:
    return []
