"""HTTP caching of /api/v1/: validators from the publication state, 304 before any work."""

import hashlib

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags

from meetings import selectors
from meetings.models import PublicationState

API_PREFIX = "/api/v1/"
# Drafts are never cached by anyone.
UNCACHED_PREFIXES = ("/api/v1/preview/",)
# Scheduled publishing and expiry take effect when their time comes, before Wagtail's job
# records them; validators therefore also change every few minutes.
TIME_BUCKET_SECONDS = 300


def validators() -> tuple[str, float]:
    state = PublicationState.current()
    now = timezone.now()
    parts = [
        str(state.version),
        selectors.start_of_local_day(now=now).date().isoformat(),
        str(int(now.timestamp()) // TIME_BUCKET_SECONDS),
    ]
    etag = '"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32] + '"'
    return etag, state.changed_at.timestamp()


class ApiCachingMiddleware:
    """ETag, Last-Modified and Cache-Control for the API; conditional GETs answered with 304
    without running the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(UNCACHED_PREFIXES):
            response = self.get_response(request)
            response["Cache-Control"] = "private, no-store"
            return response
        if request.method not in {"GET", "HEAD"} or not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        etag, last_modified = validators()
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
        else:
            response = self.get_response(request)
            if response.status_code != 200:
                return response
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(
            response, public=True, max_age=getattr(settings, "API_CACHE_MAX_AGE", 60)
        )
        return response
