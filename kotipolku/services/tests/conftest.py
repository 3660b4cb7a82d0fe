import pytest

from kotipolku.services.services import service_upsert


def weekdays(days, opens, closes, overnight=False):
    return [{"weekday": d, "opens": opens, "closes": closes, "overnight": overnight} for d in days]


@pytest.fixture
def make_service(db):
    """Create a service from a few keyword fields; the rest gets valid defaults."""

    def make(sid="s1", **fields):
        data = {"id": sid, "name": fields.pop("name", sid), "categories": ["food_aid"], "municipalities": ["092"]}
        data.update(fields)
        service, _ = service_upsert(actor="system", data=data)
        return service

    return make
