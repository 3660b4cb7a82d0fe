"""person_export, person_erase and privacy_retention end to end: one person with data in every
module and one unrelated person; after erasure nothing of the first is left in any table."""

import contextlib
import datetime as dt
import io
import json

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from kotipolku.bot.models import Exchange
from kotipolku.clients.models import Client, ClosingReason, HousingOutcome
from kotipolku.clients.services import (
    client_close,
    client_create,
    encounter_log,
    feedback_link_create,
    feedback_record,
    goal_add,
    housing_period_add,
    referral_create,
    walk_in_log,
)
from kotipolku.core import crypto, privacy
from kotipolku.core.hetu import lookup_hash
from kotipolku.core.models import AuditEvent
from kotipolku.instruments import selectors as instrument_selectors
from kotipolku.instruments.models import InstrumentResponse
from kotipolku.intake.models import ContactRequest, IntakeItem, ItemStatus
from kotipolku.intake.services import concern_report_submit, contact_request_submit
from kotipolku.intake.services.triage import item_close, item_log_attempt
from kotipolku.intake.tests.factories import synthetic_hetu
from kotipolku.reporting.models import BirthDateCache
from kotipolku.surveys.models import NetworkContact, NetworkOrganisation

pytestmark = pytest.mark.django_db

NOTICES = "/api/v1/landlord/notices"


class Someone:
    """One synthetic person and every marker that must vanish with them."""

    def __init__(self, *, first, last, day, month, year, individual, phone, email, street, secret):
        self.first, self.last = first, last
        self.name = f"{first} {last}"
        self.hetu = synthetic_hetu(day=day, month=month, year=year, individual=individual)
        self.birth_date = dt.date(year, month, day)
        self.phone, self.email, self.street, self.secret = phone, email, street, secret

    @property
    def markers(self) -> dict[str, str]:
        return {
            "first name": self.first,
            "last name": self.last,
            "identity code": self.hetu,
            "identity-code hash": lookup_hash(self.hetu),
            "birth date": self.birth_date.isoformat(),
            "phone": self.phone,
            "phone digits": self.phone.replace(" ", ""),
            "e-mail": self.email,
            "address": self.street,
            "free text": self.secret,
        }


KAARINA = Someone(
    first="Kaarina",
    last="Testihenkilö",
    day=3,
    month=4,
    year=1990,
    individual=950,
    phone="040 123 4567",
    email="kaarina.testihenkilo@example.org",
    street="Piilopolku 7",
    secret="SALAISUUSQX7ZK",
)
VEIKKO = Someone(
    first="Veikko",
    last="Toinenhenkilö",
    day=5,
    month=6,
    year=1985,
    individual=951,
    phone="050 765 4321",
    email="veikko.toinen@example.org",
    street="Muukuja 3",
    secret="TOINENSALAISUUSP4",
)


# Every kind of marker as stored somewhere ("phone digits" is only a search variant of the phone).
STORED_MARKERS = [what for what in KAARINA.markers if what != "phone digits"]


def text(person: Someone, what: str) -> str:
    """A free text about the person that carries their marker (words, so redaction keeps it)."""
    return f"{what} {person.secret}"


def _client_with_everything(p: Someone, *, worker, team) -> Client:
    client = client_create(
        actor=worker,
        team=team,
        first_name=p.first,
        last_name=p.last,
        henkilotunnus=p.hetu,
        languages="suomi",
        usual_place=text(p, "rautatieasema"),
    )
    encounter_log(actor=worker, client=client, topics=["debt"], authority_contacts=["kela"], note=text(p, "tapaaminen"))
    housing_period_add(
        actor=worker, client=client, status="own_rental", start_date=dt.date(2025, 1, 1), note=text(p, "asunto")
    )
    goal_add(actor=worker, client=client, text=text(p, "tavoite"))
    referral_create(actor=worker, client=client, target_text=text(p, "kohde"), note=text(p, "ohjaus"))
    feedback_record(actor=worker, client=client, trust_grown=4, satisfaction=5, free_text=text(p, "palaute"))
    feedback_link_create(actor=worker, client=client)
    walk_in_log(
        actor=worker,
        team=team,
        client=client,
        topics=["rent_arrears"],
        advice_given=text(p, "neuvonta"),
        referred_to=text(p, "ohjattu"),
    )
    client.refresh_from_db()
    client_close(
        actor=worker,
        client=client.pk,
        version=client.version,
        reason=ClosingReason.GOALS_ACHIEVED,
        housing_outcome=HousingOutcome.HOUSING_FOUND,
        services_secured=text(p, "palvelut"),
        note=text(p, "päätös"),
    )
    InstrumentResponse.objects.create(
        version=instrument_selectors.instrument_current_version(code="asumispalvelun-pisteytys"),
        client=client,
        filled_by=worker,
        answers={"client_view": text(p, "oma näkemys")},
        scores={"total": 3},
        band="low",
    )
    BirthDateCache.objects.create(client=client, hetu_hash=lookup_hash(p.hetu), birth_date=p.birth_date)
    return client


