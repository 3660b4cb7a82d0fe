"""What the instruments hold about a person: results filled in for their client record (core/privacy.py).

Public self-assessments carry no identity and cannot be tied to anyone. Erasure empties free-text
answers and keeps coded answers, scores and the band, so results can still be counted and re-scored.
"""

from kotipolku.core.privacy import Person, Section, TableChange, iso, no_personal_data, person
from kotipolku.instruments.models import InstrumentResponse

MODELS = {
    "instruments.InstrumentResponse": person(
        "results attached to a client; free-text answers may describe the person (anonymous public ones have no client)"
    ),
    "instruments.Instrument": no_personal_data("questionnaire definitions: code, kind and title"),
    "instruments.InstrumentVersion": no_personal_data("frozen questionnaire definitions written by editors"),
}


def _responses(person: Person):
    return InstrumentResponse.objects.filter(client_id__in=person.client_ids).select_related(
        "version__instrument", "filled_by"
    )


def export_person(*, person: Person) -> list[Section]:
    return [
        Section(
            "instruments.InstrumentResponse",
            "instrument_results",
            [
                {
                    "id": r.pk,
                    "client_id": r.client_id,
                    "instrument": r.version.instrument.code,
                    "version": r.version.version,
                    "created_at": iso(r.created_at),
                    "filled_by": r.filled_by.get_username() if r.filled_by else None,
                    "answers": r.answers,
                    "scores": r.scores,
                    "band": r.band,
                    "emergency": r.emergency,
                }
                for r in _responses(person).order_by("created_at", "pk")
            ],
        )
    ]


def _text_item_ids(response: InstrumentResponse) -> set[str]:
    return {item.id for item in response.version.parsed.items if item.type == "text"}


def erase_person(*, person: Person) -> list[TableChange]:
    """Free-text answers become empty; the response stays attached to the (anonymised) client."""
    touched = []
    for response in _responses(person).order_by("pk"):
        texts = _text_item_ids(response)
        answers = {key: ("" if key in texts else value) for key, value in (response.answers or {}).items()}
        InstrumentResponse.objects.filter(pk=response.pk).update(answers=answers)
        touched.append(response.pk)
    return [TableChange("instruments.InstrumentResponse", "anonymise", tuple(touched))]
