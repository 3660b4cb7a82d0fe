"""F3 of docs/reliability/load.md: per-IP rate limits hold across server processes with CACHE_URL=redis://…,
and a deployment without a shared cache is warned about."""

import uuid
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from kotipolku.core import ratelimit
from kotipolku.core.cache import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/3"


def redis_or_skip() -> None:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:
        pytest.skip(f"Redis does not answer at {REDIS_URL}")


def forget_keys(backend: RedisCache, prefix: str) -> None:
    """Delete this test's own keys. Not FLUSHDB: under xdist that wiped the counters of the test running
    beside it in the other worker, which then saw its sixth hit allowed (a flaky failure of 2026-12-03)."""
    client = backend._cache.get_client(write=True)
    keys = client.keys(f"{prefix}:*")
    if keys:
        client.delete(*keys)


def test_two_workers_share_one_limit_through_redis(monkeypatch):
    """Three 'workers' (separate cache clients, as in separate processes) together get the limit once."""
    redis_or_skip()
    prefix = f"test-{uuid.uuid4()}"
    workers = [RedisCache(REDIS_URL, {"KEY_PREFIX": prefix}) for _ in range(3)]
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 600 * 1000 + 0.5))  # all hits in one window
    refused = []
    for n in range(12):
        monkeypatch.setattr(ratelimit, "cache", workers[n % 3])
        refused.append(ratelimit.hit("intake-form:10.0.0.1", limit=5, window_seconds=600))
    assert refused == [False] * 5 + [True] * 7
    forget_keys(workers[0], prefix)


def test_a_window_counter_in_redis_expires_with_its_window(monkeypatch):
    """The counter is created with an expiry (one script: INCR, then EXPIRE on the first hit), so Redis
    never keeps a counter forever, and later hits do not push the expiry further."""
    redis_or_skip()
    prefix = f"test-{uuid.uuid4()}"
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    monkeypatch.setattr(ratelimit, "cache", backend)
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 600 * 1000 + 0.5))  # a window's start
    ratelimit.hit("bot-ask:10.0.0.2", limit=5, window_seconds=600)
    raw = backend.make_and_validate_key("rl:bot-ask:10.0.0.2:1000")
    client = backend._cache.get_client(raw, write=True)
    client.expire(raw, 100)  # as if the window were nearly over
    assert ratelimit.hit("bot-ask:10.0.0.2", limit=5, window_seconds=600) is False
    assert int(client.get(raw)) == 2
    assert 0 < client.ttl(raw) <= 100
    client.delete(raw)
    ratelimit.hit("bot-ask:10.0.0.2", limit=5, window_seconds=600)
    assert 500 < client.ttl(raw) <= 601
    forget_keys(backend, prefix)


def test_redis_client_objects_are_reused():
    redis_or_skip()
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4()}"})
    assert backend._cache.get_client(write=True) is backend._cache.get_client(write=True)


def test_deploy_check_warns_without_a_shared_cache(settings):
    settings.CACHE_URL = ""
    settings.DEBUG = False
    with pytest.raises(SystemCheckError, match="kotipolku.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "caches")


def test_deploy_check_is_quiet_with_a_shared_cache(settings):
    settings.CACHE_URL = REDIS_URL
    call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "caches")
