"""Point-in-time count (poikkileikkauslaskenta) in the categories of Varke's annual homelessness
survey, and the small-cell suppression used by every export that leaves the team."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from kotipolku.clients.models import Client, Gender, HousingStatus
from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.models import AuditAction
from kotipolku.reporting import kpis
from kotipolku.reporting.filters import Filters
from kotipolku.reporting.models import BirthDateCache
from kotipolku.reporting.selectors import scope_for

SMALL_CELL = 5  # counts 1-4 are shown as "<5" in exports that leave the team
SUPPRESSED = "<5"
YOUNG_AGE = 25

#: Row order of the survey table: the five homeless categories of HOMELESS_STATUSES.
CATEGORIES = [
    HousingStatus.OUTDOORS_SHELTER,
    HousingStatus.DORMITORY_HOSTEL,
    HousingStatus.INSTITUTION,
    HousingStatus.RELEASED_PRISONER,
    HousingStatus.FRIENDS_RELATIVES,
]

COLUMNS = [
    ("persons", _("Yksinäiset asunnottomat (henkilöt)")),
    ("long_term", _("joista pitkäaikaisasunnottomia")),
    ("young", _("joista alle 25-vuotiaita")),
    ("age_unknown", _("ikä tuntematon")),
    ("women", _("joista naisia")),
    ("immigrants", _("joista maahanmuuttajia")),
]

NOT_RECORDED = _("ei kirjattu")


def suppress(value: int) -> int | str:
    """Counts 1-4 become "<5" so that no one can be singled out; 0 and 5+ are shown."""
    return SUPPRESSED if 0 < value < SMALL_CELL else value


def age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def client_facts(ids: list[int]) -> dict[int, tuple[str, dt.date | None]]:
    """(gender, birth date or None) per client. Birth dates come from BirthDateCache when its hash
    matches the client's current identity-code hash; other codes are decrypted once and cached."""
    facts: dict[int, tuple[str, dt.date | None]] = {}
    stale: list[int] = []
    for chunk in kpis._chunks(ids):
        cache = {
            cid: (digest, birth)
            for cid, digest, birth in BirthDateCache.objects.filter(client_id__in=chunk).values_list(
                "client_id", "hetu_hash", "birth_date"
            )
        }
        for cid, gender, digest in Client.objects.filter(pk__in=chunk).values_list(
            "pk", "gender", "henkilotunnus_hash"
        ):
            if digest is None:
                facts[cid] = (gender, None)
            elif cid in cache and cache[cid][0] == digest:
                facts[cid] = (gender, cache[cid][1])
            else:
                facts[cid] = (gender, None)
                stale.append(cid)
    fresh = []
    for chunk in kpis._chunks(stale):
        for c in Client.objects.filter(pk__in=chunk).only("id", "gender", "henkilotunnus", "henkilotunnus_hash"):
            if c.henkilotunnus is None:
                continue
            birth = c.henkilotunnus.birth_date
            facts[c.pk] = (c.gender, birth)
            fresh.append(BirthDateCache(client_id=c.pk, hetu_hash=c.henkilotunnus_hash, birth_date=birth))
    if fresh:
        BirthDateCache.objects.bulk_create(
            fresh,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["client"],
            update_fields=["hetu_hash", "birth_date"],
        )
    return facts


@dataclass
class PitCount:
    on: dt.date
    rows: list[dict] = field(default_factory=list)  # one per category: {"status", "label", <column>: int}
    total: dict = field(default_factory=dict)
    families_recorded: bool = False  # the client data has no household type
    immigrants_recorded: bool = False  # ... nor immigrant background


def pit_count(*, actor: Actor, filters: Filters, on: dt.date, action: AuditAction = AuditAction.READ) -> PitCount:
    """Homeless clients on `on` (as in kpis.homeless_on) per survey category and column.

    Under 25 comes from the birth date in the identity code of identified clients; outreach contacts
    without a code are counted under "age unknown". Women: gender recorded as female."""
    access.require_area(actor, Area.REPORTS)
    scope = scope_for(actor, filters)
    homeless = kpis.homeless_on(clients=scope.clients, on=on)
    facts = client_facts([r.client_id for r in homeless])
    rows = {s.value: dict.fromkeys(("persons", "long_term", "young", "age_unknown", "women"), 0) for s in CATEGORIES}
    for r in homeless:
        gender, birth = facts.get(r.client_id, ("", None))
        row = rows[r.status]
        row["persons"] += 1
        row["long_term"] += r.long_term
        if birth is None:
            row["age_unknown"] += 1
        elif age_on(birth, on) < YOUNG_AGE:
            row["young"] += 1
        row["women"] += gender == Gender.FEMALE
    result = PitCount(on=on)
    for s in CATEGORIES:
        result.rows.append({"status": s.value, "label": str(s.label), **rows[s.value]})
    result.total = {
        k: sum(r[k] for r in result.rows) for k in ("persons", "long_term", "young", "age_unknown", "women")
    }
    audit.record(
        actor,
        action,
        object_type="reporting.pit",
        on=on.isoformat(),
        team=filters.team.pk if filters.team else None,
        municipality=filters.municipality,
    )
    return result


def pit_table(pit: PitCount, *, suppressed: bool) -> tuple[list[str], list[list]]:
    """The survey table as header + rows (for CSV/XLSX and the page); suppression for exports."""
    header = [str(_("Asumistilanne"))] + [str(label) for _key, label in COLUMNS]
    fmt = suppress if suppressed else (lambda v: v)
    body = []
    for row in [*pit.rows, {"label": str(_("Yhteensä")), **pit.total}]:
        body.append(
            [row["label"]]
            + [fmt(row[k]) for k in ("persons", "long_term", "young", "age_unknown", "women")]
            + [str(NOT_RECORDED)]
        )
    body.append([str(_("Asunnottomat perheet ja pariskunnat"))] + [str(NOT_RECORDED)] * len(COLUMNS))
    return header, body
