"""Published versions are immutable; changed files need a new version number; responses keep theirs."""

import pytest
from django.core.exceptions import ValidationError

from kotipolku.instruments import services
from kotipolku.instruments.engine import DefinitionError, score
from kotipolku.instruments.models import InstrumentResponse, InstrumentVersion
from kotipolku.instruments.tests.defs import as_yaml, base

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(tmp_path, settings):
    settings.INSTRUMENTS_DIR = tmp_path
    (tmp_path / "testi.yaml").write_text(as_yaml(base()), encoding="utf-8")
    return tmp_path


def test_sync_publishes_each_file_once(content):
    """First run creates the version, a second run finds it unchanged."""
    assert services.instruments_sync().created == ["testi v1"]
    assert services.instruments_sync().unchanged == ["testi v1"]
    assert InstrumentVersion.objects.get().published


def test_changed_file_under_a_published_version_is_refused(content):
    """Editing a published definition without raising its version fails and names the file."""
    services.instruments_sync()
    raw = base()
    raw["title"] = {"fi": "muutettu", "sv": "ändrad", "en": "changed"}
    (content / "testi.yaml").write_text(as_yaml(raw), encoding="utf-8")
    with pytest.raises(DefinitionError) as exc:
        services.instruments_sync()
    assert "testi.yaml" in str(exc.value) and "version 2" in str(exc.value)
    raw["version"] = 2
    (content / "testi.yaml").write_text(as_yaml(raw), encoding="utf-8")
    assert services.instruments_sync().created == ["testi v2"]


def test_invalid_file_publishes_nothing(content):
    raw = base()
    raw["code"] = "toinen"
    raw["bands"][1]["from"] = 6
    (content / "toinen.yaml").write_text(as_yaml(raw), encoding="utf-8")
    with pytest.raises(DefinitionError):
        services.instruments_sync()
    assert not InstrumentVersion.objects.exists()


def test_published_version_cannot_be_changed_or_deleted(content):
    services.instruments_sync()
    version = InstrumentVersion.objects.get()
    version.definition = {**version.definition, "title": {"fi": "x", "sv": "x", "en": "x"}}
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        InstrumentVersion.objects.filter(pk=version.pk).update(definition={})
    with pytest.raises(ValidationError):
        version.delete()
    with pytest.raises(ValidationError):
        InstrumentVersion.objects.all().delete()
    version.refresh_from_db()
    assert version.definition["title"]["fi"] == "teksti"


def test_response_keeps_the_version_it_was_given_on(content, settings):
    """After v2 changes the scoring, an old response still re-scores the same on v1."""
    settings.INSTRUMENTS_DIR = content
    services.instruments_sync()
    v1 = InstrumentVersion.objects.get()
    v1.instrument.kind = "public"
    v1.instrument.save()
    answers = {"arrears": "some", "plan": "no", "mood": 0}
    old = services.response_submit_public(version=v1, answers=answers)
    raw = base()
    raw["version"] = 2
    raw["scoring"]["rules"][0]["points"]["some"] = 3
    (content / "testi.yaml").write_text(as_yaml(raw), encoding="utf-8")
    services.instruments_sync()
    old = InstrumentResponse.objects.get(pk=old.pk)
    assert score(old.version.parsed, old.answers).as_json() == old.scores
    assert old.version.version == 1 and old.scores["domains"]["money"] == 4
    v2 = InstrumentVersion.objects.get(version=2)
    assert score(v2.parsed, old.answers).domains["money"] == 5


def test_invalid_response_is_not_saved(content):
    services.instruments_sync()
    v1 = InstrumentVersion.objects.get()
    v1.instrument.kind = "public"
    v1.instrument.save()
    with pytest.raises(ValidationError) as exc:
        services.response_submit_public(version=v1, answers={"arrears": "some"})
    assert set(exc.value.message_dict) == {"plan", "mood"}
    assert not InstrumentResponse.objects.exists()


def test_stored_version_stays_loadable_when_the_loader_gets_stricter():
    """A frozen version that a newer lint check would refuse still loads for its old responses."""
    from kotipolku.instruments.engine import load_dict
    from kotipolku.instruments.models import Instrument

    raw = base()
    raw["title"] = {"fi": "yksi", "kaksi": None, "sv": "x", "en": "y"}  # a comma-split flow text
    with pytest.raises(DefinitionError):
        load_dict(raw)
    instrument = Instrument.objects.create(code="testi", kind="professional")
    version = InstrumentVersion.objects.create(instrument=instrument, version=1, definition=raw)
    assert version.parsed.title["fi"] == "yksi"
