"""Synthetic demo clients for Demo-tiimi A and B, with histories that exercise every report.

Names are invented; identity codes use the temporary 900-949 range, which no permanent code has.
Idempotent: a client that already exists (same nickname in the team) is left as it is.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from kotipolku.clients import services
from kotipolku.clients.models import Client, WalkInVisit
from kotipolku.core.models import Team, User

_HETU_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_PEOPLE = [
    ("Kalle", "Virtanen"),
    ("Sanna", "Korhonen"),
    ("Pekka", "Mäkinen"),
    ("Mira", "Nieminen"),
    ("Juha", "Hämäläinen"),
    ("Tiina", "Laine"),
    ("Ossi", "Heikkinen"),
    ("Riikka", "Koskinen"),
    ("Ville", "Järvinen"),
    ("Helmi", "Lehtonen"),
    ("Jari", "Saarinen"),
    ("Anu", "Salminen"),
    ("Timo", "Heinonen"),
    ("Satu", "Niemi"),
    ("Marko", "Kinnunen"),
    ("Paula", "Salo"),
    ("Esa", "Turunen"),
    ("Heidi", "Lehtinen"),
    ("Reijo", "Rantanen"),
    ("Noora", "Karjalainen"),
]
_TEAMS = (("Demo-tiimi A", "demo-worker-a"), ("Demo-tiimi B", "demo-worker-b"))


def synthetic_hetu(index: int) -> str:
    """A valid temporary identity code (individual number 900-949) for demo index 0-49."""
    day, month, year, individual = 1 + index % 28, 1 + index % 12, 1960 + index % 40, 900 + index % 50
    n = int(f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}")
    return f"{day:02d}{month:02d}{year % 100:02d}-{individual:03d}{_HETU_CHARS[n % 31]}"


def _ago(days: int, hour: int = 11) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0))


def _date(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def _history(actor: User, client: Client, scenario: int) -> None:
    """One of eight typical paths; every path has encounters, most a plan and referrals."""
    add = services.housing_period_add
    enc = services.encounter_log
    if scenario == 0:  # outreach contact, outdoors for over a year: long-term (continuous)
        add(actor=actor, client=client, status="outdoors_shelter", start_date=_date(420))
        for d in (300, 120, 40, 6):
            enc(actor=actor, client=client, type="outreach", occurred_at=_ago(d), topics=["health", "substance_use"])
        services.referral_create(actor=actor, client=client, target_text="Päiväkeskus", next_step_on=_date(-5))
    elif scenario == 1:  # dormitory → own rental, handed over, closed with housing found, feedback
        add(actor=actor, client=client, status="dormitory_hostel", start_date=_date(300))
        add(actor=actor, client=client, status="own_rental", start_date=_date(60))
        for d in (280, 200, 90, 50):
            enc(
                actor=actor,
                client=client,
                type="office",
                occurred_at=_ago(d),
                topics=["housing_application"],
                authority_contacts=["kela"],
            )
        ref = services.referral_create(actor=actor, client=client, target_text="Asumisen tuki (sosiaalipalvelut)")
        for status in ("contacted", "first_meeting_attended", "handed_over"):
            services.referral_transition(actor=actor, referral_id=ref.pk, to_status=status)
        services.client_close(
            actor=actor,
            client=client.pk,
            version=client.version,
            reason="goals_achieved",
            housing_outcome="housing_found",
            services_secured="Asumisen tuki, Kela",
            closed_at=_ago(20),
        )
        services.feedback_record(
            actor=actor, client=client, trust_grown=5, satisfaction=5, free_text="Sain apua nopeasti."
        )
    elif scenario == 2:  # rent arrears, eviction prevented, anonymous feedback
        add(actor=actor, client=client, status="own_rental", start_date=_date(2000))
        for d in (150, 140, 100, 70):
            enc(
                actor=actor,
                client=client,
                type="home_visit" if d > 120 else "phone",
                occurred_at=_ago(d),
                topics=["rent_arrears", "eviction_threat", "debt"],
                authority_contacts=["landlord", "legal_aid"],
            )
        ref = services.referral_create(actor=actor, client=client, target_text="Talous- ja velkaneuvonta")
        for status in ("contacted", "first_meeting_attended", "handed_over"):
            services.referral_transition(actor=actor, referral_id=ref.pk, to_status=status)
        services.goal_add(actor=actor, client=client, text="Maksusuunnitelma vuokranantajan kanssa")
        services.client_close(
            actor=actor,
            client=client.pk,
            version=client.version,
            reason="goals_achieved",
            housing_outcome="eviction_prevented",
            closed_at=_ago(30),
        )
        _link, token = services.feedback_link_create(actor=actor, client=client)
        services.feedback_submit_anonymous(token=token, trust_grown=4, satisfaction=4)
    elif scenario == 3:  # three homeless spells in three years: long-term (repeated)
        add(actor=actor, client=client, status="friends_relatives", start_date=_date(900), end_date=_date(800))
        add(actor=actor, client=client, status="own_rental", start_date=_date(799), end_date=_date(500))
        add(actor=actor, client=client, status="dormitory_hostel", start_date=_date(499), end_date=_date(400))
        add(actor=actor, client=client, status="supported_housing", start_date=_date(399), end_date=_date(90))
        add(actor=actor, client=client, status="outdoors_shelter", start_date=_date(89))
        for d in (80, 30, 3):
            enc(
                actor=actor,
                client=client,
                type="outreach",
                occurred_at=_ago(d),
                topics=["mental_health"],
                experience_expert_present=True,
            )
        ref = services.referral_create(
            actor=actor, client=client, target_text="Mielenterveyspalvelut", next_step_on=_date(-3)
        )
        services.referral_transition(actor=actor, referral_id=ref.pk, to_status="contacted")
        services.goal_add(actor=actor, client=client, text="Asuntohakemus vireille", target_date=_date(-14))
    elif scenario == 4:  # outreach contact with friends, not met for a month
        add(actor=actor, client=client, status="friends_relatives", start_date=_date(60))
        enc(actor=actor, client=client, type="outreach", occurred_at=_ago(35), topics=["benefits"])
        services.referral_create(actor=actor, client=client, target_text="Kela, perustoimeentulotuki")
    elif scenario == 5:  # two years outdoors, then Housing First
        add(actor=actor, client=client, status="outdoors_shelter", start_date=_date(930), end_date=_date(201))
        add(actor=actor, client=client, status="housing_first", start_date=_date(200))
        for d in (600, 400, 210, 150, 60, 10):
            enc(
                actor=actor,
                client=client,
                type="accompanied_visit" if d == 210 else "home_visit",
                occurred_at=_ago(d),
                topics=["daily_living", "health"],
                authority_contacts=["health_services"],
            )
        goal = services.goal_add(actor=actor, client=client, text="Asunto Asunto ensin -mallilla")
        services.goal_set_status(actor=actor, goal_id=goal.pk, status="achieved")
        services.goal_add(actor=actor, client=client, text="Päihdekuntoutukseen", target_date=_date(-30))
        ref = services.referral_create(actor=actor, client=client, target_text="Päihdepalvelut", next_step_on=_date(-7))
        services.referral_transition(actor=actor, referral_id=ref.pk, to_status="contacted")
        services.referral_transition(actor=actor, referral_id=ref.pk, to_status="first_meeting_attended")
    elif scenario == 6:  # temporary housing unit, contact lost
        add(actor=actor, client=client, status="temporary_housing", start_date=_date(250))
        enc(actor=actor, client=client, type="office", occurred_at=_ago(240), topics=["housing_application"])
        ref = services.referral_create(actor=actor, client=client, target_text="Työllisyyspalvelut")
        services.referral_transition(actor=actor, referral_id=ref.pk, to_status="not_reached")
        services.client_close(
            actor=actor,
            client=client.pk,
            version=client.version,
            reason="lost_contact",
            housing_outcome="lost_contact",
            closed_at=_ago(100),
        )
    else:  # released prisoner without housing
        add(actor=actor, client=client, status="released_prisoner", start_date=_date(20))
        enc(
            actor=actor,
            client=client,
            type="accompanied_visit",
            occurred_at=_ago(15),
            topics=["housing_application", "benefits", "legal"],
            authority_contacts=["kela", "social_services"],
            experience_expert_present=True,
            note="Saatettiin Kelaan.",
        )
        services.goal_add(actor=actor, client=client, text="Tuettu asunto", target_date=_date(-20))


def _walk_ins(actor: User, team: Team) -> None:
    """Six walk-in counselling visits, some anonymous, some linked to a demo client."""
    linked = Client.objects.filter(teams=team, status="open").order_by("pk").first()
    visits = [
        (["rent_arrears"], "Neuvottiin ottamaan yhteyttä vuokranantajaan ja hakemaan asumistukea.", "Kela", 5, None),
        (["housing_application"], "Autettiin asuntohakemuksen täyttämisessä.", "", 4, linked),
        (["eviction_threat", "legal"], "Kerrottiin häätöprosessista.", "Oikeusaputoimisto", 4, None),
        (["benefits"], "Ohjattiin toimeentulotuen hakemiseen.", "Kela", None, None),
        (["debt"], "Ohjattiin talous- ja velkaneuvontaan.", "Talous- ja velkaneuvonta", 3, None),
        (["daily_living"], "Keskusteltiin arjen sujumisesta.", "", 5, linked),
    ]
    for n, (topics, advice, referred, score, client) in enumerate(visits):
        services.walk_in_log(
            actor=actor,
            team=team,
            client=client,
            visited_at=_ago(n * 3 + 1, hour=10 + n),
            topics=topics,
            advice_given=advice,
            referred_to=referred,
            feedback_score=score,
        )


@transaction.atomic
def load_demo(*, stdout=None) -> str:
    created = 0
    for t, (team_name, username) in enumerate(_TEAMS):
        team = Team.objects.get(name=team_name)
        actor = User.objects.get(username=username)
        for i, (first, last) in enumerate(_PEOPLE):
            nickname = f"{first} ({team_name[-1]})"
            if Client.objects.filter(nickname=nickname, teams=team).exists():
                continue
            scenario = i % 8
            identified = scenario not in (0, 4)
            client = services.client_create(
                actor=actor,
                team=team,
                nickname=nickname,
                first_name=first if identified else "",
                last_name=last if identified else "",
                henkilotunnus=synthetic_hetu(t * 25 + i) if identified else None,
                age_group=("25_34", "35_49", "50_64", "18_24")[i % 4],
                languages="suomi" if i % 5 else "suomi, venäjä",
                usual_place="Rautatieasema" if not identified else "",
                source="demo",
            )
            _history(actor, client, scenario)
            created += 1
        if not WalkInVisit.objects.filter(team=team).exists():
            _walk_ins(actor, team)
    return f"{created} new demo clients ({Client.objects.count()} in all)"
