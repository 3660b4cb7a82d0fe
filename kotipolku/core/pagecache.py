"""Shared cache of public content that is the same for every visitor (docs/reliability/load.md).

Used for rendered handbook pages, public service search answers, bot replies and the emergency
block. Every key carries the active language and a version per content namespace; saving a watched
model bumps the version (in Django's default cache, Redis with CACHE_URL, shared by all workers), so
the next request renders afresh. The values themselves stay in each worker's memory (bounded, with a
TTL): a hit costs no network round trip. Pages are served from and stored in the cache only for
anonymous requests without a session, and a response is stored only when it sets no cookie and
carries no CSRF token: never staff or personal data.
"""

import functools
import hashlib
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from kotipolku.core.cache import SHARED_CACHE_ERRORS, shared_cache_failed

PREFIX = "pc1"
MAX_PAGE_BYTES = 512 * 1024  # larger pages are not worth the memory
_watched: dict[str, set[str]] = {}  # "app_label.ModelName" or "app_label" -> namespaces


# --- versions (shared) and values (per process) ---------------------------------------------------
# A worker re-reads a namespace's version from the shared cache at most this often, so another
# worker's save is seen within this time; a save in this process is seen at once.
VERSION_CHECK_SECONDS = 1.0
LOCAL_MAX_ENTRIES = 1000

_lock = threading.Lock()
_local: OrderedDict = OrderedDict()  # key -> (expires at (monotonic), pickled value), least recent first
_version_memo: dict[str, tuple[float, object]] = {}  # namespace -> (read at (monotonic), version)


def _version_key(namespace: str) -> str:
    return f"{PREFIX}:v:{namespace}"


def reset() -> None:
    """Forget this process's values and remembered versions (tests; the shared versions stay)."""
    with _lock:
        _local.clear()
        _version_memo.clear()


def versions(namespaces: Iterable[str]) -> str | None:
    """The current versions of the namespaces, e.g. "handbook=17", from the shared cache.

    A missing version starts from the clock in milliseconds, so a version lost from the cache
    (eviction, restart) can never come back to a value whose entries are still stored.
    None when the shared cache cannot be reached: then nothing is served from or stored in the
    cache, because another worker's save could not be seen.
    """
    names = sorted(set(namespaces))
    now = time.monotonic()
    stale = [n for n in names if n not in _version_memo or now - _version_memo[n][0] >= VERSION_CHECK_SECONDS]
    if stale:
        try:
            _refresh_versions(stale, now)
        except SHARED_CACHE_ERRORS as exc:
            shared_cache_failed("page cache versions", exc)
            return None
    return ",".join(f"{name}={_version_memo[name][1]}" for name in names)


def _refresh_versions(stale: list[str], now: float) -> None:
    found = cache.get_many([_version_key(n) for n in stale])
    for name in stale:
        value = found.get(_version_key(name))
        if value is None:
            cache.add(_version_key(name), int(time.time() * 1000), timeout=None)
            value = cache.get(_version_key(name), 0)
        _version_memo[name] = (now, value)


def bump(namespace: str) -> None:
    """Make every entry of the namespace stale (in every worker within VERSION_CHECK_SECONDS)."""
    key = _version_key(namespace)
    _version_memo.pop(namespace, None)
    try:
        cache.incr(key)
    except ValueError:  # not set yet (or evicted): any fresh clock value is newer than stored ones
        cache.set(key, int(time.time() * 1000) + 1, timeout=None)
    except SHARED_CACHE_ERRORS as exc:  # an editor's save must not fail because Redis is down
        shared_cache_failed("page cache bump", exc)


def bump_after_commit(namespace: str) -> None:
    """Bump now and again once the write is visible to other connections.

    The second bump drops a page that another request rendered from the old rows in between.
    """
    bump(namespace)
    transaction.on_commit(functools.partial(bump, namespace))


def watch(namespace: str, *labels: str) -> None:
    """Bump namespace whenever a row of one of these models ("app.Model") or apps ("app") changes."""
    for label in labels:
        _watched.setdefault(label.lower(), set()).add(namespace)


