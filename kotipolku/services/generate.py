"""Synthetic services for benchmarks (`manage.py services_generate N`). Bulk inserts with precomputed
search terms; every synthetic service is an example (`is_example`) with stable id `synthetic-<n>`."""

import random
from datetime import date, time

from django.db import connection, transaction
from django.utils import translation

from kotipolku.services import open_index
from kotipolku.services.codes import CategoryCode, MunicipalityCode, TargetGroupCode, municipality_name
from kotipolku.services.models import OpeningException, OpeningPeriod, OpenInterval, SearchTerm, Service
from kotipolku.services.search import text_terms

PREFIX = "synthetic-"
NAMES = {
    "day_centre": "Päiväkeskus",
    "food_aid": "Ruoka-apu",
    "laundry_shower": "Pesutupa",
    "emergency_shelter": "Yömaja",
    "social_emergency": "Sosiaalipäivystys",
    "housing_counselling": "Asumisneuvonta",
    "service_guidance": "Palveluohjaus",
    "health_advice": "Terveysneuvonta",
    "substance_services": "Päihdepalvelu",
    "debt_advice": "Velkaneuvonta",
    "kela_contact": "Kela-asiointi",
    "social_services": "Sosiaalityö",
    "legal_aid": "Oikeusapu",
    "crisis_support": "Kriisiapu",
}
SENTENCES = [
    "Matalan kynnyksen palvelu ilman ajanvarausta.",
    "Ruoanjako ja ruokakassit tarvitseville.",
    "Apua vuokrarästeihin ja asunnon hakemiseen.",
    "Pyykinpesu, suihku ja kahvia.",
    "Palveluohjaaja auttaa hakemusten kanssa.",
    "Nuorille ja nuorille aikuisille.",
    "Tervetuloa myös lemmikin kanssa.",
    "Vertaistukea ja yhteisöllistä toimintaa.",
    "Neuvontaa myös ruotsiksi ja englanniksi.",
    "Yöpaikka ja aamupala.",
]
SHAPES = [
    [(d, time(9), time(15)) for d in range(5)],
    [(d, time(12), time(18)) for d in range(6)],
    [(d, time(20), time(8)) for d in range(7)],
    [(d, time(0), time(0)) for d in range(7)],
    [(1, time(10), time(12)), (3, time(10), time(12))],
    [(d, time(8), time(22)) for d in range(7)],
]


def _cached_terms(cache: dict, text: str) -> set[str]:
    if text not in cache:
        cache[text] = text_terms(text, "fi")
    return cache[text]


def generate(n: int, *, seed: int = 1, batch: int = 2000, progress=None) -> int:
    rng = random.Random(seed)
    start = Service.objects.filter(stable_id__startswith=PREFIX).count()
    cats, munis, groups = CategoryCode.values, MunicipalityCode.values, TargetGroupCode.values
    label_terms = {}
    with translation.override("fi"):
        for c in cats:
            label_terms[c] = text_terms(str(CategoryCode(c).label), "fi")
    muni_terms = {m: text_terms(municipality_name(m), "fi") for m in munis}
    cache: dict[str, set[str]] = {}
    made = 0
    while made < n:
        size = min(batch, n - made)
        rows = []
        for i in range(size):
            number = start + made + i
            main = rng.choice(cats)
            extra = rng.sample(cats, rng.randint(0, 1))
            municipality = rng.choice(munis)
            text = " ".join(rng.sample(SENTENCES, 2))
            service = Service(
                stable_id=f"{PREFIX}{number}",
                name_fi=f"Esimerkki: {NAMES[main]} {number}",
                description_fi=text,
                is_example=True,
                open_on_holidays=rng.random() < 0.2,
                last_verified=date(2026, 1, 1),
            )
            service._gen = (sorted({main, *extra}), municipality, rng.choice(groups), rng.choice(SHAPES), text, main)
            rows.append(service)
        with transaction.atomic():
            Service.objects.bulk_create(rows, batch_size=1000)
            cat_links, muni_links, group_links, periods, terms = [], [], [], [], []
            for s in rows:
                codes, municipality, group, shape, text, main = s._gen
                cat_links += [Service.categories.through(service_id=s.pk, category_id=c) for c in codes]
                muni_links.append(Service.municipalities.through(service_id=s.pk, municipality_id=municipality))
                group_links.append(Service.target_groups.through(service_id=s.pk, targetgroup_id=group))
                periods += [
                    OpeningPeriod(service_id=s.pk, weekday=d, opens=o, closes=c, overnight=c <= o and c != time(0))
                    for d, o, c in shape
                ]
                words = (
                    _cached_terms(cache, f"Esimerkki: {NAMES[main]}")
                    | _cached_terms(cache, text)
                    | muni_terms[municipality]
                )
                for c in codes:
                    words |= label_terms[c]
                words.add(str(s.stable_id.removeprefix(PREFIX)))
                terms += [SearchTerm(service_id=s.pk, term=t) for t in words]
            Service.categories.through.objects.bulk_create(cat_links, batch_size=5000)
            Service.municipalities.through.objects.bulk_create(muni_links, batch_size=5000)
            Service.target_groups.through.objects.bulk_create(group_links, batch_size=5000)
            OpeningPeriod.objects.bulk_create(periods, batch_size=5000)
            SearchTerm.objects.bulk_create(terms, batch_size=5000)
            open_index.rebuild([s.pk for s in rows])
        made += size
        if progress:
            progress(made, n)
    return made


def delete_synthetic() -> int:
    qs = Service.objects.filter(stable_id__startswith=PREFIX)
    ids = qs.values("pk")
    SearchTerm.objects.filter(service_id__in=ids).delete()
    OpeningPeriod.objects.filter(service_id__in=ids).delete()
    OpeningException.objects.filter(service_id__in=ids).delete()
    OpenInterval.objects.filter(service_id__in=ids).delete()
    count, _ = qs.delete()
    return count


ANALYZED_TABLES = (
    "services_service",
    "services_searchterm",
    "services_openinterval",
    "services_openingperiod",
    # the join tables too: without statistics the planner guessed 433 rows for a municipality of 11,000
    "services_service_municipalities",
    "services_service_categories",
    "services_service_target_groups",
    "services_service_languages",
)


def analyze() -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL: VACUUM also sets the visibility map,
    so the search-term look-ups become index-only scans)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in ANALYZED_TABLES:
                cursor.execute(f"VACUUM ANALYZE {table}")  # noqa: S608 - fixed table names
        else:
            cursor.execute("ANALYZE")
