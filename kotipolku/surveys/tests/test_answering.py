"""Answering: open and close times, one-time links, bad values; nothing partial is ever saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kotipolku.surveys.models import SurveyAnswer, SurveyCampaign
from kotipolku.surveys.services import answer_submit, links_create


@pytest.mark.django_db
def test_answer_through_the_public_page(anonymous, open_campaign):
    url = f"/fi/kysely/{open_campaign.public_slug}/"
    assert anonymous.get(url).status_code == 200
    response = anonymous.post(url, {"usefulness": "4", "will_use": "partly", "comments": "soita 040 123 4567"})
    assert response.status_code == 302
    saved = SurveyAnswer.objects.get()
    assert saved.answers["usefulness"] == 4 and "040 123 4567" not in saved.answers["comments"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {"usefulness": "9", "will_use": "yes"},
        {"will_use": "yes"},
        {"usefulness": "3", "will_use": "sometimes"},
        {"usefulness": "3", "will_use": "yes", "comments": "x" * 1001},
    ],
)
def test_bad_answers_are_refused_per_field_and_nothing_is_saved(anonymous, open_campaign, bad):
    response = anonymous.post(f"/fi/kysely/{open_campaign.public_slug}/", bad)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not SurveyAnswer.objects.exists()


@pytest.mark.django_db
def test_answers_after_the_close_date_are_refused(anonymous, versions):
    now = timezone.now()
    closed = SurveyCampaign.objects.create(
        version=versions["verkostotapaaminen"],
        title="x",
        opens_at=now - dt.timedelta(days=9),
        closes_at=now - dt.timedelta(days=1),
    )
    response = anonymous.post(f"/fi/kysely/{closed.public_slug}/", {"usefulness": "4", "will_use": "yes"})
    assert response.status_code == 410 and "sulkeutunut" in response.content.decode()
    assert not SurveyAnswer.objects.exists()
    with pytest.raises(ValidationError):
        answer_submit(campaign=closed, answers={"usefulness": 4, "will_use": "yes"})


@pytest.mark.django_db
def test_one_time_link_works_once(anonymous, lead, open_campaign):
    open_campaign.one_time_links = True
    open_campaign.save()
    token = links_create(actor=lead, campaign=open_campaign, count=1)[0]
    url = f"/fi/kysely/{open_campaign.public_slug}/"
    assert anonymous.post(url, {"usefulness": "4", "will_use": "yes", "t": token}).status_code == 302
    again = anonymous.post(url, {"usefulness": "2", "will_use": "no", "t": token})
    assert again.status_code == 410 and "jo vastattu" in again.content.decode()
    without = anonymous.post(url, {"usefulness": "2", "will_use": "no"})
    assert without.status_code == 410
    assert SurveyAnswer.objects.count() == 1


@pytest.mark.django_db
def test_workers_cannot_create_campaigns_or_links(worker_a, open_campaign):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    with pytest.raises((PermissionDenied, Http404)):
        links_create(actor=worker_a, campaign=open_campaign, count=1)