def _intake_for(p: Someone, client: Client, *, worker, landlord_http, external_id: str) -> None:
    converted = contact_request_submit(
        actor=None,
        theme="vuokranmaksu",
        urgency="soon",
        contact_method="phone",
        preferred_language="fi",
        municipality="Vantaa",
        name=p.name,
        phone=p.phone,
        message=text(p, "viesti"),
    )
    IntakeItem.objects.filter(contact_request=converted).update(client=client, status=ItemStatus.CONVERTED)
    by_email = contact_request_submit(  # not linked to the client: found by the e-mail address
        actor=None,
        theme="vuokranmaksu",
        urgency="not_urgent",
        contact_method="email",
        preferred_language="fi",
        municipality="Vantaa",
        name=p.first,
        email=p.email,
        message=text(p, "toinen viesti"),
    )
    item = IntakeItem.objects.get(contact_request=by_email)
    item_log_attempt(actor=worker, item_id=item.pk, method="phone", reached=False, note=text(p, "yritys"))
    item_close(actor=worker, item_id=item.pk, reason="no_need", note=text(p, "suljettu"))
    concern_report_submit(
        actor=None,
        reporter_kind="public",
        reporter_name="Naapuri Ilmoittaja",
        reporter_phone="045 999 8888",
        description=text(p, "huoli"),
        housing_flag=True,
        municipality="Vantaa",
        subject_name=p.name,
        subject_address=p.street,
        henkilotunnus=p.hetu,
    )
    base = {
        "notice_type": "rent_arrears",
        "notice_date": "2026-11-02",
        "legal_basis": "statutory",
        "contact_person": "Asiakaspalvelu",
        "amount_eur": 900.0,
        "months_in_arrears": 2,
        "municipality": "Vantaa",
    }
    for ext, tenant in (
        (f"{external_id}-code", {"henkilotunnus": p.hetu}),
        (  # no identity code: found by name (in another order) and birth date
            f"{external_id}-name",
            {"name": f"{p.last} {p.first}", "birth_date": p.birth_date.isoformat(), "address": p.street},
        ),
    ):
        response = landlord_http.post(
            NOTICES, data={**base, "external_id": ext, "tenant": tenant}, content_type="application/json"
        )
        assert response.status_code == 201, response.content


@pytest.fixture
def people(worker_a, team_a, admin_user, as_landlord_a):
    kaarina = _client_with_everything(KAARINA, worker=worker_a, team=team_a)
    veikko = _client_with_everything(VEIKKO, worker=worker_a, team=team_a)
    _intake_for(KAARINA, kaarina, worker=worker_a, landlord_http=as_landlord_a, external_id="K")
    _intake_for(VEIKKO, veikko, worker=worker_a, landlord_http=as_landlord_a, external_id="V")
    organisation = NetworkOrganisation.objects.create(name="Kokemusasiantuntijat ry", kind="third_sector")
    for p in (KAARINA, VEIKKO):  # both are also experience experts in the network register
        NetworkContact.objects.create(organisation=organisation, name=p.name, email=p.email, phone=p.phone)
    return kaarina, veikko


def scan_database() -> list[tuple[str, str, str]]:
    """Every text value of every table, decrypted when it is an encrypted field: (table, column, text)."""
    out = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from introspection
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if value is None or isinstance(value, bool | int | float | bytes | memoryview):
                        continue
                    value = value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
                    out.append((table, column, value))
                    if value.startswith("gAAAAA"):
                        with contextlib.suppress(ImproperlyConfigured):  # not a token after all
                            out.append((table, column, crypto.decrypt(value)))
    return out


def leftovers(person: Someone, values) -> list[str]:
    found = []
    for what, marker in person.markers.items():
        needle = marker.casefold()
        found += [f"{what} in {table}.{column}" for table, column, v in values if needle in str(v).casefold()]
    return sorted(set(found))


def export(tmp_path, **identifiers) -> dict:
    path = tmp_path / "export.json"
    call_command("person_export", actor="admin", output=str(path), stdout=io.StringIO(), **identifiers)
    return json.loads(path.read_text(encoding="utf-8"))


