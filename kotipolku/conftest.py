"""Named role fixtures shared by every module's tests: tests read like stories."""

import os

import pytest
from django.test import Client as HttpClient
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from kotipolku.core.models import LandlordOrganisation, Role, Team, TeamMembership, User

# Property-based tests are deterministic in CI (derandomize: the same examples every run) and have no
# per-example deadline (shared CI machines are slow). HYPOTHESIS_PROFILE=explore searches randomly
# and longer while developing a parser.
hypothesis_settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=100,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
hypothesis_settings.register_profile("explore", deadline=None, max_examples=2000, database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LANDLORD_A_TOKEN = "test-landlord-a-token"
LANDLORD_B_TOKEN = "test-landlord-b-token"


@pytest.fixture
def team_a(db):
    return Team.objects.create(name="Tiimi A", municipality="Vantaa")


@pytest.fixture
def team_b(db):
    return Team.objects.create(name="Tiimi B", municipality="Hyvinkää")


def make_user(username: str, role: str, *teams: Team, is_lead: bool = False) -> User:
    user = User.objects.create_user(username=username, password="correct horse battery staple", role=role)
    user.is_staff = role in (Role.EDITOR, Role.ADMIN)
    user.is_superuser = role == Role.ADMIN
    user.save()
    for team in teams:
        TeamMembership.objects.create(user=user, team=team, is_lead=is_lead)
    return user


@pytest.fixture
def worker_a(team_a):
    return make_user("worker-a", Role.WORKER, team_a)


@pytest.fixture
def worker_b(team_b):
    return make_user("worker-b", Role.WORKER, team_b)


@pytest.fixture
def lead(team_a, team_b):
    return make_user("lead", Role.LEAD, team_a, team_b, is_lead=True)


@pytest.fixture
def editor(db):
    return make_user("editor", Role.EDITOR)


@pytest.fixture
def admin_user(db):
    return make_user("admin", Role.ADMIN)


def _landlord(name: str, token: str) -> LandlordOrganisation:
    org = LandlordOrganisation(name=name)
    org.set_token(token)
    org.save()
    return org


@pytest.fixture
def landlord_a(db):
    return _landlord("Vuokratalot A", LANDLORD_A_TOKEN)


@pytest.fixture
def landlord_b(db):
    return _landlord("Vuokratalot B", LANDLORD_B_TOKEN)


def logged_in(user: User, *, second_step: bool = True) -> HttpClient:
    """A client signed in as user. With second_step (the default), the session has also passed the
    one-time code step (core.mfa), as every staff session must in production."""
    http = HttpClient()
    http.force_login(user)
    if second_step:
        from kotipolku.core.mfa import verify_session_without_code

        verify_session_without_code(http.session, user)
    return http


@pytest.fixture
def anonymous():
    return HttpClient()


@pytest.fixture
def as_worker_a(worker_a):
    return logged_in(worker_a)


@pytest.fixture
def as_worker_b(worker_b):
    return logged_in(worker_b)


@pytest.fixture
def as_lead(lead):
    return logged_in(lead)


@pytest.fixture
def as_editor(editor):
    return logged_in(editor)


@pytest.fixture
def as_admin(admin_user):
    return logged_in(admin_user)


@pytest.fixture
def as_landlord_a(landlord_a):
    return HttpClient(headers={"Authorization": f"Bearer {LANDLORD_A_TOKEN}"})


@pytest.fixture
def as_landlord_b(landlord_b):
    return HttpClient(headers={"Authorization": f"Bearer {LANDLORD_B_TOKEN}"})


@pytest.fixture
def role_clients(as_worker_a, as_worker_b, as_lead, as_editor, as_admin, as_landlord_a, as_landlord_b, anonymous):
    """An HTTP client for every role of the permission matrix."""
    return {
        "anonymous": anonymous,
        "worker_a": as_worker_a,
        "worker_b": as_worker_b,
        "lead": as_lead,
        "editor": as_editor,
        "landlord_a": as_landlord_a,
        "landlord_b": as_landlord_b,
        "admin": as_admin,
    }


@pytest.fixture
def one_rate_window(monkeypatch):
    """Rate limits count per clock window (a minute for the bot). A test that hits a limit runs inside one
    fixed window, so a slow first request (the bot builds its index on first use) cannot let the window
    turn mid-test and reset the count. Only the rate limiter's clock is fixed."""
    from types import SimpleNamespace

    from kotipolku.core import ratelimit

    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 3_600_000.0))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: rate-limit counters and cached public pages
    (core.pagecache) of one test must not leak into the next."""
    from django.core.cache import cache

    from kotipolku.core import pagecache

    cache.clear()
    pagecache.reset()
    yield
