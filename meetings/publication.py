"""The publication version: one number for everything public, bumped on commit whenever
something public may have changed (publishing, unpublishing, deleting, editing a snippet,
replacing a document or an image, syncing a translation).

What depends on it: the API's validators (``api_etag``), the renders the API and the feeds keep
(``kept_renders``), and any response cache a host puts in front (the example site's
``cms.http_cache``). With the version goes the time key: today's date in Warsaw and a
five-minute bucket, since scheduled publishing and expiry take effect when their time comes,
before Wagtail's job records them.

On a shared cache (Redis) the version lives in the cache, so that reading it costs one round
trip and no query; the database row (``PublicationState``) stays the source it is re-read from.
A cache that lives inside one process (LocMemCache, DummyCache) could not see the other
processes' bumps: there the version comes from the database and nothing is kept.

``clock`` is the one source of the time here (seconds since the epoch): tests and benchmarks
may replace it.
"""

import hashlib
import logging
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.utils import translation

from meetings.conf import plugin_settings
from meetings.models import PublicationState

logger = logging.getLogger(__name__)

clock = time.time

TIME_BUCKET_SECONDS = 300
VERSION_KEY = "meetings:publication-version"
CHANGED_KEY = "meetings:publication-changed"
RENDER_KEY_PREFIX = "meetings:render"
PROCESS_LOCAL_BACKENDS = (LocMemCache, DummyCache)
REPORT_INTERVAL_SECONDS = 60
_last_reported = 0.0


def shared_cache() -> bool:
    """True when the default cache is seen by every app process (Redis)."""
    return not isinstance(caches["default"], PROCESS_LOCAL_BACKENDS)


def cache_unavailable(error: Exception) -> None:
    """A cache backend that raises while its server is down: the site goes on without the
    cache, and says so at most once a minute per process."""
    global _last_reported
    now = time.monotonic()
    if now - _last_reported > REPORT_INTERVAL_SECONDS:
        _last_reported = now
        logger.warning("Shared cache unavailable, serving without it: %s", error)


def state_from_database() -> tuple[int, float]:
    state = PublicationState.current()
    return state.version, state.changed_at.timestamp()