def test_export_contains_every_piece_from_every_module(people, tmp_path):
    """Identified by the identity code and the e-mail, the export holds rows of every table
    declared as personal data, and every marker of the person; none of the other person."""
    kaarina, _ = people
    document = export(tmp_path, henkilotunnus=KAARINA.hetu, email=KAARINA.email)
    assert document["format"] == privacy.FORMAT
    person_models = {label for label, d in privacy.declarations().items() if d.handling == privacy.Handling.PERSON}
    assert person_models - set(document["counts"]) == set()
    assert document["counts"]["intake.LandlordNotice"] == 2  # by code, and by name + birth date
    assert document["counts"]["intake.ContactRequest"] == 2  # converted to the client, and by e-mail
    assert document["data"]["clients"]["clients"][0]["id"] == kaarina.pk
    dumped = json.dumps(document, ensure_ascii=False)
    for what, marker in KAARINA.markers.items():
        if what not in ("identity-code hash", "phone digits"):
            assert marker in dumped, what
    assert lookup_hash(KAARINA.hetu) not in dumped  # the hash is an internal key, not the person's data
    for what, marker in VEIKKO.markers.items():
        assert marker not in dumped, what
    assert "Naapuri Ilmoittaja" not in dumped  # the concern reporter is a third party


def test_export_is_audited_with_ids_only(people, tmp_path, admin_user):
    """One EXPORT event by the admin, naming the client and record ids, no personal data."""
    kaarina, _ = people
    export(tmp_path, client=kaarina.pk)
    event = AuditEvent.objects.filter(object_type="core.PersonData", action="export").get()
    assert event.actor_id == str(admin_user.pk) and event.client_id == str(kaarina.pk)
    assert str(kaarina.pk) in event.detail["records"]["clients.Client"]
    assert leftovers(KAARINA, [("audit", "detail", json.dumps(event.detail, ensure_ascii=False))]) == []


def test_export_to_stdout_and_file_is_atomic(people, tmp_path):
    """`--output -` writes the document to standard output; a file is replaced whole, never half."""
    out = io.StringIO()
    call_command(
        "person_export", actor="admin", henkilotunnus=KAARINA.hetu, output="-", stdout=out, stderr=io.StringIO()
    )
    assert json.loads(out.getvalue())["format"] == privacy.FORMAT
    path = tmp_path / "export.json"
    path.write_text("old", encoding="utf-8")
    call_command("person_export", actor="admin", henkilotunnus=KAARINA.hetu, output=str(path), stdout=io.StringIO())
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == privacy.FORMAT
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]  # no temporary file left behind
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_export_to_an_unwritable_place_fails_clearly_and_is_not_audited(people, tmp_path):
    before = AuditEvent.objects.filter(object_type="core.PersonData").count()
    with pytest.raises(CommandError, match="Cannot write .*the folder does not exist"):
        call_command(
            "person_export", actor="admin", henkilotunnus=KAARINA.hetu, output=str(tmp_path / "missing" / "x.json")
        )
    assert AuditEvent.objects.filter(object_type="core.PersonData").count() == before


def test_identity_code_from_standard_input(people, tmp_path):
    """`--henkilotunnus -` reads the code from standard input, keeping it out of the process list."""
    path = tmp_path / "export.json"
    call_command(
        "person_export",
        actor="admin",
        henkilotunnus="-",
        output=str(path),
        stdin=io.StringIO(KAARINA.hetu + "\n"),
        stdout=io.StringIO(),
    )
    assert json.loads(path.read_text(encoding="utf-8"))["counts"]["clients.Client"] == 1


def test_erase_leaves_nothing_of_the_person_in_any_table(people, tmp_path):
    """After --apply no table holds the person's name, code, its hash, birth date, phone, e-mail,
    address or free texts, even decrypted; the other person and the audit trail are intact."""
    kaarina, veikko = people
    found_before = leftovers(KAARINA, scan_database())
    for what in STORED_MARKERS:  # the scan does see every kind of marker before erasure
        assert any(line.startswith(what + " in ") for line in found_before), what
    audit_before = set(AuditEvent.objects.values_list("pk", flat=True))
    out = io.StringIO()
    call_command(
        "person_erase",
        actor="admin",
        henkilotunnus=KAARINA.hetu,
        email=KAARINA.email,
        phone=KAARINA.phone,
        reason="request",
        case_ref="123/2026",
        apply=True,
        stdout=out,
    )
    assert "Erased:" in out.getvalue()

    values = scan_database()
    assert leftovers(KAARINA, values) == []
    veikko_left = leftovers(VEIKKO, values)
    for what in STORED_MARKERS:
        assert any(line.startswith(what + " in ") for line in veikko_left), f"{what} of the other person was lost"
    assert audit_before <= set(AuditEvent.objects.values_list("pk", flat=True))
    event = AuditEvent.objects.filter(object_type="core.PersonData", action="delete").get()
    assert event.detail["reason"] == "request 123/2026" and event.detail["dry_run"] is False
    assert str(kaarina.pk) in event.detail["changes"]["clients.Client:anonymise"]

    # Coded facts stay for statistics; the person can no longer be found.
    kaarina.refresh_from_db()
    assert kaarina.anonymised_at is not None and kaarina.encounters.get().topics == ["debt"]
    with pytest.raises(CommandError, match="No records found"):
        call_command("person_export", actor="admin", henkilotunnus=KAARINA.hetu, output=str(tmp_path / "x.json"))
    assert Client.objects.get(pk=veikko.pk).henkilotunnus.reveal() == VEIKKO.hetu


