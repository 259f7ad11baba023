"""Per-client request limits for the API, the search and password resets, counted in the
Django cache.

A fixed window per client address and scope: ``cache.add`` starts the window's counter and
``cache.incr`` raises it, both atomic on Redis, so every app process shares one count. Over the
limit, the API answers 429 with JSON and the search with a page; both say in ``Retry-After``
when the window ends. Conditional GETs and cached answers count like any other request.

Each request for a password reset e-mail (a POST to the admin's form) is counted twice, per
client address and per e-mail address asked for, in a window of an hour: one address cannot
send many e-mails, nor many addresses flood one mailbox. Over either limit the admin answers
with a page in its language.

When the cache cannot be reached the request is served (fail-open): the limits protect the
database from bursts, while refusing everyone because Redis is down would turn a cache outage
into a site outage.
"""

import hashlib
import ipaddress
import logging
import math
import time
from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
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
    """429 with Retry-After for a client that sends more than its share to the API or search,
    or asks for too many password reset e-mails."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._search_paths = None
        self._warned_at = 0.0
        self.password_reset_path = reverse("wagtailadmin_password_reset")

    def search_paths(self) -> dict[str, str]:
        """{path of the search: its language}."""
        if self._search_paths is None:
            paths = {}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    paths[reverse("search")] = code
            self._search_paths = paths
        return self._search_paths

    def limits_for(self, request) -> list[tuple[Limit, str]]:
        """[(limit, whom it counts)] that this request counts against."""
        window = settings.RATE_LIMIT_WINDOW
        if request.path.startswith(API_PREFIX):
            return [(Limit("api", settings.RATE_LIMIT_API, window), client_ip(request))]
        if request.path in self.search_paths():
            return [(Limit("search", settings.RATE_LIMIT_SEARCH, window), client_ip(request))]
        if request.method == "POST" and request.path == self.password_reset_path:
            limit = Limit(
                "password-reset",
                settings.RATE_LIMIT_PASSWORD_RESET,
                settings.RATE_LIMIT_PASSWORD_RESET_WINDOW,
            )
            counted = [(limit, client_ip(request))]
            email = request.POST.get("email", "").strip().casefold()
            if email:
                # The cache holds a digest, not the address.
                digest = hashlib.sha256(email.encode()).hexdigest()[:32]
                counted.append((replace(limit, scope="password-reset-email"), digest))
            return counted
        return []

    def __call__(self, request):
        refused = None
        for limit, whom in self.limits_for(request):
            if limit.requests <= 0:
                continue
            retry_after = self.count(limit, whom)
            if retry_after is not None and (refused is None or retry_after > refused[1]):
                refused = (limit, retry_after)
        if refused is None:
            return self.get_response(request)
        limit, retry_after = refused
        response = self.too_many(request, limit, retry_after)
        response["Retry-After"] = str(retry_after)
        response["Cache-Control"] = "private, no-store"
        return response

    def count(self, limit: Limit, whom: str) -> int | None:
        """Count one request; the seconds until the window ends if it is over the limit."""
        now = time.time()
        window_index = int(now // limit.window)
        key = f"ratelimit:{limit.scope}:{whom}:{window_index}"
        try:
            cache.add(key, 0, timeout=limit.window + 1)
            count = cache.incr(key)
            if count is None:  # a cache that ignores its errors (django-redis) is down
                raise ConnectionError("The cache did not count the request.")
        except Exception:
            # Once a minute at most: during an outage every request would log it.
            if now - self._warned_at > 60:
                self._warned_at = now
                logger.warning("Rate limit not applied: the cache is unavailable.", exc_info=True)
            return None
        if count <= limit.requests:
            return None
        return max(1, math.ceil((window_index + 1) * limit.window - now))

    def too_many(self, request, limit: Limit, retry_after: int):
        if limit.scope == "api":
            return JsonResponse(
                {"detail": f"Too many requests: try again in {retry_after} seconds."},
                status=429,
            )
        if limit.scope.startswith("password-reset"):
            # This runs before the authentication middleware, and the page is the same for
            # everyone; the admin speaks its own language (cms.middleware).
            request.user = AnonymousUser()
            with translation.override(settings.LANGUAGE_CODE):
                response = render(
                    request,
                    "admin_password_reset_429.html",
                    {"minutes": math.ceil(retry_after / 60)},
                    status=429,
                )
                response["Content-Language"] = translation.get_language()
                return response
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
