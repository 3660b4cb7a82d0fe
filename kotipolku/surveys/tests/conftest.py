import datetime as dt

import pytest
from django.utils import timezone

from kotipolku.surveys.selectors import survey_versions
from kotipolku.surveys.services import surveys_sync


@pytest.fixture
def versions(db):
    surveys_sync()
    return {v.instrument.code: v for v in reversed(survey_versions())}


@pytest.fixture
def open_campaign(versions):
    from kotipolku.surveys.models import SurveyCampaign

    now = timezone.now()
    return SurveyCampaign.objects.create(
        version=versions["verkostotapaaminen"],
        title="Syystapaaminen",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1),
    )
