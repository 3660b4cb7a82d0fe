"""The demo loader publishes the definitions, creates anonymous and client results, and is idempotent."""

import pytest

from kotipolku.clients import demo as clients_demo
from kotipolku.core import demo as core_demo
from kotipolku.instruments import demo
from kotipolku.instruments.models import InstrumentResponse

pytestmark = pytest.mark.django_db


def test_demo_loads_once():
    core_demo.load_demo()
    clients_demo.load_demo()  # demo_setup loads clients before instruments
    first = demo.load_demo()
    count = InstrumentResponse.objects.count()
    assert "60 anonymous" in first and InstrumentResponse.objects.filter(client__isnull=False).exists()
    second = demo.load_demo()
    assert "0 new instrument versions" in second and InstrumentResponse.objects.count() == count
