"""The shared response cache: public pages, feeds and the API, rendered once for every process.

Anonymous GETs of the API (except the headless preview) and of the pages Wagtail serves (with
their schedule, sphere and feed routes) are kept in the default cache under a key made of the
publication version, the five-minute time bucket, the scheme, host, language and full path.
Publishing, unpublishing, deleting or editing anything public bumps the version on commit, so
every app process misses at once. The version is read before the view runs: a render that began
before a bump is stored under the old version, which nobody reads any more.

A cache that lives inside one process (LocMemCache, DummyCache) could not be invalidated by the
other processes, so the response cache runs only on a shared one (Redis, see REDIS_URL).
"""

import hashlib
import logging
import time
from typing import ClassVar

import redis
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail import views as wagtail_views

from meetings.api.caching import API_PREFIX, TIME_BUCKET_SECONDS, UNCACHED_PREFIXES
from meetings.models import PublicationState
from meetings.urls import serve_page_file

logger = logging.getLogger(__name__)

VERSION_KEY = "meetings:publication-version"
RESPONSE_KEY_PREFIX = "meetings:response"
DEFAULT_SECONDS = 300
# Views whose anonymous GETs are the same for everyone: Wagtail's pages with their routes.
CACHED_VIEWS = (wagtail_views.serve, serve_page_file)
PROCESS_LOCAL_BACKENDS = (LocMemCache, DummyCache)
# Vary headers that need no entries of their own: the key holds the language, and a request
# with a cookie that changes the response (a session, messages) is never cached.
KEYED_VARY_HEADERS = {"accept-language", "cookie"}
NEVER_STORED_DIRECTIVES = {"private", "no-store", "no-cache"}


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
        return self._safely(lambda: False, super().clear)


def response_cache_seconds() -> int:
    """How long a response is kept; 0 when the response cache is off."""
    if isinstance(caches["default"], PROCESS_LOCAL_BACKENDS):
        return 0
    return getattr(settings, "RESPONSE_CACHE_SECONDS", DEFAULT_SECONDS)


def publication_version() -> int:
    """The publication version as every process sees it: one cache read.

    When the cache has lost it, it is taken from the database row; ``add`` keeps a concurrent
    bump (or another process's copy) rather than overwriting it.
    """
    version = cache.get(VERSION_KEY)
    if version is None:
        version = PublicationState.current().version
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def publication_changed() -> None:
    """Something public changed (called on commit): new API validators, new response keys."""
    PublicationState.bump()
    if not response_cache_seconds():
        return
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            # Lost (or never read): set it from the row, now that the row has been bumped.
            cache.set(VERSION_KEY, PublicationState.current().version, timeout=None)
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


def in_scope(request) -> bool:
    """Anonymous GETs of the public pages, their feeds and the API; nothing else."""
    if request.method != "GET":
        return False
    if (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
    ):
        return False
    if request.path.startswith(API_PREFIX):
        return not request.path.startswith(UNCACHED_PREFIXES)
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.func in CACHED_VIEWS


def response_key(request, version: int) -> str:
    parts = [
        request.scheme,
        request.get_host(),
        translation.get_language() or "",
        request.get_full_path(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    bucket = int(time.time()) // TIME_BUCKET_SECONDS
    return f"{RESPONSE_KEY_PREFIX}:{version}:{bucket}:{digest}"


def storable(request, response) -> bool:
    """A response that is the same for every anonymous visitor: 200, no cookie, not private.

    Wagtail marks pages under a view restriction (and their password forms) ``private,
    no-store``; forms with a CSRF token set a cookie.
    """
    if response.status_code != 200 or response.streaming or response.cookies:
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


class ResponseCacheMiddleware:
    """Serves anonymous GETs from the shared cache; ``X-Cache: hit|miss`` says which."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = response_cache_seconds()
        if not seconds or not in_scope(request):
            return self.get_response(request)
        try:
            key = response_key(request, publication_version())
            cached = cache.get(key)
        except redis.RedisError as error:
            cache_unavailable(error)
            return self.get_response(request)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if storable(request, response):
            try:
                cache.set(key, (response.content, list(response.items())), timeout=seconds)
            except redis.RedisError as error:
                cache_unavailable(error)
        response["X-Cache"] = "miss"
        return response
