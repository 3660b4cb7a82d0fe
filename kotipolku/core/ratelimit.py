"""Fixed-window rate limiting on the shared cache (Redis in production, see CACHE_URL)."""

import time

from django.core.cache import cache

from kotipolku.core.middleware import client_ip


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit for key; True when the limit for the current window is exceeded."""
    bucket = f"rl:{key}:{int(time.time() // window_seconds)}"
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
