"""Per-client request limits for the API and the search, counted in the Django cache.

A fixed window per client address and scope: ``cache.add`` starts the window's counter and
``cache.incr`` raises it, both atomic on Redis, so every app process shares one count. Over the
limit, the API answers 429 with JSON and the search with a page; both say in ``Retry-After``
when the window ends. Conditional GETs and cached answers count like any other request.

When the cache cannot be reached the request is served (fail-open): the limits protect the
database from bursts, while refusing everyone because Redis is down would turn a cache outage
into a site outage.
"""

import ipaddress
import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address
    the outermost trusted proxy appended to X-Forwarded-For.

    Entries left of that one were written by the client and prove nothing.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if hops <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


@dataclass(frozen=True)
class Limit:
    scope: str
    requests: int
    window: int  # seconds


class RateLimitMiddleware:
    """429 with Retry-After for a client that sends more than its share to the API or search."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._search_paths = None
        self._warned_at = 0.0

    def search_paths(self) -> dict[str, str]:
        """{path of the search: its language}."""
        if self._search_paths is None:
            paths = {}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    paths[reverse("search")] = code
            self._search_paths = paths
        return self._search_paths

    def limit_for(self, request) -> Limit | None:
        window = settings.RATE_LIMIT_WINDOW
        if request.path.startswith(API_PREFIX):
            return Limit("api", settings.RATE_LIMIT_API, window)
        if request.path in self.search_paths():
            return Limit("search", settings.RATE_LIMIT_SEARCH, window)
        return None

    def __call__(self, request):
        limit = self.limit_for(request)
        if limit is None or limit.requests <= 0:
            return self.get_response(request)
        now = time.time()
        window_index = int(now // limit.window)
        key = f"ratelimit:{limit.scope}:{client_ip(request)}:{window_index}"
        try:
            cache.add(key, 0, timeout=limit.window + 1)
            count = cache.incr(key)
        except Exception:
            # Once a minute at most: during an outage every request would log it.
            if now - self._warned_at > 60:
                self._warned_at = now
                logger.warning("Rate limit not applied: the cache is unavailable.", exc_info=True)
            return self.get_response(request)
        if count <= limit.requests:
            return self.get_response(request)
        retry_after = max(1, math.ceil((window_index + 1) * limit.window - now))
        response = self.too_many(request, limit, retry_after)
        response["Retry-After"] = str(retry_after)
        response["Cache-Control"] = "private, no-store"
        return response

    def too_many(self, request, limit: Limit, retry_after: int):
        if limit.scope == "api":
            return JsonResponse(
                {"detail": f"Too many requests: try again in {retry_after} seconds."},
                status=429,
            )
        # This runs before LocaleMiddleware: the search's own address says its language.
        with translation.override(self.search_paths()[request.path]):
            message = gettext(
                "Too many searches from your address: try again in %(seconds)d s."
            ) % {"seconds": retry_after}
            response = render(
                request, "429.html", {"message": message, "retry_after": retry_after}, status=429
            )
            response["Content-Language"] = translation.get_language()
            return response
