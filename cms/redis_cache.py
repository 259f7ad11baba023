"""Redis for the example site's cache: read as empty while Redis is unreachable, one client
per connection pool, and clearing only this site's keys."""

import logging
import re
import time
from typing import ClassVar

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)


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
