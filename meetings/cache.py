"""HTTP caching: the API's validators, and the shared response cache of pages, feeds and API.

Everything public carries one publication version, bumped on commit whenever something public
may have changed (publishing, unpublishing, deleting, editing a snippet, replacing a document
or an image, syncing a translation).

- The API's ``ETag`` is made of that version, today's date in Warsaw and a five-minute bucket
  (scheduled publishing and expiry take effect when their time comes, before Wagtail's job
  records them); a conditional GET that still matches is answered 304 before any view runs.
- Anonymous GETs of the API (except the headless preview) and of the pages Wagtail serves (with
  their schedule, sphere and feed routes) are kept in the default cache under a key made of the
  five-minute bucket, the scheme, host, language, path and the query parameters the view reads,
  in canonical order; each entry remembers the
  version it was rendered under and is served only while that is still the version. The version
  is read before the view runs: a render that began before a bump is stored under the old
  version, which nobody serves any more.
- Query parameters the view does not read (``utm_source``, ``?a=1``…) are left out of the key:
  such a request is served the entry of its clean address, and on a miss is rendered as asked
  but not stored. So junk adds no entries (memory stays bounded by the addresses the views
  distinguish) and is answered from the cache as soon as anyone asked for the clean address,
  while an entry never holds what a view made of junk (a link that repeats it, say). The
  parameters come from one place per output: the API's parameter definitions, and the
  schedule form's fields with its paginations for pages (``api_parameters``,
  ``page_parameters``).

On a shared cache (Redis, see REDIS_URL) the version lives in the cache, beside the entries, so
that answering from cache or with 304 costs one round trip to Redis and no query; the database
row (``PublicationState``) stays the source it is re-read from. A cache that lives inside one
process (LocMemCache, DummyCache) could not see the other processes' bumps: there the version
comes from the database and no responses are kept.

The middleware runs right after the rate limits have counted the request, before the rest of
the stack (see MIDDLEWARE): a hit or a 304 costs one round trip to Redis and no query, and what
the inner middleware adds to a response (Content-Security-Policy, X-Frame-Options,
Content-Language) is stored with it.
"""

import functools
import hashlib
import logging
import re
import time
from importlib import import_module
from typing import ClassVar
from urllib.parse import urlencode

import redis
from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags
from wagtail import views as wagtail_views

