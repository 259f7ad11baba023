"""The tests' Redis: database 15 at 127.0.0.1:6379 (TEST_REDIS_URL), each test with a key prefix
of its own (the ``shared_cache`` fixture in ``tests/conftest.py``)."""

import os

import redis

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def redis_cache(url: str, prefix: str) -> dict:
    return {
        "default": {
            "BACKEND": "cms.redis_cache.SiteRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
