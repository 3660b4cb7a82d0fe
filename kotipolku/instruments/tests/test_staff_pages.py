"""Staff instrument pages: filled in for a team's client, audited, compared with earlier results,
printable, and invisible to other teams."""

import re

import pytest

from kotipolku.core.models import AuditAction, AuditEvent
from kotipolku.instruments import services
from kotipolku.instruments.models import InstrumentResponse
from kotipolku.instruments.tests.conftest import form_data

pytestmark = pytest.mark.django_db


def fill_url(client, code="asumispalvelun-pisteytys"):
    return f"/fi/staff/arviointi/asiakas/{client.pk}/{code}/"


def test_worker_fills_in_the_scoring_tool_and_sees_the_recommendation(as_worker_a, worker_a, client_a, scoring_tool):
    """A valid submission saves a response linked to the client and the worker, audited as CREATE."""
    answers = dict(scoring_tool.parsed.examples[2].answers)
    response = as_worker_a.post(fill_url(client_a), form_data(answers), follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ehdotus: tuettu asuminen" in page
    assert "<svg" in page and "<table" in page and "<script" not in page
    svg = page[page.index("<svg") : page.index("</svg>")]
    for number in re.findall(r'\s(?:width|x|y)="([^"]+)"', svg):
        float(number.rstrip("%"))  # SVG needs "51.0", never the Finnish "51,0"
    saved = InstrumentResponse.objects.get()
    assert saved.client == client_a and saved.filled_by == worker_a and saved.band == "supported_housing"
    assert saved.scores["domains"]["finances"] == 5
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="instruments.InstrumentResponse", client_id=str(client_a.pk)
    ).exists()


def test_invalid_submission_shows_errors_per_item(as_worker_a, client_a, scoring_tool):
    answers = dict(scoring_tool.parsed.examples[0].answers)
    answers["homeless_months"] = "99"
    answers["danger_now"] = "yes"  # hidden: violence is "no"
    response = as_worker_a.post(fill_url(client_a), form_data(answers))
    page = response.content.decode()
    assert response.status_code == 200
    assert "enintään 36" in page and "Jätä se tyhjäksi" in page
    assert not InstrumentResponse.objects.exists()


def test_result_compares_with_earlier_results(as_worker_a, worker_a, client_a, scoring_tool):
    """The newer result shows the previous one as grey bars and in the history table."""
    examples = scoring_tool.parsed.examples
    first = services.response_submit_for_client(
        actor=worker_a, version=scoring_tool, client=client_a, answers=dict(examples[3].answers)
    )
    second = services.response_submit_for_client(
        actor=worker_a, version=scoring_tool, client=client_a, answers=dict(examples[1].answers)
    )
    page = as_worker_a.get(f"/fi/staff/arviointi/vastaus/{second.pk}/").content.decode()
    assert 'class="bar-prev"' in page
    assert f"/fi/staff/arviointi/vastaus/{first.pk}/" in page
    first_page = as_worker_a.get(f"/fi/staff/arviointi/vastaus/{first.pk}/").content.decode()
    assert 'class="bar-prev"' not in first_page
    assert "hätätilanteeseen" in first_page  # danger_now = yes


def test_print_summary_has_no_navigation(as_worker_a, worker_a, client_a, scoring_tool):
    response = services.response_submit_for_client(
        actor=worker_a, version=scoring_tool, client=client_a, answers=dict(scoring_tool.parsed.examples[0].answers)
    )
    page = as_worker_a.get(f"/fi/staff/arviointi/vastaus/{response.pk}/tuloste/").content.decode()
    assert "Yhteenveto:" in page and "site-nav" not in page


def test_other_team_gets_404_everywhere(as_worker_b, worker_a, client_a, scoring_tool):
    response = services.response_submit_for_client(
        actor=worker_a, version=scoring_tool, client=client_a, answers=dict(scoring_tool.parsed.examples[0].answers)
    )
    for url in (
        f"/fi/staff/arviointi/asiakas/{client_a.pk}/",
        fill_url(client_a),
        f"/fi/staff/arviointi/vastaus/{response.pk}/",
        f"/fi/staff/arviointi/vastaus/{response.pk}/tuloste/",
    ):
        assert as_worker_b.get(url).status_code == 404, url
    assert as_worker_b.post(fill_url(client_a), {}).status_code == 404


def test_public_instrument_cannot_be_filled_for_a_client(as_worker_a, client_a, self_assessment):
    assert as_worker_a.get(fill_url(client_a, "asumisen-itsearvio")).status_code == 404


def test_tablet_mode_hides_navigation(as_worker_a, client_a):
    page = as_worker_a.get(fill_url(client_a, "asumisen-hyvinvointikysely") + "?tablet=1").content.decode()
    assert "tablet-mode" in page and "site-nav" not in page and "Asiakas A" not in page


def test_only_instruments_for_clients_are_offered(as_worker_a, client_a, scoring_tool):
    """Surveys of other modules (kind survey without for_clients) are neither listed nor fillable."""
    from kotipolku.instruments.models import Instrument, InstrumentVersion
    from kotipolku.instruments.tests.defs import base

    raw = {**base(), "code": "verkostokysely", "kind": "survey"}
    instrument = Instrument.objects.create(code="verkostokysely", kind="survey", title=raw["title"])
    InstrumentVersion.objects.create(instrument=instrument, version=1, definition=raw)
    page = as_worker_a.get(f"/fi/staff/arviointi/asiakas/{client_a.pk}/").content.decode()
    assert "asumisen-hyvinvointikysely/?tablet=1" in page and "asumispalvelun-pisteytys/" in page
    assert "verkostokysely" not in page
    assert as_worker_a.get(fill_url(client_a, "verkostokysely")).status_code == 404