from meetings.models import PublicationState
from meetings.selectors import start_of_local_day
from meetings.urls import serve_page_file

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1/"
# Drafts are never cached by anyone.
UNCACHED_PREFIXES = ("/api/v1/preview/",)
TIME_BUCKET_SECONDS = 300
VERSION_KEY = "meetings:publication-version"
CHANGED_KEY = "meetings:publication-changed"
RESPONSE_KEY_PREFIX = "meetings:response"
DEFAULT_SECONDS = 300
# The largest streamed response kept whole (a long feed); longer ones are not kept.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
# Views whose anonymous GETs are the same for everyone: Wagtail's pages with their routes.
CACHED_VIEWS = (wagtail_views.serve, serve_page_file)
PROCESS_LOCAL_BACKENDS = (LocMemCache, DummyCache)
# Vary headers that need no entries of their own: the key holds the language, and a request
# with a cookie that changes the response (a session, messages) is never cached.
KEYED_VARY_HEADERS = {"accept-language", "cookie"}
NEVER_STORED_DIRECTIVES = {"private", "no-store", "no-cache"}


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, with one ``redis.Redis`` per connection pool.

    Django builds a new ``redis.Redis`` for every cache call, and its constructor fills a table
    of some 170 response callbacks: more than the round trip itself costs a 304 or a cache hit.
    A ``redis.Redis`` keeps no state of its own between commands (connections come from the
    pool), so one per pool serves every call, as redis-py intends.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class FailSafeRedisCache(RedisCache):
    """Django's Redis cache, read as empty (and written to nowhere) while Redis is unreachable.

    Wagtail keeps its site root paths in the cache and this project its responses and rate
    limit counters, all for speed only: an outage of Redis must slow the site down, not take
    it down. After a failure Redis is left alone for RETRY_SECONDS, so that a server that does
    not answer costs one connection timeout, not one per cache call. The outage is logged when
    it begins and when it ends.
    """

    RETRY_SECONDS = 5
    # Server URL -> monotonic time of the next attempt; shared by the threads of a process.
    _outages: ClassVar[dict[str, float]] = {}

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def _safely(self, fallback, method, *args, **kwargs):
        server = self._servers[0]
        retry_at = self._outages.get(server)
        if retry_at is not None and time.monotonic() < retry_at:
            return fallback()
        try:
            result = method(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            if retry_at is None:
                logger.warning("Redis cache unavailable, serving without it: %s", error)
            self._outages[server] = time.monotonic() + self.RETRY_SECONDS
            return fallback()
        if retry_at is not None:
            self._outages.pop(server, None)
            logger.warning("Redis cache reachable again.")
        return result

    def add(self, *args, **kwargs):
        return self._safely(lambda: False, super().add, *args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._safely(lambda: default, super().get, key, default, version)

    def set(self, *args, **kwargs):
        return self._safely(lambda: None, super().set, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._safely(lambda: False, super().touch, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._safely(lambda: False, super().delete, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._safely(dict, super().get_many, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._safely(lambda: False, super().has_key, *args, **kwargs)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found: the cache is unavailable.")

        return self._safely(missing, super().incr, key, delta, version)

    def set_many(self, data, *args, **kwargs):
        return self._safely(lambda: list(data), super().set_many, data, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._safely(lambda: None, super().delete_many, *args, **kwargs)

    def clear(self):
        """Delete this site's keys only: Django's ``clear`` empties the whole Redis database,
        other sites' keys with it."""
        return self._safely(lambda: False, lambda: delete_own_keys(self) >= 0)


def delete_own_keys(redis_cache: RedisCache) -> int:
    """Delete the keys under ``redis_cache``'s KEY_PREFIX, and no others (SCAN, then DEL in
    batches, never FLUSHDB): sites that share one Redis database keep theirs. Keys are named
    by Django's default key function, ``<prefix>:<version>:<key>``. Returns how many."""
    client = redis_cache._cache.get_client(write=True)
    pattern = re.sub(r"([*?\[\]\\])", r"\\\1", redis_cache.key_prefix) + ":*"
    deleted, batch = 0, []
    for key in client.scan_iter(match=pattern, count=1000):
        batch.append(key)
        if len(batch) == 1000:
            deleted += client.delete(*batch)
            batch = []
    if batch:
        deleted += client.delete(*batch)
    return deleted


def shared_cache() -> bool:
    """True when the default cache is seen by every app process (Redis)."""
    return not isinstance(caches["default"], PROCESS_LOCAL_BACKENDS)


def response_cache_seconds() -> int:
    """How long a response is kept; 0 when the response cache is off."""
    if not shared_cache():
        return 0
    return getattr(settings, "RESPONSE_CACHE_SECONDS", DEFAULT_SECONDS)


def _state_from_database() -> tuple[int, float]:
    state = PublicationState.current()
    return state.version, state.changed_at.timestamp()


def publication_state(*extra_keys: str) -> tuple[int, float, dict]:
    """(version, time of the last change, {key: value} of ``extra_keys`` found in the cache).

    On a shared cache, one round trip reads the version with the extra keys; when the cache has
    lost the version, it is taken from the database row, and ``add`` keeps a concurrent bump
    (or another process's copy) rather than overwriting it. Otherwise, one query.
    """
    if not shared_cache():
        return (*_state_from_database(), {})
    found = cache.get_many([VERSION_KEY, CHANGED_KEY, *extra_keys])
    version, changed = found.pop(VERSION_KEY, None), found.pop(CHANGED_KEY, None)
    if version is None or changed is None:
        version, changed = _state_from_database()
        cache.add(VERSION_KEY, version, timeout=None)
        cache.add(CHANGED_KEY, changed, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version, changed, found


def publication_changed() -> None:
    """Something public changed (called on commit): new API validators, new response keys."""
    PublicationState.bump()
    if not shared_cache():
        return
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            # Lost (or never read): set it from the row, now that the row has been bumped.
            cache.set(VERSION_KEY, PublicationState.current().version, timeout=None)
        cache.set(CHANGED_KEY, time.time(), timeout=None)
    except redis.RedisError as error:
        cache_unavailable(error)


_last_reported = 0.0
REPORT_INTERVAL_SECONDS = 60


def cache_unavailable(error: Exception) -> None:
    """A cache backend that raises while Redis is down (Django's own RedisCache): the site
    goes on uncached, and says so at most once a minute per process."""
    global _last_reported
    now = time.monotonic()
    if now - _last_reported > REPORT_INTERVAL_SECONDS:
        _last_reported = now
        logger.warning("Response cache unavailable, serving without it: %s", error)


def cache_scope(request) -> frozenset[str] | None:
    """The query parameters that key this request's entry; None when the response cache must
    leave the request alone.

    In scope: anonymous GETs of the public pages, their feeds and the API. A request that
    carries a session or messages cookie is left alone only if the cookie is one the site
    issued: a live session (an editor, or a visitor who gave a page's password) or a signed
    messages cookie. That costs one session lookup for a request with a session cookie, and no
    query for one without (``_issued_cookies_absent``).
    """
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return None
    parameters = _view_parameters(request)
    if parameters is None or not _issued_cookies_absent(request):
        return None
    return parameters


def _view_parameters(request) -> frozenset[str] | None:
    """The query parameters the view behind ``request`` reads; None outside the cached views,
    and for a query the view refuses for its size (it answers that itself)."""
    if request.path.startswith(API_PREFIX):
        if request.path.startswith(UNCACHED_PREFIXES):
            return None
        from meetings.api.views import _query_problem

        if _query_problem(request.GET):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return frozenset()
        return api_parameters().get(_api_route(match.route), frozenset())
    if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return None
    try:
        # Translated URL patterns resolve in the request's language, not yet activated.
        with translation.override(request_language(request)):
            match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.func not in CACHED_VIEWS:
        return None
    from meetings.views import MAX_QUERY_LENGTH

    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return None
    return page_parameters()


def _api_route(route: str) -> str:
    """``api/v1/spheres/<slug>/`` as the API's own definitions name it: ``/spheres/{slug}/``."""
    relative = route.removeprefix(API_PREFIX.lstrip("/"))
    return "/" + re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", relative)


@functools.cache
def api_parameters() -> dict[str, frozenset[str]]:
    """{path of an API operation: the query parameters it reads}, from the API's own parameter
    definitions (its OpenAPI document), so that a parameter the API gains is keyed at once."""
    from meetings.api.views import api

    schema = api.get_openapi_schema(path_prefix="")
    return {
        path: frozenset(
            parameter["name"]
            for parameter in operations.get("get", {}).get("parameters", [])
            if parameter["in"] == "query"
        )
        for path, operations in schema["paths"].items()
    }


# The schedule form's public names of its date fields (MeetingFilterForm maps them onto
# date_from and date_to); tests/test_shared_cache.py checks every control of the rendered form.
FILTER_ALIASES = frozenset({"from", "to"})


@functools.cache
def page_parameters() -> frozenset[str]:
    """The query parameters Wagtail's pages read: the schedule's filters (its form's fields,
    which its feed reads too) and its two paginations; the other pages read none.

    Which page a path leads to is known only once Wagtail has looked it up in the database,
    which a hit must not cost, so every page is keyed by these few names.
    """
    from meetings import views
    from meetings.forms import MeetingFilterForm

    return frozenset(
        {
            *MeetingFilterForm.base_fields,
            *FILTER_ALIASES,
            views.PAST_PARAMETER,
            views.UPCOMING_PARAMETER,
        }
    )


def _issued_cookies_absent(request) -> bool:
    """False when the request carries a session or messages cookie that the site issued.

    A session cookie that names no live session (made up, or expired) and a messages cookie
    whose signature does not hold are dropped from the request instead: the view treats the
    request as the anonymous one it is, and its response, with no cookie to delete, can be
    stored for everyone.
    """
    cookies = request.COOKIES
    session_key = cookies.get(settings.SESSION_COOKIE_NAME)
    if session_key is not None:
        if _live_session(session_key):
            return False
        del cookies[settings.SESSION_COOKIE_NAME]
    messages = cookies.get(CookieStorage.cookie_name)
    if messages is not None:
        if CookieStorage(request)._decode(messages) is not None:
            return False
        del cookies[CookieStorage.cookie_name]
    return True


def _live_session(session_key: str) -> bool:
    """One lookup in the session store; a malformed key costs none. A session the site
    issued holds data (an empty one is never saved); the stores forget a key that names no
    session, or an expired one, and read a cookie whose signature fails as empty."""
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)
    if store.session_key is None:
        return False
    data = store.load()
    return bool(data) and store.session_key is not None


def _canonical_query(request, parameters: frozenset[str]) -> tuple[str, bool]:
    """(the known parameters, names in order and each name's values in their own order;
    whether the request carried a parameter its view does not read)."""
    known = [
        (name, value)
        for name in sorted(name for name in request.GET if name in parameters)
        for value in request.GET.getlist(name)
    ]
    return urlencode(known), any(name not in parameters for name in request.GET)


def request_language(request) -> str:
    """The language LocaleMiddleware will activate for this request (it runs later)."""
    i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(
        settings.ROOT_URLCONF
    )
    if (
        i18n_patterns_used
        and not prefixed_default_language
        and not translation.get_language_from_path(request.path_info)
    ):
        return settings.LANGUAGE_CODE
    return translation.get_language_from_request(request, check_path=i18n_patterns_used)


def response_key(request, parameters: frozenset[str]) -> str:
    """The entry of this request: scheme, host, language, path and the known parameters in
    canonical order (``_canonical_query``)."""
    parts = [
        request.scheme,
        request.get_host(),
        request_language(request),
        request.path,
        _canonical_query(request, parameters)[0],
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{RESPONSE_KEY_PREFIX}:{_bucket()}:{digest}"


def _bucket() -> int:
    return int(time.time()) // TIME_BUCKET_SECONDS


def time_key() -> str:
    """Today's date in Warsaw and the five-minute bucket: what passing time changes."""
    return f"{start_of_local_day(now=timezone.now()).date().isoformat()}|{_bucket()}"


def version_key(request) -> str | None:
    """What the API and the feeds keep of their own renders (a meeting's JSON or VEVENT, a
    list's count) is keyed under: the publication version of this request and the time key.

    The version is the one the middleware read before the view ran, or else it is read now,
    before what is rendered under it is read from the database. None without a shared cache (a
    process-local one would not see other processes' changes) or with RENDER_CACHE off.
    """
    if not shared_cache() or not settings.RENDER_CACHE:
        return None
    version = getattr(request, "publication_version", None)
    if version is None:
        try:
            version = request.publication_version = publication_state()[0]
        except redis.RedisError as error:
            cache_unavailable(error)
            return None
    return _stamp(version)


def _stamp(version: int) -> str:
    """The publication version and the time key: what a response's or a render's freshness
    depends on."""
    return f"{version}|{time_key()}"


RENDER_KEY_PREFIX = "meetings:render"


def kept_renders(request, kind: str, ids: list[int], render) -> dict[int, bytes]:
    """{id: bytes} of what ``render`` makes of ``ids`` (it takes a list of ids and returns
    {id: bytes}), each kept under this request's version (``version_key``), scheme, host and
    language, so that only what is not kept yet is rendered; all of it without the cache."""
    version = version_key(request)
    if version is None:
        return render(ids)
    scope = f"{request.scheme}://{request.get_host()}|{translation.get_language()}"
    prefix = ":".join(
        [RENDER_KEY_PREFIX, kind, version, hashlib.sha256(scope.encode()).hexdigest()[:16]]
    )
    keys = {pk: f"{prefix}:{pk}" for pk in ids}
    found = cache.get_many(list(keys.values()))
    kept = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in ids if pk not in kept]
    if missing:
        rendered = render(missing)
        cache.set_many(
            {keys[pk]: data for pk, data in rendered.items()}, timeout=TIME_BUCKET_SECONDS
        )
        kept.update(rendered)
    return kept


def api_etag(version: int) -> str:
    return '"' + hashlib.sha256(_stamp(version).encode()).hexdigest()[:32] + '"'


def storable(request, response) -> bool:
    """A response that is the same for every anonymous visitor: 200, no cookie, not private.

    Wagtail marks pages under a view restriction (and their password forms) ``private,
    no-store``; forms with a CSRF token set a cookie. A streamed response (a long feed) is
    stored as it goes out, if it ends within RESPONSE_CACHE_MAX_BYTES.
    """
    if response.status_code != 200 or response.cookies:
        return False
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in response.get("Cache-Control", "").split(",")
    }
    if directives & NEVER_STORED_DIRECTIVES:
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if vary - KEYED_VARY_HEADERS:
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def _store(key: str, entry: tuple, seconds: int) -> None:
    try:
        cache.set(key, entry, timeout=seconds)
    except redis.RedisError as error:
        cache_unavailable(error)


def _stored_as_it_goes(chunks, key: str, version: int, headers: list, seconds: int):
    """Pass a streamed response on, keeping a copy to store once it has all gone out; a
    response longer than RESPONSE_CACHE_MAX_BYTES (or not read to its end) is not kept."""
    limit = getattr(settings, "RESPONSE_CACHE_MAX_BYTES", DEFAULT_MAX_BYTES)
    kept: list[bytes] | None = []
    size = 0
    for chunk in chunks:
        if kept is not None:
            size += len(chunk)
            if size <= limit:
                kept.append(chunk)
            else:
                kept = None
        yield chunk
    if kept is not None:
        _store(key, (version, b"".join(kept), headers), seconds)


def _read(key: str) -> dict:
    try:
        return cache.get_many([key])
    except redis.RedisError as error:
        cache_unavailable(error)
        return {}


class HttpCacheMiddleware:
    """Validators and 304s for the API; anonymous GETs served from the shared cache, with
    ``X-Cache: hit|miss`` saying which."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith(UNCACHED_PREFIXES):
            response = self.get_response(request)
            response["Cache-Control"] = "private, no-store"
            return response
        api = request.method in {"GET", "HEAD"} and path.startswith(API_PREFIX)
        seconds = response_cache_seconds()
        parameters = cache_scope(request) if seconds else None
        cacheable = parameters is not None
        if not (api or cacheable):
            return self.get_response(request)
        # A conditional GET is most often answered 304: its entry is looked up only if not.
        conditional = api and "HTTP_IF_NONE_MATCH" in request.META
        key = response_key(request, parameters) if cacheable and not conditional else None
        try:
            version, changed, found = publication_state(*([key] if key else []))
        except redis.RedisError as error:
            # Django's own RedisCache raises while Redis is down: go on without the cache.
            cache_unavailable(error)
            version, changed = _state_from_database()
            found, cacheable = {}, False
        # What the API and the feeds keep of their renders is keyed under it too (version_key).
        request.publication_version = version
        etag = api_etag(version) if api else None
        if conditional:
            if etag in parse_etags(request.headers["If-None-Match"]):
                return self._validated(HttpResponseNotModified(), etag, changed, fresh=True)
            if cacheable:
                key = response_key(request, parameters)
                found = _read(key)
        entry = found.get(key) if cacheable else None
        if entry is not None and entry[0] == version:
            _version, content, headers = entry
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if etag:
            if response.status_code != 200:
                return response
            self._validated(response, etag, changed)
        if not cacheable:
            return response
        # What the view made of parameters it does not read is not stored: the entry is only
        # ever what the known parameters make, and junk cannot add entries.
        if not _canonical_query(request, parameters)[1] and storable(request, response):
            headers = list(response.items())
            if response.streaming:
                response.streaming_content = _stored_as_it_goes(
                    response.streaming_content, key, version, headers, seconds
                )
            else:
                _store(key, (version, response.content, headers), seconds)
        response["X-Cache"] = "miss"
        return response

    @staticmethod
    def _validated(response, etag: str, changed: float, *, fresh: bool = False):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(changed)
        max_age = getattr(settings, "API_CACHE_MAX_AGE", 60)
        if fresh:  # a response of our own, with no Cache-Control to merge with
            response["Cache-Control"] = f"public, max-age={max_age}"
        else:
            patch_cache_control(response, public=True, max_age=max_age)
        return response
