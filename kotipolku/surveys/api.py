"""Landlord API: a housing company reads the resident-survey summaries of its own campaigns only."""

from datetime import date

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from kotipolku.core.api import actor_of, landlord_auth
from kotipolku.surveys import selectors

router = Router(tags=["surveys"], auth=landlord_auth)


class SummaryParams(Schema):
    year: int = date.today().year
    lang: str = "fi"


@router.get("/landlord/surveys", url_name="landlord-survey-summaries")
def landlord_survey_summaries(request, params: Query[SummaryParams]):
    if not 2000 <= params.year <= 2100:
        raise HttpError(400, [{"field": "year", "reason": "must be between 2000 and 2100"}])
    if params.lang not in ("fi", "sv", "en"):
        raise HttpError(400, [{"field": "lang", "reason": "must be fi, sv or en"}])
    return {"items": selectors.landlord_summaries(actor=actor_of(request), year=params.year, lang=params.lang)}
