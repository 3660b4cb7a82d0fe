"""What client work holds about a person, for export, erasure and retention (see core/privacy.py).

Erasure anonymises through services.privacy._wipe (the same code as the client page's anonymise
button and clients_purge): identity and free texts go, dates, codes, statuses and outcomes stay.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from kotipolku.clients.models import (
    Client,
    ClientFeedback,
    Closing,
    Encounter,
    FeedbackLink,
    Goal,
    HousingPeriod,
    Referral,
    WalkInVisit,
)
from kotipolku.clients.services import privacy as client_privacy
from kotipolku.core.privacy import (
    Person,
    RetentionRule,
    Section,
    TableChange,
    iso,
    link,
    normalise_name,
    person,
)

MODELS = {
    "clients.Client": person("names, nickname, identity code and its hash, languages, usual place"),
    "clients.Encounter": person("the client's meetings; the note is free text about the person"),
    "clients.HousingPeriod": person("the client's housing history; the note is free text"),
    "clients.Goal": person("the client's plan; goal texts are free text"),
    "clients.Referral": person("referrals; note and free-text target"),
    "clients.Closing": person("closing outcome; services secured and note are free text"),
    "clients.ClientFeedback": person("feedback given by or for the client; free text"),
    "clients.FeedbackLink": person("one-time feedback links made for the client (token hash only); deleted"),
    "clients.WalkInVisit": person("walk-in visits linked to the client; advice and referral are free text"),
    "clients.Client_teams": link("which teams own the client record: ids only, kept for statistics"),
    "clients.Encounter_workers": link("which staff members were present: ids of staff, kept"),
}

RETENTION = (
    RetentionRule(
        what="closed clients (identity, free texts; linked intake items, instrument free-text answers, derived birth dates)",
        period="CLIENTS_RETENTION_YEARS years after the last closing",
        setting="CLIENTS_RETENTION_YEARS (default 12, placeholder)",
        action="anonymise; dates, codes, statuses and outcomes stay for statistics",
    ),
)


def _identity_pairs(client: Client) -> set[tuple[str, dt.date]]:
    full = f"{client.first_name} {client.last_name}".strip()
    if not full or client.henkilotunnus is None:
        return set()
    return {(normalise_name(full), client.henkilotunnus.birth_date)}


def identify(*, person: Person) -> Person:
    """Clients named by id, identity-code hash or name + birth date; their codes' hashes and names
    (with the birth date from the code) then find the person's rows in other modules."""
    query = Q(pk__in=person.client_ids) | Q(henkilotunnus_hash__in=person.henkilotunnus_hashes)
    last_names = {token for name, _ in person.names_with_birth_date for token in name.split()}
    candidates = list(Client.objects.filter(query))
    if last_names:
        by_last_name = Q()
        for token in sorted(last_names):
            by_last_name |= Q(last_name__iexact=token)
        named = Client.objects.filter(henkilotunnus_hash__isnull=False).filter(by_last_name)
        candidates += [c for c in named if _identity_pairs(c) & person.names_with_birth_date]
    clients = {c.pk: c for c in candidates}
    if not clients:
        return person
    hashes = set(person.henkilotunnus_hashes)
    pairs = set(person.names_with_birth_date)
    for c in clients.values():
        if c.henkilotunnus_hash:
            hashes.add(c.henkilotunnus_hash)
        pairs |= _identity_pairs(c)
    return person.with_(
        client_ids=person.client_ids | frozenset(clients),
        henkilotunnus_hashes=frozenset(hashes),
        names_with_birth_date=frozenset(pairs),
    )


def _client_record(c: Client) -> dict:
    return {
        "id": c.pk,
        "nickname": c.nickname,
        "first_name": c.first_name,
        "last_name": c.last_name,
        "henkilotunnus": c.henkilotunnus.reveal() if c.henkilotunnus else None,
        "status": c.status,
        "age_group": c.age_group,
        "gender": c.gender,
        "languages": c.languages,
        "usual_place": c.usual_place,
        "teams": sorted(t.name for t in c.teams.all()),
        "responsible_worker": c.responsible_worker.get_username() if c.responsible_worker else None,
        "created_at": iso(c.created_at),
        "identified_at": iso(c.identified_at),
        "last_met_at": iso(c.last_met_at),
        "long_term_homeless": c.long_term_homeless,
        "anonymised_at": iso(c.anonymised_at),
    }


