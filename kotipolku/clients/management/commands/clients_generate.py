"""Generate synthetic client-work data at scale for benchmarks (never for production databases).

    manage.py clients_generate --clients 100000 --encounters 1000000 [--seed 1] [--batch 2000]

Creates teams of ~2,000 clients with 40 workers each, and per client a housing history, encounters
(with workers present), a goal, referrals and, for closed clients, a closing. Everything is written
with bulk_create in batches (one transaction per batch) and is deterministic for a given seed and day.
No audit events are written: the data is synthetic and the audit log is append-only.
"""

import datetime as dt
import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from kotipolku.clients import longterm
from kotipolku.clients.models import (
    AgeGroup,
    Client,
    Closing,
    Encounter,
    EncounterType,
    Goal,
    HousingPeriod,
    HousingStatus,
    Referral,
    ReferralStatus,
    Topic,
)
from kotipolku.core.models import Role, Team, TeamMembership, User

CLIENTS_PER_TEAM = 2000
WORKERS_PER_TEAM = 40
_HETU_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_HOMELESS = [
    HousingStatus.OUTDOORS_SHELTER,
    HousingStatus.DORMITORY_HOSTEL,
    HousingStatus.FRIENDS_RELATIVES,
    HousingStatus.INSTITUTION,
    HousingStatus.RELEASED_PRISONER,
]
_HOUSED = [
    HousingStatus.OWN_RENTAL,
    HousingStatus.SUPPORTED_HOUSING,
    HousingStatus.HOUSING_FIRST,
    HousingStatus.TEMPORARY_HOUSING,
]