def _snapshot() -> dict[str, list]:
    with connection.cursor() as cursor:
        tables = {}
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = sorted(map(repr, cursor.fetchall()))
    return tables


def test_dry_run_changes_nothing_but_lists_per_table_and_is_audited(people):
    """Without --apply every table is as before (bar one audit row) and the plan is listed."""
    before = _snapshot()
    out = io.StringIO()
    call_command("person_erase", actor="admin", henkilotunnus=KAARINA.hetu, reason="request", stdout=out)
    after = _snapshot()
    audit_table = AuditEvent._meta.db_table
    assert {t: rows for t, rows in after.items() if t != audit_table} == {
        t: rows for t, rows in before.items() if t != audit_table
    }
    assert len(after[audit_table]) == len(before[audit_table]) + 1
    event = AuditEvent.objects.filter(object_type="core.PersonData").get()
    assert event.detail["dry_run"] is True
    text_out = out.getvalue()
    assert "clients.Client: would anonymise 1" in text_out
    assert "intake.LandlordNotice: would anonymise 2" in text_out
    assert "Dry run" in text_out and KAARINA.last not in text_out


@pytest.mark.parametrize(
    ("identifiers", "message"),
    [
        ({"henkilotunnus": synthetic_hetu(day=9, month=9, year=1999, individual=960)}, "No records found"),
        ({"client": 999999}, "No records found"),
        ({"name": "Ei Ketään", "birth_date": dt.date(2001, 1, 1)}, "No records found"),
        ({"henkilotunnus": "010190-123X"}, "--henkilotunnus: "),
        ({"name": "Pelkkä Nimi"}, "birth date"),
        ({}, "at least one identifier"),
    ],
)
@pytest.mark.parametrize("command", ["person_export", "person_erase"])
def test_unknown_or_unclear_person_is_a_clear_error(people, command, identifiers, message):
    """CommandError (exit status 1) with what was wrong; the code itself is never echoed."""
    extra = {"output": "-"} if command == "person_export" else {"reason": "request", "apply": True}
    with pytest.raises(CommandError, match=message) as error:
        call_command(command, actor="admin", stdout=io.StringIO(), **identifiers, **extra)
    if "henkilotunnus" in identifiers:
        assert identifiers["henkilotunnus"] not in str(error.value)


def test_only_admins_may_run_the_commands(people, worker_a):
    with pytest.raises(CommandError, match="not an administrator"):
        call_command("person_export", actor=worker_a.username, henkilotunnus=KAARINA.hetu, output="-")
    with pytest.raises(CommandError, match="no active staff account"):
        call_command("person_erase", actor="nobody", henkilotunnus=KAARINA.hetu, reason="request")


def test_case_reference_must_not_be_free_text(people):
    with pytest.raises(CommandError, match="--case-ref"):
        call_command("person_erase", actor="admin", henkilotunnus=KAARINA.hetu, reason="request", case_ref="Kaarina T.")