def export_person(*, person: Person) -> list[Section]:
    ids = person.client_ids
    clients = Client.objects.filter(pk__in=ids).prefetch_related("teams").select_related("responsible_worker")
    encounters = Encounter.objects.filter(client_id__in=ids).prefetch_related("workers").order_by("occurred_at")
    return [
        Section("clients.Client", "clients", [_client_record(c) for c in clients]),
        Section(
            "clients.Encounter",
            "encounters",
            [
                {
                    "id": e.pk,
                    "client_id": e.client_id,
                    "occurred_at": iso(e.occurred_at),
                    "type": e.type,
                    "topics": e.topics,
                    "topic_labels": [str(x) for x in e.topic_labels()],
                    "authority_contacts": e.authority_contacts,
                    "authority_contact_labels": [str(x) for x in e.authority_contact_labels()],
                    "experience_expert_present": e.experience_expert_present,
                    "workers": sorted(w.get_username() for w in e.workers.all()),
                    "note": e.note,
                }
                for e in encounters
            ],
        ),
        Section(
            "clients.HousingPeriod",
            "housing_history",
            [
                {
                    "id": p.pk,
                    "client_id": p.client_id,
                    "status": p.status,
                    "start_date": iso(p.start_date),
                    "end_date": iso(p.end_date),
                    "note": p.note,
                }
                for p in HousingPeriod.objects.filter(client_id__in=ids).order_by("start_date")
            ],
        ),
        Section(
            "clients.Goal",
            "goals",
            [
                {
                    "id": g.pk,
                    "client_id": g.client_id,
                    "text": g.text,
                    "status": g.status,
                    "target_date": iso(g.target_date),
                    "created_at": iso(g.created_at),
                }
                for g in Goal.objects.filter(client_id__in=ids)
            ],
        ),
        Section(
            "clients.Referral",
            "referrals",
            [
                {
                    "id": r.pk,
                    "client_id": r.client_id,
                    "target": r.target_label,
                    "status": r.status,
                    "planned_at": iso(r.planned_at),
                    "contacted_at": iso(r.contacted_at),
                    "first_meeting_attended_at": iso(r.first_meeting_attended_at),
                    "handed_over_at": iso(r.handed_over_at),
                    "not_reached_at": iso(r.not_reached_at),
                    "next_step_on": iso(r.next_step_on),
                    "note": r.note,
                }
                for r in Referral.objects.filter(client_id__in=ids).select_related("service")
            ],
        ),
        Section(
            "clients.Closing",
            "closings",
            [
                {
                    "id": c.pk,
                    "client_id": c.client_id,
                    "closed_at": iso(c.closed_at),
                    "reason": c.reason,
                    "housing_outcome": c.housing_outcome,
                    "services_secured": c.services_secured,
                    "note": c.note,
                    "reopened_at": iso(c.reopened_at),
                }
                for c in Closing.objects.filter(client_id__in=ids)
            ],
        ),
        Section(
            "clients.ClientFeedback",
            "feedback",
            [
                {
                    "id": f.pk,
                    "client_id": f.client_id,
                    "given_at": iso(f.given_at),
                    "trust_grown": f.trust_grown,
                    "satisfaction": f.satisfaction,
                    "free_text": f.free_text,
                }
                for f in ClientFeedback.objects.filter(client_id__in=ids)
            ],
        ),
        Section(
            "clients.FeedbackLink",
            "feedback_links",
            [
                {
                    "id": f.pk,
                    "client_id": f.client_id,
                    "created_at": iso(f.created_at),
                    "expires_at": iso(f.expires_at),
                    "used_at": iso(f.used_at),
                }
                for f in FeedbackLink.objects.filter(client_id__in=ids)
            ],
        ),
        Section(
            "clients.WalkInVisit",
            "walk_in_visits",
            [
                {
                    "id": w.pk,
                    "client_id": w.client_id,
                    "visited_at": iso(w.visited_at),
                    "topics": w.topics,
                    "advice_given": w.advice_given,
                    "referred_to": w.referred_to,
                    "feedback_score": w.feedback_score,
                }
                for w in WalkInVisit.objects.filter(client_id__in=ids)
            ],
        ),
    ]


def _ids(qs) -> tuple[int, ...]:
    return tuple(qs.order_by("pk").values_list("pk", flat=True))


def erase_person(*, person: Person) -> list[TableChange]:
    """Anonymise every client of the person with the clients module's own wipe."""
    ids = person.client_ids
    changes = [
        TableChange("clients.Client", "anonymise", _ids(Client.objects.filter(pk__in=ids))),
        TableChange("clients.Encounter", "anonymise", _ids(Encounter.objects.filter(client_id__in=ids))),
        TableChange("clients.HousingPeriod", "anonymise", _ids(HousingPeriod.objects.filter(client_id__in=ids))),
        TableChange("clients.Goal", "anonymise", _ids(Goal.objects.filter(client_id__in=ids))),
        TableChange("clients.Referral", "anonymise", _ids(Referral.objects.filter(client_id__in=ids))),
        TableChange("clients.Closing", "anonymise", _ids(Closing.objects.filter(client_id__in=ids))),
        TableChange("clients.ClientFeedback", "anonymise", _ids(ClientFeedback.objects.filter(client_id__in=ids))),
        TableChange("clients.FeedbackLink", "delete", _ids(FeedbackLink.objects.filter(client_id__in=ids))),
        TableChange("clients.WalkInVisit", "anonymise", _ids(WalkInVisit.objects.filter(client_id__in=ids))),
    ]
    for client in Client.objects.filter(pk__in=ids):
        client_privacy._wipe(client)
    return changes


def apply_retention(*, dry_run: bool, now: dt.datetime) -> list[TableChange]:
    """Closed clients past CLIENTS_RETENTION_YEARS, through the clients_purge code (which erases the
    linked rows of other modules too)."""
    ids = client_privacy.anonymise_past_retention(dry_run=dry_run, today=timezone.localdate(now))
    return [TableChange("clients.Client", "anonymise", tuple(ids), note="closed past retention")]