def temporary_hetu(index: int) -> str:
    """A unique, valid temporary identity code (individual number 900-999) for index < ~2 million."""
    day = dt.date(1950, 1, 1) + dt.timedelta(days=index // 100)
    individual = 900 + index % 100
    sign = "-" if day.year < 2000 else "A"
    n = int(f"{day:%d%m%y}{individual:03d}")
    return f"{day:%d%m%y}{sign}{individual:03d}{_HETU_CHARS[n % 31]}"


class Command(BaseCommand):
    help = "Generate synthetic clients, encounters and histories in batches (benchmark data)."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=1000)
        parser.add_argument("--encounters", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=2000, help="clients per transaction")

    def handle(self, *args, clients: int, encounters: int, seed: int, batch: int, **options):
        if not settings.DEBUG and not getattr(settings, "CLIENTS_ALLOW_GENERATE", False):
            raise CommandError(
                "Refusing to generate synthetic clients with DEBUG off (set DEBUG=1 on a test database)."
            )
        if clients < 1 or encounters < 0 or batch < 1:
            raise CommandError("--clients must be >= 1, --encounters >= 0 and --batch >= 1.")
        rng = random.Random(seed)
        self.today = timezone.localdate()
        self.now = timezone.now()
        started = time.monotonic()
        offset = Client.objects.count()
        teams = self._teams((clients + CLIENTS_PER_TEAM - 1) // CLIENTS_PER_TEAM)
        per_client = encounters / clients
        made_clients = made_encounters = 0
        for start in range(0, clients, batch):
            size = min(batch, clients - start)
            target = round(per_client * (start + size)) - made_encounters
            made_encounters += self._batch(rng, teams, offset + start, size, target)
            made_clients += size
            elapsed = time.monotonic() - started
            self.stdout.write(
                f"clients {made_clients:,}/{clients:,}  encounters {made_encounters:,}  {elapsed:.1f} s", ending="\n"
            )
        # Fresh planner statistics: without them SQLite scans all open clients for a team's caseload.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {made_clients:,} clients and {made_encounters:,} encounters in {len(teams)} teams "
                f"in {time.monotonic() - started:.1f} s (seed {seed})."
            )
        )

    def _teams(self, count: int) -> list[tuple[Team, list[User]]]:
        out = []
        for t in range(count):
            team, _ = Team.objects.get_or_create(name=f"Generoitu tiimi {t + 1:03d}")
            workers = list(User.objects.filter(memberships__team=team).order_by("pk"))
            if not workers:
                new = [
                    User(username=f"gen-{t + 1:03d}-{w + 1:02d}", role=Role.WORKER, first_name="Gen", last_name=str(w))
                    for w in range(WORKERS_PER_TEAM)
                ]
                for u in new:
                    u.set_unusable_password()
                workers = User.objects.bulk_create(new)
                TeamMembership.objects.bulk_create([TeamMembership(user=u, team=team) for u in workers])
            out.append((team, workers))
        return out

    def _history(self, rng: random.Random) -> list[HousingPeriod]:
        """1-4 consecutive periods ending today (the last one ongoing)."""
        n = rng.randint(1, 4)
        lengths = [rng.randint(20, 500) for _ in range(n)]
        start = self.today - dt.timedelta(days=sum(lengths))
        periods = []
        homeless = rng.random() < 0.6
        for i, length in enumerate(lengths):
            status = rng.choice(_HOMELESS if homeless else _HOUSED)
            end = start + dt.timedelta(days=length - 1)
            periods.append(HousingPeriod(status=status, start_date=start, end_date=None if i == n - 1 else end))
            start = end + dt.timedelta(days=1)
            homeless = not homeless if rng.random() < 0.7 else homeless
        return periods

    @transaction.atomic
    def _batch(self, rng: random.Random, teams, first_index: int, size: int, n_encounters: int) -> int:
        rows = []
        for i in range(size):
            index = first_index + i
            team, workers = teams[(index // CLIENTS_PER_TEAM) % len(teams)]
            periods = self._history(rng)
            identified = rng.random() < 0.7
            closed = rng.random() < 0.15
            client = Client(
                nickname=f"Gen {index}",
                first_name="Testi" if identified else "",
                last_name=f"Asiakas{index}" if identified else "",
                henkilotunnus=temporary_hetu(index) if identified else None,
                status="closed" if closed else "open",
                responsible_worker=workers[index % len(workers)],
                age_group=rng.choice(AgeGroup.values),
                created_at=self.now - dt.timedelta(days=rng.randint(30, 1500)),
                long_term_homeless=longterm.is_long_term_homeless(periods, on=self.today),
                long_term_checked_on=self.today,
            )
            rows.append((client, team, workers, periods))
        # Encounters are spread randomly over the batch's clients.
        counts = [0] * size
        for _ in range(n_encounters):
            counts[rng.randrange(size)] += 1
        encounter_rows = []
        for (client, _team, workers, _p), count in zip(rows, counts, strict=True):
            times = sorted(self.now - dt.timedelta(minutes=rng.randint(60, 700 * 24 * 60)) for _ in range(count))
            client.last_met_at = times[-1] if times else None
            for when in times:
                encounter_rows.append(
                    (
                        Encounter(
                            occurred_at=when,
                            created_at=when,
                            type=rng.choice(EncounterType.values),
                            topics=rng.sample(Topic.values, rng.randint(0, 3)),
                            authority_contacts=[],
                            experience_expert_present=rng.random() < 0.2,
                        ),
                        client,
                        rng.choice(workers),
                    )
                )
        Client.objects.bulk_create([r[0] for r in rows])
        Through = Client.teams.through
        Through.objects.bulk_create([Through(client_id=c.pk, team_id=t.pk) for c, t, _w, _p in rows])
        periods = []
        goals = []
        referrals = []
        closings = []
        for client, _team, _workers, client_periods in rows:
            for p in client_periods:
                p.client_id = client.pk
                periods.append(p)
            if rng.random() < 0.5:
                goals.append(
                    Goal(
                        client_id=client.pk,
                        text="Asunto",
                        target_date=self.today + dt.timedelta(days=rng.randint(-30, 60)),
                    )
                )
            for _ in range(rng.randint(0, 2)):
                status = rng.choice(ReferralStatus.values)
                referrals.append(
                    Referral(
                        client_id=client.pk,
                        target_text="Palvelu",
                        status=status,
                        planned_at=self.now - dt.timedelta(days=rng.randint(10, 300)),
                        handed_over_at=self.now if status == ReferralStatus.HANDED_OVER else None,
                        next_step_on=self.today + dt.timedelta(days=rng.randint(0, 30)),
                    )
                )
            if client.status == "closed":
                closings.append(
                    Closing(
                        client_id=client.pk,
                        reason="goals_achieved",
                        housing_outcome=rng.choice(["housing_found", "eviction_prevented", "lost_contact", "other"]),
                        closed_at=self.now - dt.timedelta(days=rng.randint(1, 300)),
                    )
                )
        HousingPeriod.objects.bulk_create(periods, batch_size=5000)
        Goal.objects.bulk_create(goals, batch_size=5000)
        Referral.objects.bulk_create(referrals, batch_size=5000)
        Closing.objects.bulk_create(closings, batch_size=5000)
        for enc, client, _worker in encounter_rows:
            enc.client_id = client.pk
        created = Encounter.objects.bulk_create([e for e, _c, _w in encounter_rows], batch_size=5000)
        EW = Encounter.workers.through
        EW.objects.bulk_create(
            [EW(encounter_id=e.pk, user_id=w.pk) for e, (_e, _c, w) in zip(created, encounter_rows, strict=True)],
            batch_size=5000,
        )
        return len(created)
