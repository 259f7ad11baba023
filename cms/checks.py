"""System checks of the example site's own parts."""

from django.conf import settings
from django.core.checks import Error, register

CACHE_MIDDLEWARE = "cms.http_cache.HttpCacheMiddleware"
# The response cache stores what the middleware inside it add (CSP, the language), and must
# answer before sessions or the language are looked at, after the rate limits have counted.
AFTER = ("cms.ratelimit.RateLimitMiddleware",)
BEFORE = (
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",
)


@register()
def response_cache_position(app_configs, **kwargs):
    middleware = list(settings.MIDDLEWARE)
    if CACHE_MIDDLEWARE not in middleware:
        return []
    position = middleware.index(CACHE_MIDDLEWARE)
    misplaced = [
        name for name in AFTER if name in middleware and middleware.index(name) > position
    ] + [name for name in BEFORE if name in middleware and middleware.index(name) < position]
    if not misplaced:
        return []
    return [
        Error(
            f"{CACHE_MIDDLEWARE} is in the wrong place in MIDDLEWARE (against "
            f"{', '.join(misplaced)}).",
            hint=f"Put it after {', '.join(AFTER)} and before {', '.join(BEFORE)}.",
            id="cms.E001",
        )
    ]