def _changed(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or not _watched:
        return
    if str(kwargs.get("action", "post_")).startswith("pre_"):  # m2m_changed sends pre_ and post_ actions
        return
    for namespace in _watched.get(meta.label_lower, set()) | _watched.get(meta.app_label, set()):
        bump_after_commit(namespace)


post_save.connect(_changed, dispatch_uid="kotipolku.pagecache.post_save")
post_delete.connect(_changed, dispatch_uid="kotipolku.pagecache.post_delete")
m2m_changed.connect(_changed, dispatch_uid="kotipolku.pagecache.m2m_changed")


def make_key(kind: str, *parts: str, namespaces: Iterable[str]) -> str | None:
    """Cache key of one entry: kind, active language, content versions and a digest of the parts.

    None when the versions cannot be read: local_get then finds nothing and local_set stores nothing.
    """
    current = versions(namespaces)
    if current is None:
        return None
    lang = translation.get_language() or settings.LANGUAGE_CODE
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"{PREFIX}:{kind}:{lang}:{current}:{digest}"


def local_get(key: str | None):
    """The value stored under key in this process, or None (expired entries count as missing)."""
    if key is None:
        return None
    with _lock:
        item = _local.get(key)
        if item is None:
            return None
        if item[0] <= time.monotonic():
            del _local[key]
            return None
        _local.move_to_end(key)
    return pickle.loads(item[1])  # a fresh copy: no request can change another's value  # noqa: S301


def local_set(key: str | None, value, *, ttl: int) -> None:
    if key is None:
        return
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    with _lock:
        _local[key] = (time.monotonic() + ttl, data)
        _local.move_to_end(key)
        while len(_local) > LOCAL_MAX_ENTRIES:
            _local.popitem(last=False)


def get_or_compute(kind: str, *parts: str, namespaces: Iterable[str], ttl: int, compute: Callable):
    """The cached value for (kind, language, versions, parts), computed and stored on a miss."""
    key = make_key(kind, *parts, namespaces=namespaces)
    value = local_get(key)
    if value is None:
        value = compute()
        if value is not None:
            local_set(key, value, ttl=ttl)
    return value


# --- whole public responses ----------------------------------------------------------------------
def anonymous_without_session(request) -> bool:
    """True for a visitor who cannot see anything personal: no session, no messages, no credentials.

    Checked on the cookies alone, so serving a cached page never reads the session store.
    """
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def storable(request, response) -> bool:
    """A response that is the same for every visitor: 200, no cookie set, no CSRF token, not private."""
    if response.status_code != 200 or response.streaming or response.cookies or response.has_header("Set-Cookie"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page used a CSRF token (a form)
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or session.session_key):
        return False
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    content = response.content
    return len(content) <= MAX_PAGE_BYTES and b"csrfmiddlewaretoken" not in content


def public_page(*, namespaces: Iterable[str], ttl: int, query_params: Iterable[str] = ()):
    """View decorator: serve the rendered page from the shared cache to anonymous visitors.

    Key: language, content versions, path and query string. Staff and visitors with a session get
    the page rendered as usual, and their responses are never stored. A request with a query
    parameter outside query_params is not cached either (random query strings would fill the cache).
    """
    namespaces = tuple(namespaces)
    allowed = frozenset(query_params)

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not anonymous_without_session(request) or not allowed.issuperset(request.GET.keys()):
                return view(request, *args, **kwargs)
            key = make_key("page", request.get_full_path(), namespaces=namespaces)
            hit = local_get(key)
            if hit is not None:
                content, content_type = hit
                response = HttpResponse(content, content_type=content_type)
                patch_vary_headers(response, ("Cookie",))  # as the rendered page: it differs for staff
                response["X-Kotipolku-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            if storable(request, response):
                local_set(key, (response.content, response["Content-Type"]), ttl=ttl)
                response["X-Kotipolku-Cache"] = "miss"
            return response

        return wrapper

    return decorator


def public_api(*, namespace: str, ttl: int):
    """Decorator for a public, read-only django-ninja GET endpoint: the JSON answer per query string.

    The endpoint must return plain data (not personal); errors (HttpError) are never cached.
    """

    def decorator(endpoint):
        @functools.wraps(endpoint)
        def wrapper(request, *args, **kwargs):
            if not anonymous_without_session(request):
                return endpoint(request, *args, **kwargs)
            query = "&".join(sorted(f"{k}={v}" for k, values in request.GET.lists() for v in values))
            key = make_key("api", request.path, query, namespaces=(namespace,))
            content = local_get(key)
            status = "hit"
            if content is None:
                from ninja.renderers import JSONRenderer

                data = endpoint(request, *args, **kwargs)
                if isinstance(data, HttpResponse):
                    return data
                content = JSONRenderer().render(request, data, response_status=200)
                if isinstance(content, str):
                    content = content.encode()
                local_set(key, content, ttl=ttl)
                status = "miss"
            response = HttpResponse(content, content_type="application/json; charset=utf-8")
            response["X-Kotipolku-Cache"] = status
            return response

        return wrapper

    return decorator
