"""The load test's row check (`manage.py reliability_count`) reads only markers and refuses vague ones."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_short_marker_is_refused():
    """A marker under 6 characters could match real municipalities or notes, so it is refused."""
    with pytest.raises(CommandError, match="at least 6"):
        call_command("reliability_count", "LT1", stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db
def test_unknown_marker_lists_nothing():
    """With no load-test rows the JSON lists are empty (the command runs against every module's table)."""
    out = StringIO()
    call_command("reliability_count", "LT20990101T000000", stdout=out, stderr=StringIO())
    assert json.loads(out.getvalue()) == {"contact_requests": [], "encounters": []}
