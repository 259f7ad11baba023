"""The test suite: fast hashing, throw-away media, plain static storage."""

import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="spotkania-test-media-")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WHITENOISE_AUTOREFRESH = True
CORS_ALLOWED_ORIGINS = ["https://www.krakow.pl"]
# Limits are exercised by tests/test_rate_limits.py with override_settings; elsewhere a test
# may send as many requests as it needs.
RATE_LIMIT_API = 0
RATE_LIMIT_SEARCH = 0
RATE_LIMIT_PASSWORD_RESET = 0
AXES_VERBOSE = False
# Tasks run as they are queued (after the commit that queues them).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
