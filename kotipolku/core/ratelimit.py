"""Fixed-window rate limiting on the shared cache (Redis in production, see CACHE_URL)."""

import time

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache

from kotipolku.core.cache import SHARED_CACHE_ERRORS, shared_cache_failed
from kotipolku.core.middleware import client_ip


def _backend():
    """The cache backend behind django.core.cache.cache (a proxy) or a backend put in its place."""
    connections = cache.__dict__.get("_connections")
    return connections[cache.__dict__["_alias"]] if connections is not None else cache


# INCR, and on the window's first hit EXPIRE, in one command: Redis runs a script atomically, so every
# worker counts on the same key, and a key can never be left without its expiry.
_COUNT_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""
_scripts: dict[int, object] = {}  # id of the connection pool -> the script registered on a client of it


def _count_in_redis(backend: RedisCache, bucket: str, window_seconds: int) -> int:
    """Increment the window's counter in one round trip: the same counter for every worker."""
    raw = backend.make_and_validate_key(bucket)
    client = backend._cache.get_client(raw, write=True)
    script = _scripts.get(id(client.connection_pool))
    if script is None:
        script = _scripts[id(client.connection_pool)] = client.register_script(_COUNT_SCRIPT)
    return int(script(keys=[raw], args=[window_seconds + 1]))


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit for key; True when the limit for the current window is exceeded.

    Without the shared cache the limit is not applied (fails open, logged): a resident in crisis
    must still reach the bot and the contact form when Redis is down.
    """
    try:
        return _hit(key, limit=limit, window_seconds=window_seconds)
    except SHARED_CACHE_ERRORS as exc:
        shared_cache_failed("rate limit", exc)
        return False


def _hit(key: str, *, limit: int, window_seconds: int) -> bool:
    bucket = f"rl:{key}:{int(time.time() // window_seconds)}"
    backend = _backend()
    if isinstance(backend, RedisCache):
        return _count_in_redis(backend, bucket, window_seconds) > limit
    if cache.add(bucket, 1, timeout=window_seconds + 1):
        return False
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.add(bucket, 1, timeout=window_seconds + 1)
        return False
    return count > limit


def limited(request, group: str, *, limit: int, window_seconds: int = 60) -> bool:
    """Per-client limit for a public endpoint group (client = IP address)."""
    return hit(f"{group}:{client_ip(request) or 'unknown'}", limit=limit, window_seconds=window_seconds)
