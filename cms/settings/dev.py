"""Local development: debug on, an insecure key that never leaves this machine."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# Webhooks may reach a receiver on this machine (scripts/webhook_receiver.py); production allows
# no private address unless it names the network.
MEETINGS_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
