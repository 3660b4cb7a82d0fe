"""`demo_setup` creates the documented accounts and can be run again without duplicates."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from kotipolku.core.models import LandlordOrganisation, User


@pytest.mark.django_db
@override_settings(KOTIPOLKU_DEMO=True)
def test_demo_setup_is_idempotent_and_complete():
    call_command("demo_setup", stdout=io.StringIO())
    counts = (User.objects.count(), LandlordOrganisation.objects.count())
    call_command("demo_setup", stdout=io.StringIO())
    assert (User.objects.count(), LandlordOrganisation.objects.count()) == counts
    assert set(User.objects.values_list("username", flat=True)) >= {
        "demo-worker-a",
        "demo-worker-b",
        "demo-lead",
        "demo-editor",
        "demo-admin",
    }
    assert LandlordOrganisation.for_token("demo-landlord-a-token").name == "Demo Vuokratalot A"
    assert User.objects.get(username="demo-lead").teams.count() == 2


@pytest.mark.django_db
@override_settings(KOTIPOLKU_DEMO=False)
def test_demo_setup_is_refused_outside_demo_mode():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="demo mode"):
        call_command("demo_setup")
