"""The public API and pages: shape, filters, 400 for bad parameters, example badge, review list."""

from datetime import date, timedelta

import pytest
from django.test import Client

from kotipolku.conftest import logged_in
from kotipolku.services.tests.conftest import weekdays


@pytest.fixture
def services(make_service):
    for i in range(25):
        make_service(f"s{i:02d}", name=f"Ruoka-apu {i:02d}", municipalities=["091" if i % 2 else "092"])
    make_service(
        "shelter",
        name="Esimerkki: Yömaja",
        categories=["emergency_shelter"],
        hours="24/7",
        open_on_holidays=True,
        is_example=True,
    )
    make_service("referral", name="Lähetteellä", requires_referral=True)


def test_list_shape_and_pagination(services):
    """Pages of 20 with items, count, page and pages; the second page has the rest."""
    data = Client().get("/api/v1/services").json()
    assert set(data) == {"items", "count", "page", "pages"}
    assert (data["count"], data["page"], data["pages"], len(data["items"])) == (26, 1, 2, 20)
    second = Client().get("/api/v1/services?page=2").json()
    assert len(second["items"]) == 6
    assert Client().get("/api/v1/services?page=9").json()["items"] == []


def test_list_page_paginates_like_the_api(services, monkeypatch):
    """The HTML list shows 20 cards, the rest on page 2; a page past the end shows the last page and a
    page that is not a number the first; the printable list shows its limit and counts every match."""
    import re

    def names(url):
        html = Client().get(url).content.decode()
        return re.findall(r'<h2><a href="/fi/palvelut/\d+/">([^<]+)</a>', html)

    first, second = names("/fi/palvelut/"), names("/fi/palvelut/?page=2")
    assert (len(first), len(second)) == (20, 6)
    assert first[0] == "Ruoka-apu 00" and second[-1] == "Esimerkki: Yömaja"  # examples last
    assert names("/fi/palvelut/?page=99") == second
    assert names("/fi/palvelut/?page=x") == first
    monkeypatch.setattr("kotipolku.services.views.PRINT_LIMIT", 5)
    printed = Client().get("/fi/palvelut/tulosta/?municipality=091").content.decode()
    assert "Näytetään 5 ensimmäistä 12 palvelusta." in printed
    assert printed.count("<tr") == 1 + 5  # header row and five services


def test_filters(services):
    """Municipality, category and open_now narrow the list; referral-only services need include_referral."""
    c = Client()
    assert c.get("/api/v1/services?municipality=091").json()["count"] == 12
    data = c.get("/api/v1/services?category=emergency_shelter&open_now=1").json()
    assert [i["name"] for i in data["items"]] == ["Esimerkki: Yömaja"]
    assert data["items"][0]["open_now"] is True
    assert c.get("/api/v1/services?q=lähetteellä").json()["count"] == 0
    assert c.get("/api/v1/services?q=lähetteellä&include_referral=1").json()["count"] == 1


@pytest.mark.parametrize(
    "params,field",
    [
        ("open_now=maybe", "open_now"),
        ("page=-1", "page"),
        ("page=x", "page"),
        ("page=0", "page"),
        ("page_size=1000", "page_size"),
        ("category=soup", "category"),
        ("municipality=999", "municipality"),
        ("lang=de", "lang"),
        ("target_group=x", "target_group"),
        ("language=xx", "language"),
    ],
)
def test_bad_parameters_give_400_json(services, params, field):
    """Bad query parameters answer 400 {"detail": [{"field", "reason"}]}, never 500."""
    response = Client().get(f"/api/v1/services?{params}")
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == field


def test_detail_and_missing(services):
    """Detail gives the service in the asked language; an unknown id answers 404 JSON."""
    c = Client()
    first = c.get("/api/v1/services").json()["items"][0]
    detail = c.get(f"/api/v1/services/{first['id']}?lang=sv").json()
    assert detail["id"] == first["id"]
    assert c.get("/api/v1/services/999999").status_code == 404
    assert c.get(f"/api/v1/services/{first['id']}?lang=xx").status_code == 400
    assert c.get("/api/v1/services/abc").status_code == 400


def test_pages_show_status_and_example_badge(services):
    """The list, print and detail pages render; an example shows the visible badge."""
    c = Client()
    page = c.get("/fi/palvelut/?q=yömaja")
    assert page.status_code == 200
    assert "Esimerkki – ei todellinen palvelu" in page.content.decode()
    assert "Avoinna nyt" in page.content.decode()
    assert c.get("/fi/palvelut/tulosta/?municipality=091").status_code == 200
    bad = c.get("/fi/palvelut/?open_now=maybe")
    assert bad.status_code == 200 and "error-summary" in bad.content.decode()


def test_detail_page_shows_today_and_next_opening(make_service):
    """A service closed now shows when it opens next; its week table is there."""
    service = make_service("office", hours=weekdays([0], "09:00", "09:30"))
    html = Client().get(f"/fi/palvelut/{service.pk}/").content.decode()
    assert "Avautuu seuraavan kerran" in html or "Avoinna nyt" in html
    assert "Seuraavat seitsemän päivää" in html


def test_review_list_shows_old_and_unverified_entries(make_service, editor):
    """Entries verified over SERVICE_REVIEW_MAX_AGE_DAYS ago, or never, are listed for editors."""
    make_service("old", name="Vanha", last_verified=(date.today() - timedelta(days=400)).isoformat())
    make_service("never", name="Ei koskaan")
    make_service("fresh", name="Tuore", last_verified=date.today().isoformat())
    html = logged_in(editor).get("/fi/staff/palvelut/tarkistettavat/").content.decode()
    assert "Vanha" in html and "Ei koskaan" in html and "Tuore" not in html
