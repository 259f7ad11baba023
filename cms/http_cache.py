"""The example site's HTTP caching: the plugin's API validators, and a shared response cache
of pages, feeds and API, keyed by the plugin's publication version (``meetings.publication``).

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
import re
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from wagtail import views as wagtail_views

from meetings.api.views import api as meetings_api
from meetings.api.views import query_problem
from meetings.conf import plugin_settings
from meetings.forms import MeetingFilterForm
from meetings.middleware import (
    api_request,
    language_by_parameter,
    never_cached,
    not_modified,
    uncached_api_request,
    validated,
)
from meetings.publication import (
    api_etag,
    cache_unavailable,
    publication_state,
    shared_cache,
    state_from_database,
    time_bucket,
)
from meetings.urls import serve_page_file
from meetings.views import MAX_QUERY_LENGTH, PAST_PARAMETER, UPCOMING_PARAMETER

RESPONSE_KEY_PREFIX = "meetings:response"
# Views whose anonymous GETs are the same for everyone: Wagtail's pages with their routes.
CACHED_VIEWS = (wagtail_views.serve, serve_page_file)
# Vary headers that need no entries of their own: the key holds the language, and a request
# with a cookie that changes the response (a session, messages) is never cached.
KEYED_VARY_HEADERS = {"accept-language", "cookie"}
NEVER_STORED_DIRECTIVES = {"private", "no-store", "no-cache"}


def api_prefix() -> str:
    return plugin_settings.API_PREFIX


def response_cache_seconds() -> int:
    """How long a response is kept; 0 when the response cache is off."""
    return plugin_settings.RESPONSE_CACHE_SECONDS if shared_cache() else 0


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
    if request.path.startswith(api_prefix()):
        if uncached_api_request(request):
            return None
        if query_problem(request.GET):
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
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return None
    return page_parameters()


def _api_route(route: str) -> str:
    """``api/v1/spheres/<slug>/`` as the API's own definitions name it: ``/spheres/{slug}/``."""
    relative = route.removeprefix(api_prefix().lstrip("/"))
    return "/" + re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", relative)


@functools.cache
def api_parameters() -> dict[str, frozenset[str]]:
    """{path of an API operation: the query parameters it reads}, from the API's own parameter
    definitions (its OpenAPI document), so that a parameter the API gains is keyed at once."""
    schema = meetings_api.get_openapi_schema(path_prefix="")
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
    return frozenset(
        {
            *MeetingFilterForm.base_fields,
            *FILTER_ALIASES,
            PAST_PARAMETER,
            UPCOMING_PARAMETER,
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
    return f"{RESPONSE_KEY_PREFIX}:{time_bucket()}:{digest}"


def storable(request, response) -> bool:
    """A response that is the same for every anonymous visitor: 200, no cookie, not private.

    Wagtail marks pages under a view restriction (and their password forms) ``private,
    no-store``; forms with a CSRF token set a cookie. A streamed response (a long feed) is
    stored as it goes out, if it ends within MEETINGS_RESPONSE_CACHE_MAX_BYTES.
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
    except Exception as error:  # any backend's error: the response goes out unstored
        cache_unavailable(error)


def _stored_as_it_goes(chunks, key: str, version: int, headers: list, seconds: int):
    """Pass a streamed response on, keeping a copy to store once it has all gone out; a
    response longer than MEETINGS_RESPONSE_CACHE_MAX_BYTES (or not read to its end) is not kept."""
    limit = plugin_settings.RESPONSE_CACHE_MAX_BYTES
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
    except Exception as error:  # any backend's error: a miss
        cache_unavailable(error)
        return {}


class HttpCacheMiddleware:
    """Validators and 304s for the API; anonymous GETs served from the shared cache, with
    ``X-Cache: hit|miss`` saying which."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if uncached_api_request(request):
            return never_cached(self.get_response(request))
        api = api_request(request)
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
        except Exception as error:  # Django's own RedisCache raises while Redis is down
            cache_unavailable(error)
            version, changed = state_from_database()
            found, cacheable = {}, False
        # What the API and the feeds keep of their renders is keyed under it too (version_key).
        request.publication_version = version
        etag = api_etag(version) if api else None
        if conditional:
            answer = not_modified(request, etag, changed)
            if answer is not None:
                return answer
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
            # A feed stored with its validators answers a conditional GET as its view would.
            return get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
        response = self.get_response(request)
        if api:
            language_by_parameter(response)
        if etag:
            if response.status_code != 200:
                return response
            validated(response, etag, changed)
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
