"""Django's Redis cache backend, reusing its client objects (CACHE_URL=redis://…).

Django's RedisCacheClient builds a new redis.Redis object for every operation (about 170 response
callbacks copied each time), which costs more than the round trip itself on a busy machine; the
objects are thread-safe and share the connection pool, so one per pool is enough.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# What a shared cache that cannot be reached raises (connection refused, time-out, Redis errors).
SHARED_CACHE_ERRORS = (RedisError, OSError)
_WARN_EVERY_SECONDS = 60.0
_last_warned: dict[str, float] = {}


def shared_cache_failed(where: str, exc: BaseException) -> None:
    """Log that the shared cache failed (at most once a minute per place): callers then degrade, never 500."""
    now = time.monotonic()
    if now - _last_warned.get(where, -_WARN_EVERY_SECONDS) >= _WARN_EVERY_SECONDS:
        _last_warned[where] = now
        log.warning("Shared cache unavailable in %s (%s); continuing without it", where, type(exc).__name__)


class _ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient
