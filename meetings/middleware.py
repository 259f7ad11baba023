"""The API's HTTP validators, for any host site: ``ETag`` and ``Last-Modified`` from the
publication version (``meetings.publication``), ``Cache-Control: public`` for
MEETINGS_API_CACHE_MAX_AGE seconds, and a 304 before the view runs while they still match.
The headless preview is never cached by anyone.

A host with a response cache of its own may do this in it instead, with the same helpers (the
example site's ``cms.http_cache`` does, in one round trip with its lookup).
"""

from functools import wraps

from django.http import HttpResponseNotModified
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_etags

from meetings.conf import plugin_settings
from meetings.publication import api_etag, current_state, last_modified

# Operations whose answers no publication version describes: the preview's drafts, and the
# change feed, which a sync writes after the commit that bumps the version.
UNCACHED_OPERATIONS = ("preview/", "changes/")


def uncached_api_request(request) -> bool:
    return request.path.startswith(
        tuple(plugin_settings.API_PREFIX + operation for operation in UNCACHED_OPERATIONS)
    )


def api_request(request) -> bool:
    """A read of the API that validators describe (the preview's drafts excepted)."""
    return (
        request.method in {"GET", "HEAD"}
        and request.path.startswith(plugin_settings.API_PREFIX)
        and not uncached_api_request(request)
    )


def validated(response, etag: str, changed: float, *, fresh: bool = False):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(changed)
    max_age = plugin_settings.API_CACHE_MAX_AGE
    if fresh:  # a response of our own, with no Cache-Control to merge with
        response["Cache-Control"] = f"public, max-age={max_age}"
    else:
        patch_cache_control(response, public=True, max_age=max_age)
    return response


def not_modified(request, etag: str, changed: float):
    """A 304 for a conditional GET that still matches; None otherwise."""
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        return validated(HttpResponseNotModified(), etag, changed, fresh=True)
    return None


def language_by_parameter(response):
    """The API's language is its ``locale`` parameter: Accept-Language, which Django's
    LocaleMiddleware adds to ``Vary`` below this middleware, changes nothing in it."""
    vary = [
        field
        for field in cc_delim_re.split(response.get("Vary", ""))
        if field and field.lower() != "accept-language"
    ]
    if vary:
        response["Vary"] = ", ".join(vary)
    elif "Vary" in response:
        del response["Vary"]
    return response


def never_cached(response):
    response["Cache-Control"] = "private, no-store"
    return response


class ApiValidatorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if uncached_api_request(request):
            return never_cached(self.get_response(request))
        if not api_request(request):
            return self.get_response(request)
        version, changed = current_state()
        # What the API keeps of its renders is keyed under the same version (version_key).
        request.publication_version = version
        etag = api_etag(version)
        answer = not_modified(request, etag, changed)
        if answer is not None:
            return answer
        response = language_by_parameter(self.get_response(request))
        if response.status_code == 200:
            validated(response, etag, changed)
        return response


def feed_validators(view):
    """A feed's (a calendar's, the RSS's) ``ETag`` and ``Last-Modified``, from the publication
    version and the time, and a 304 to a conditional GET (``If-None-Match``, or
    ``If-Modified-Since`` alone) while they still hold. A feed's URL names its language and
    filters, so the version and the time are all its content depends on."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        version, changed = current_state()
        etag, modified = api_etag(version), int(last_modified(changed))
        conditional = get_conditional_response(request, etag=etag, last_modified=modified)
        if conditional is not None:
            return conditional
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response["ETag"] = etag
            response["Last-Modified"] = http_date(modified)
        return response

    return answer
