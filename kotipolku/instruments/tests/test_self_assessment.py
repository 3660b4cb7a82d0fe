"""The public self-assessment: anonymous, works as a plain HTML form, shows the emergency block for
emergency answers and attaches answers to a contact request only through the explicit button."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from kotipolku.core.models import AuditEvent
from kotipolku.instruments import selectors, services
from kotipolku.instruments.models import InstrumentResponse
from kotipolku.instruments.tests.conftest import form_data

pytestmark = pytest.mark.django_db


def example(version, name_part: str) -> dict:
    return dict(next(e for e in version.parsed.examples if name_part in e.name).answers)


def test_form_renders_all_items_without_javascript(anonymous, self_assessment):
    """At least 8 inputs, labelled, the example label shown, no script tags."""
    page = anonymous.get("/fi/itsearvio/").content.decode()
    assert len(re.findall(r"<(input|select|textarea)\b", page)) >= 8
    assert "Kotipolun esimerkki-instrumentti" in page
    assert "<script" not in page
    assert "Missä nukut ensi yönä?" in page


def test_form_is_translated_from_the_definition(anonymous, self_assessment):
    """Item texts come from the YAML, UI strings from the .po files."""
    sv = anonymous.get("/sv/itsearvio/").content.decode()
    en = anonymous.get("/en/itsearvio/").content.decode()
    assert "Var sover du i natt?" in sv and "Visa resultatet" in sv
    assert "Where will you sleep tonight?" in en and "Show the result" in en


def test_empty_submission_gives_errors_and_saves_nothing(anonymous, self_assessment):
    response = anonymous.post("/fi/itsearvio/", {})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not InstrumentResponse.objects.exists()


def test_answer_to_a_hidden_item_is_an_error(anonymous, self_assessment):
    """The arrears-plan question is hidden when there are no arrears: answering it is refused."""
    data = form_data({**example(self_assessment, "stable"), "arrears_plan": "yes"})
    response = anonymous.post("/fi/itsearvio/", data)
    assert response.status_code == 200
    assert "Jätä se tyhjäksi" in response.content.decode()
    assert not InstrumentResponse.objects.exists()


def test_valid_submission_shows_band_services_and_handbook(anonymous, self_assessment):
    """A valid answer set is saved anonymously and the result page gives band, next steps and links."""
    response = anonymous.post("/fi/itsearvio/", form_data(example(self_assessment, "court")), follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Asumisesi on vaarassa" in page
    assert "/palvelut/?category=legal_aid" in page
    assert "/kasikirja/haato/" in page
    assert 'id="emergency-heading"' not in page
    saved = InstrumentResponse.objects.get()
    assert saved.client is None and saved.filled_by is None and saved.band == "high_risk"
    assert not AuditEvent.objects.filter(object_type="instruments.InstrumentResponse").exists()


def test_no_place_to_sleep_shows_the_emergency_block(anonymous, self_assessment):
    response = anonymous.post("/fi/itsearvio/", form_data(example(self_assessment, "nowhere")), follow=True)
    page = response.content.decode()
    assert 'id="emergency-heading"' in page and "tel:112" in page


def test_contact_button_carries_a_token_that_gives_the_summary(anonymous, self_assessment):
    """Only the explicit button link carries the answers; the token resolves to readable answers."""
    response = anonymous.post("/fi/itsearvio/", form_data(example(self_assessment, "income")), follow=True)
    page = response.content.decode()
    links = re.findall(r'href="([^"]*yhteydenotto/[^"]*)"', page)
    with_answers = [link for link in links if "assessment=" in link]
    assert len(with_answers) == 1 and any("assessment=" not in link for link in links)
    token = parse_qs(urlparse(with_answers[0].replace("&amp;", "&")).query)["assessment"][0]
    summary = selectors.attachment_summary(token)
    assert summary["band"] == "some_risk" and summary["band_label"] == "Asumisessasi on riskejä"
    assert summary["instrument_code"] == "asumisen-itsearvio" and summary["version"] == 2
    assert {"question": "Onko sinulla maksamattomia vuokria?", "answer": "Yhden kuukauden vuokra"} in summary["answers"]


def test_attachment_token_rejects_forgery_and_client_responses(self_assessment, scoring_tool, client_a, worker_a):
    assert selectors.attachment_summary("forged") is None
    staff_response = services.response_submit_for_client(
        actor=worker_a, version=scoring_tool, client=client_a, answers=dict(scoring_tool.parsed.examples[0].answers)
    )
    assert selectors.attachment_summary(services.attachment_token(staff_response)) is None
    # A result-page token is not an attachment token (different salt).
    public = services.response_submit_public(version=self_assessment, answers=example(self_assessment, "stable"))
    assert selectors.attachment_summary(services.result_token(public)) is None
    assert selectors.attachment_summary(services.attachment_token(public))["band"] == "stable"


def test_result_page_needs_a_valid_token(anonymous, self_assessment):
    public = services.response_submit_public(version=self_assessment, answers=example(self_assessment, "stable"))
    assert anonymous.get(f"/fi/itsearvio/tulos/{public.pk}/").status_code == 404
    assert anonymous.get(f"/fi/itsearvio/tulos/{services.result_token(public)}/").status_code == 200