def publication_state(*extra_keys: str) -> tuple[int, float, dict]:
    """(version, time of the last change, {key: value} of ``extra_keys`` found in the cache).

    On a shared cache, one round trip reads the version with the extra keys; when the cache has
    lost the version, it is taken from the database row, and ``add`` keeps a concurrent bump
    (or another process's copy) rather than overwriting it. Otherwise, one query.
    """
    if not shared_cache():
        return (*state_from_database(), {})
    found = cache.get_many([VERSION_KEY, CHANGED_KEY, *extra_keys])
    version, changed = found.pop(VERSION_KEY, None), found.pop(CHANGED_KEY, None)
    if version is None or changed is None:
        version, changed = state_from_database()
        cache.add(VERSION_KEY, version, timeout=None)
        cache.add(CHANGED_KEY, changed, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version, changed, found


def current_state() -> tuple[int, float]:
    """(version, time of the last change); from the database while the shared cache fails."""
    try:
        version, changed, _found = publication_state()
    except Exception as error:  # a cache backend that raises while its server is down
        cache_unavailable(error)
        version, changed = state_from_database()
    return version, changed


def last_modified(changed: float, now: float | None = None) -> float:
    """When what the public sees last changed, as far as anyone can tell: the last
    publication, or the start of this five-minute bucket if later (scheduled pages and expiry
    take effect when their time comes, and a feed's window moves with the day)."""
    return max(changed, time_bucket(now) * TIME_BUCKET_SECONDS)


def publication_changed() -> None:
    """Something public changed (called on commit): new validators, new keys."""
    PublicationState.bump()
    if not shared_cache():
        return
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            # Lost (or never read): set it from the row, now that the row has been bumped.
            cache.set(VERSION_KEY, PublicationState.current().version, timeout=None)
        cache.set(CHANGED_KEY, clock(), timeout=None)
    except Exception as error:  # any backend's error: the row is bumped all the same
        cache_unavailable(error)


def time_bucket(now: float | None = None) -> int:
    return int(clock() if now is None else now) // TIME_BUCKET_SECONDS


def time_key(now: float | None = None) -> str:
    """Today's date in Warsaw and the five-minute bucket: what passing time changes."""
    moment = clock() if now is None else now
    today = datetime.fromtimestamp(moment, tz=ZoneInfo(settings.TIME_ZONE)).date()
    return f"{today.isoformat()}|{time_bucket(moment)}"


def stamp(version: int, now: float | None = None) -> str:
    """The publication version and the time key: what a response's or a render's freshness
    depends on."""
    return f"{version}|{time_key(now)}"


def api_etag(version: int, now: float | None = None) -> str:
    return '"' + hashlib.sha256(stamp(version, now).encode()).hexdigest()[:32] + '"'


def version_key(request) -> str | None:
    """What the API and the feeds keep of their own renders (a meeting's JSON or VEVENT, a
    list's count) is keyed under: the publication version of this request and the time key.

    The version is the one a response cache read before the view ran
    (``request.publication_version``), or else it is read now, before what is rendered under
    it is read from the database. None without a shared cache (a process-local one would not
    see other processes' changes) or with MEETINGS_RENDER_CACHE off.
    """
    if not shared_cache() or not plugin_settings.RENDER_CACHE:
        return None
    version = getattr(request, "publication_version", None)
    if version is None:
        try:
            version = request.publication_version = publication_state()[0]
        except Exception as error:  # any backend's error: render uncached
            cache_unavailable(error)
            return None
    return stamp(version)


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


class KeptHere:
    """What this process keeps of one kind: {(stamp, *key): value}, of the last stamp seen,
    at most ``limit`` values (past it, it starts again), so that a kind with many keys (one
    per path, say) never crowds out another's."""

    def __init__(self, limit: int):
        self.limit = limit
        self.values: dict = {}
        self.stamp: tuple | None = None


# What pages' layouts keep (``kept_per_version``'s default store).
LAYOUTS = KeptHere(4096)


def kept_per_version(request, key: tuple, compute, *, store: KeptHere = LAYOUTS, keep=None):
    """``compute()``, computed once per process for each publication version and time key
    (the stamp), then kept in this process's memory until the stamp changes: for what every
    page's layout shows and only a publication changes (the navigation, a page's languages and
    breadcrumbs), so that no request after the first pays its queries.

    The value is shared by the requests of one stamp: it must be plain data that nothing
    changes. ``key`` names it within the stamp (with the host, the scheme and the language
    when its URLs or words depend on them). ``store`` is where it is kept, ``keep`` (a
    predicate) says whether a value is worth keeping at all. Without a shared cache the version
    could not be told from one request to the next without a query, and nothing is kept; nor
    without a request (a task, a command).
    """
    if request is None or not shared_cache():  # outside a request: nothing to key it by
        return compute()
    version = getattr(request, "publication_version", None)
    if version is None:
        try:
            version = request.publication_version = publication_state()[0]
        except Exception as error:  # any backend's error: compute it here and now
            cache_unavailable(error)
            return compute()
    # The version is the shared cache's: another cache (another key prefix) counts apart.
    kept_key = (cache.make_key(VERSION_KEY), stamp(version), *key)
    try:
        return store.values[kept_key]
    except KeyError:
        pass
    value = compute()
    if keep is not None and not keep(value):
        return value
    # Only the newest stamp's values are worth keeping; the stamp is in each key all the same,
    # so that a request that read an older version never hands its value to a newer one.
    if kept_key[:2] != store.stamp or len(store.values) >= store.limit:
        store.values.clear()
        store.stamp = kept_key[:2]
    store.values[kept_key] = value
    return value