def test_retention_run_applies_every_time_rule_and_dry_run_changes_nothing(worker_a, team_a, settings):
    """Old bot logs are deleted, old closed intake signals and clients anonymised; recent ones stay."""
    settings.BOT_LOG_RETENTION_DAYS = 90
    settings.INTAKE_RETENTION_DAYS = 365
    settings.CLIENTS_RETENTION_YEARS = 12
    long_ago = timezone.now() - dt.timedelta(days=365 * 13)
    old_log = Exchange.objects.create(
        conversation="00000000-0000-0000-0000-000000000001",
        lang="fi",
        question="vanha",
        status="answered",
        created_at=long_ago,
    )
    new_log = Exchange.objects.create(
        conversation="00000000-0000-0000-0000-000000000002", lang="fi", question="uusi", status="answered"
    )
    old_request, new_request = (
        contact_request_submit(
            actor=None,
            theme="vuokranmaksu",
            urgency="soon",
            contact_method="phone",
            preferred_language="fi",
            municipality="Vantaa",
            name=name,
            phone="040 111 2222",
            message="apua",
        )
        for name in ("Vanha Pyytäjä", "Uusi Pyytäjä")
    )
    for request, closed_at in ((old_request, long_ago), (new_request, timezone.now())):
        IntakeItem.objects.filter(contact_request=request).update(
            status=ItemStatus.CLOSED, closed_at=closed_at, close_note="muistiinpano"
        )
    old_client = client_create(actor=worker_a, team=team_a, first_name="Vanha", last_name="Asiakas")
    client_close(
        actor=worker_a, client=old_client.pk, version=1, reason="other", housing_outcome="other", closed_at=long_ago
    )
    recent = client_create(actor=worker_a, team=team_a, first_name="Tuore", last_name="Asiakas")
    client_close(actor=worker_a, client=recent.pk, version=1, reason="other", housing_outcome="other")
    # A birth date derived from a code the client no longer has is never read again: it goes.
    BirthDateCache.objects.create(client=recent, hetu_hash="0" * 64, birth_date=dt.date(1970, 1, 1))

    expired = SessionStore()
    expired["bot_turns"] = [{"question": "vanha kysymys"}]
    expired.set_expiry(-60)
    expired.save()

    before = _snapshot()
    out = io.StringIO()
    call_command("privacy_retention", stdout=out)
    audit_table = AuditEvent._meta.db_table
    after = _snapshot()
    assert {t: r for t, r in after.items() if t != audit_table} == {t: r for t, r in before.items() if t != audit_table}
    assert "bot.Exchange: would delete 1" in out.getvalue()

    out = io.StringIO()
    call_command("privacy_retention", apply=True, stdout=out)
    assert "Retention applied:" in out.getvalue()
    assert not Exchange.objects.filter(pk=old_log.pk).exists() and Exchange.objects.filter(pk=new_log.pk).exists()
    assert ContactRequest.objects.get(pk=old_request.pk).name == ""
    assert IntakeItem.objects.get(contact_request=old_request).close_note == ""
    assert ContactRequest.objects.get(pk=new_request.pk).name == "Uusi Pyytäjä"
    assert Client.objects.get(pk=old_client.pk).last_name == ""
    assert Client.objects.get(pk=recent.pk).last_name == "Asiakas"
    assert not BirthDateCache.objects.filter(client=recent).exists()
    assert not Session.objects.filter(session_key=expired.session_key).exists()
    assert AuditEvent.objects.filter(object_type="core.Retention", detail__dry_run=False).exists()
    assert AuditEvent.objects.filter(object_type="core.Retention", detail__dry_run=True).exists()

    out = io.StringIO()  # a second run finds nothing more to do
    call_command("privacy_retention", apply=True, stdout=out)
    assert "Retention applied: 0 rows" in out.getvalue()


def test_notice_found_by_code_leads_to_another_landlords_notice_without_code(
    as_landlord_a, as_landlord_b, team_a, admin_user, tmp_path
):
    """A tenant who is no client yet: landlord A sent the code and a name, landlord B only the name
    and birth date; identified by the code, both notices are exported and erased."""
    hetu = synthetic_hetu(day=7, month=8, year=1975, individual=970)
    base = {
        "notice_type": "disturbance_warning",
        "notice_date": "2026-11-02",
        "legal_basis": "statutory",
        "contact_person": "Isännöinti",
    }
    sent = [
        (as_landlord_a, {"henkilotunnus": hetu, "name": "Ulla Vuokralainen"}),
        (as_landlord_b, {"name": "VUOKRALAINEN Ulla", "birth_date": "1975-08-07", "address": "Talotie 1"}),
    ]
    for http, tenant in sent:
        response = http.post(
            NOTICES, data={**base, "external_id": "X-1", "tenant": tenant}, content_type="application/json"
        )
        assert response.status_code == 201, response.content
    assert export(tmp_path, henkilotunnus=hetu)["counts"]["intake.LandlordNotice"] == 2
    call_command("person_erase", actor="admin", henkilotunnus=hetu, reason="request", apply=True, stdout=io.StringIO())
    assert (
        leftovers(
            Someone(
                first="Ulla",
                last="Vuokralainen",
                day=7,
                month=8,
                year=1975,
                individual=970,
                phone="not-given-phone",
                email="not-given-email",
                street="Talotie 1",
                secret="not-given-text",
            ),
            scan_database(),
        )
        == []
    )
