"""The personal-data registry covers every model, so a new table cannot be silently forgotten."""

from django.apps import apps
from django.conf import settings
from django.db import models

from kotipolku.core import privacy
from kotipolku.core.fields import HenkilotunnusField
from kotipolku.core.privacy import Handling
from kotipolku.intake.fields import EncryptedTextField


def project_models() -> dict[str, type[models.Model]]:
    """Every concrete table of the project's apps, including auto-created many-to-many tables."""
    return {
        m._meta.label: m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_config.name in settings.KOTIPOLKU_APPS and not m._meta.abstract and not m._meta.proxy
    }


def test_every_project_model_is_declared_exactly_once():
    """A model missing from every app's personal_data.MODELS (or declared for a model that no longer
    exists) fails here: declare it as personal data, a link table, retention-only or no personal data."""
    declared = privacy.declarations()  # raises on a label declared twice
    found = project_models()
    missing = sorted(set(found) - set(declared))
    stale = sorted(set(declared) - set(found))
    assert not missing, f"declare these in <app>/personal_data.py MODELS: {missing}"
    assert not stale, f"declared but no such model: {stale}"


def test_each_app_declares_only_its_own_models():
    for module in privacy.modules():
        app = privacy.app_label_of(module)
        wrong = [label for label in module.MODELS if label.split(".")[0] != app]
        assert not wrong, f"{module.__name__} declares other apps' models: {wrong}"


def test_every_app_has_a_personal_data_module_with_the_functions():
    """A module that declares personal data of a person must export and erase it; others need not."""
    names = {privacy.app_label_of(m) for m in privacy.modules()}
    assert names == {app.rsplit(".", 1)[-1] for app in settings.KOTIPOLKU_APPS}
    for module in privacy.modules():
        holds_persons = any(d.handling is privacy.Handling.PERSON for d in module.MODELS.values())
        if holds_persons:
            assert callable(getattr(module, "export_person", None)), module.__name__
            assert callable(getattr(module, "erase_person", None)), module.__name__


def _strong_personal_fields(model: type[models.Model]) -> list[str]:
    """Fields that always hold data about a person: identity codes, encrypted contact details,
    and links to a client."""
    out = []
    for f in model._meta.get_fields():
        if isinstance(f, HenkilotunnusField | EncryptedTextField) or (
            getattr(f, "concrete", False)
            and f.is_relation
            and f.related_model is not None
            and f.related_model._meta.label == "clients.Client"
        ):
            out.append(f.name)
    return out


def test_models_with_identity_codes_encrypted_text_or_client_links_are_personal():
    """Such a model cannot be excused as holding no personal data; a client link may at most be a
    kept link table of ids."""
    declared = privacy.declarations()
    wrong = {}
    for label, model in project_models().items():
        fields = _strong_personal_fields(model)
        if not fields:
            continue
        handling = declared[label].handling
        has_content = any(isinstance(model._meta.get_field(n), HenkilotunnusField | EncryptedTextField) for n in fields)
        allowed = {Handling.PERSON} if has_content else {Handling.PERSON, Handling.LINK}
        if handling not in allowed:
            wrong[label] = (fields, handling)
    assert not wrong, f"these hold personal data but are not declared as such: {wrong}"


def test_every_declaration_gives_a_reason():
    short = [label for label, d in privacy.declarations().items() if len(d.reason.strip()) < 15]
    assert not short, f"say why in a few words: {short}"


def test_retention_rules_name_their_setting_and_action():
    rules = privacy.retention_rules()
    settings_named = " ".join(r.setting for r in rules)
    for name in ("BOT_LOG_RETENTION_DAYS", "INTAKE_RETENTION_DAYS", "CLIENTS_RETENTION_YEARS"):
        assert name in settings_named
    assert all(r.what and r.period and r.action for r in rules)
