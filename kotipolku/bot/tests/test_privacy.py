"""Anonymous logs: personal data redacted before writing, no IP or user, retention purge."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kotipolku.bot.models import Exchange

PERSONAL = [
    ("hetu", "henkilötunnukseni on 131052-308T ja vuokra on myöhässä", "131052-308T", "[henkilötunnus]"),
    ("phone", "soita minulle 040 123 4567, vuokra on myöhässä", "040 123 4567", "[puhelin]"),
    ("email", "vuokra myöhässä, maija.meikalainen@example.com", "maija.meikalainen@example.com", "[sähköposti]"),
    ("address", "asun Mannerheimintie 12 B 34 ja vuokra on myöhässä", "Mannerheimintie 12", "[osoite]"),
    ("iban", "tilini FI21 1234 5600 0007 85, vuokra myöhässä", "FI21 1234 5600 0007 85", "[tilinumero]"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "message", "secret", "placeholder"), PERSONAL, ids=[p[0] for p in PERSONAL])
def test_personal_data_is_redacted_before_it_is_stored(anonymous, kind, message, secret, placeholder):
    """The stored question has the placeholder, never the identity code, phone, e-mail, address or IBAN."""
    response = anonymous.post("/api/v1/bot/ask", data={"message": message}, content_type="application/json")
    assert response.status_code == 200
    stored = Exchange.objects.get()
    assert secret not in stored.question and placeholder in stored.question


@pytest.mark.django_db
def test_log_rows_have_no_user_or_ip_fields(as_editor):
    """Even a signed-in user's question is stored without who asked or from where."""
    as_editor.post(
        "/api/v1/bot/ask", data={"message": "vuokra"}, content_type="application/json", REMOTE_ADDR="10.1.2.3"
    )
    row = Exchange.objects.values().get()
    assert not any(name in row for name in ("user_id", "ip", "session_key"))
    assert "10.1.2.3" not in str(row)


def _old(days: int) -> Exchange:
    import uuid

    return Exchange.objects.create(
        conversation=uuid.uuid4(),
        lang="fi",
        question="q",
        status=Exchange.Status.ANSWERED,
        created_at=timezone.now() - timedelta(days=days),
    )


@pytest.mark.django_db
def test_purge_deletes_only_rows_past_retention_and_dry_run_deletes_nothing(settings):
    """bot_purge honours BOT_LOG_RETENTION_DAYS; --dry-run only counts; both end with a summary."""
    settings.BOT_LOG_RETENTION_DAYS = 90
    _old(100), _old(91), _old(10)
    out = StringIO()
    call_command("bot_purge", "--dry-run", stdout=out)
    assert "2 logged questions would be deleted" in out.getvalue() and Exchange.objects.count() == 3
    out = StringIO()
    call_command("bot_purge", stdout=out)
    assert "Purged 2" in out.getvalue()
    assert Exchange.objects.count() == 1
