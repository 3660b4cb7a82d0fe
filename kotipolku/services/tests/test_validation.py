"""Impossible hours, unknown codes and idempotent upserts: bad data is refused and nothing is half-saved."""

import pytest
from django.core.exceptions import ValidationError

from kotipolku.services.models import OpeningPeriod, SearchTerm, Service
from kotipolku.services.services import service_upsert
from kotipolku.services.tests.conftest import weekdays

BASE = {"id": "x", "name": "X", "categories": ["food_aid"], "municipalities": ["092"]}


def upsert(**fields):
    return service_upsert(actor="system", data={**BASE, **fields})


@pytest.mark.django_db
def test_end_before_start_needs_overnight_flag():
    """20:00–08:00 without overnight is refused; with overnight it is saved."""
    with pytest.raises(ValidationError) as exc:
        upsert(hours=weekdays([0], "20:00", "08:00"))
    assert "hours" in exc.value.message_dict
    assert Service.objects.count() == 0
    service, _ = upsert(hours=weekdays([0], "20:00", "08:00", overnight=True))
    assert service.periods.get().overnight


@pytest.mark.django_db
def test_overnight_flag_with_daytime_period_is_refused():
    """An overnight period must end before it starts."""
    with pytest.raises(ValidationError):
        upsert(hours=weekdays([0], "08:00", "20:00", overnight=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "periods",
    [
        weekdays([0], "09:00", "12:00") + weekdays([0], "11:00", "14:00"),
        weekdays([0], "20:00", "08:00", overnight=True) + weekdays([1], "07:00", "10:00"),
        weekdays([6], "22:00", "02:00", overnight=True) + weekdays([0], "01:00", "03:00"),
    ],
)
def test_overlapping_periods_are_refused(periods):
    """Same-day overlaps, and overnight spill into the next morning (also Sunday→Monday), are refused."""
    with pytest.raises(ValidationError) as exc:
        upsert(hours=periods)
    assert "päällekkäin" in str(exc.value)
    assert OpeningPeriod.objects.count() == 0


@pytest.mark.django_db
def test_two_periods_on_one_day_are_fine():
    """Morning and evening periods on the same day are allowed."""
    service, _ = upsert(hours=weekdays([0], "09:00", "12:00") + weekdays([0], "12:00", "15:00"))
    assert service.periods.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field,value",
    [
        ("municipalities", ["999"]),
        ("municipalities", ["Espoo"]),
        ("categories", ["soup_kitchen"]),
        ("languages", ["xx"]),
        ("target_groups", ["nobody"]),
    ],
)
def test_unknown_codes_are_refused(field, value):
    """Unknown municipality, category, language and target group codes are refused with the field named."""
    with pytest.raises(ValidationError) as exc:
        upsert(**{field: value})
    assert field in exc.value.message_dict
    assert Service.objects.count() == 0


@pytest.mark.django_db
def test_municipality_names_are_accepted():
    """A Finnish or Swedish municipality name is read as its official number."""
    service, _ = upsert(municipalities=["Hyvinkää", "Träskända"])
    assert sorted(m.code for m in service.municipalities.all()) == ["106", "186"]


@pytest.mark.django_db
def test_exception_needs_hours_or_closed():
    """An exception with neither closed nor hours is refused; a closed day cannot also have hours."""
    with pytest.raises(ValidationError):
        upsert(exceptions=[{"date": "2026-12-24"}])
    with pytest.raises(ValidationError):
        upsert(
            exceptions=[
                {"date": "2026-12-24", "closed": True},
                {"date": "2026-12-24", "opens": "10:00", "closes": "12:00"},
            ]
        )


@pytest.mark.django_db
def test_upsert_is_idempotent():
    """The same data twice: the second call changes nothing (no write, same updated_at)."""
    data = {**BASE, "hours": "24/7", "description": {"fi": "Kuvaus", "sv": "Beskrivning"}}
    service, changed = service_upsert(actor="system", data=data)
    assert changed
    stamp = service.updated_at
    again, changed = service_upsert(actor="system", data=data)
    assert not changed
    again.refresh_from_db()
    assert again.updated_at == stamp
    assert SearchTerm.objects.filter(service=service).exists()
