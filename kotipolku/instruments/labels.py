"""Translated names of the service compass categories that result bands link to."""

from kotipolku.services.codes import CategoryCode

SERVICE_CATEGORY_LABELS = dict(CategoryCode.choices)  # the service compass's own labels


def service_category_label(code: str) -> str:
    return str(SERVICE_CATEGORY_LABELS.get(code, code))
