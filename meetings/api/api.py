"""/api/v1/: read-only, public, in the requested language, through the visibility rule only.

An item not yet translated into the requested language is left out; each item links its
translations. Bad parameters get 422 with ``{"detail": [{"loc": [...], "msg": ...}]}``
naming the parameter; unknown ids get 404.
"""

from functools import wraps

from django.urls import URLPattern
from django.utils import translation
from ninja import NinjaAPI

from meetings.api import schemas
from meetings.api.errors import document_for_clients, register_exception_handlers
from meetings.api.parameters import within_query_caps
from meetings.api.routers import (
    announcements,
    changes,
    meetings,
    places,
    preview,
    schedule,
    spheres,
)


class MeetingsAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """Generated clients name their methods after these ids: ``list_meetings``,
        ``get_meeting``…"""
        return operation.view_func.__name__

    def get_openapi_schema(self, **kwargs):
        return document_for_clients(super().get_openapi_schema(**kwargs))

    @property
    def urls(self):
        """Every operation answers HEAD as it answers GET, as Django's own views do (ninja
        routes each method to an operation, and would refuse HEAD with a 405); the server
        leaves out the body."""
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = head_as_get(pattern.callback)
        return patterns, app_name, namespace


def head_as_get(view):
    @wraps(view)
    def answer(request, *args, **kwargs):
        if request.method != "HEAD":
            return view(request, *args, **kwargs)
        request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"

    return answer


def in_requested_language(view):
    """Each answer in the language its ``locale`` asks for, whatever the request's
    Accept-Language, and saying so in ``Content-Language``; errors are in English."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        code = request.GET.get("locale", schemas.SOURCE_LOCALE.value)
        if code not in schemas.LOCALE_CODES:
            code = schemas.SOURCE_LOCALE.value
        with translation.override(code):
            response = view(request, *args, **kwargs)
        if "Content-Language" not in response:
            response["Content-Language"] = code if response.status_code < 400 else "en"
        return response

    return answer


api = MeetingsAPI(
    title="Spotkania API",
    version="1",
    description=(
        "Consultation meetings of Kraków City Hall with NGOs, their announcements, the spheres "
        "of public benefit, venues and organisers, in the site's languages ("
        + ", ".join(f"`locale={code}`" for code in schemas.Locale)
        + f"; `{schemas.SOURCE_LOCALE}` by default). Items not yet translated into the "
        "requested language are left out; every item carries its `translation_key`, the same "
        "in every language, and links to its translations. Times are in Europe/Warsaw with "
        "their UTC offset. `/changes/` gives what changed since a cursor, deletions included."
    ),
    urls_namespace="meetings_api_v1",
    docs_url="/docs",
)
register_exception_handlers(api)
api.add_decorator(within_query_caps, mode="view")
api.add_decorator(in_requested_language, mode="view")

# In the order of the OpenAPI document's paths.
api.add_router("/meetings/", meetings.router)
api.add_router("/spheres/", spheres.router)
api.add_router("/", places.router)
api.add_router("/schedule/", schedule.router)
api.add_router("/announcements/", announcements.router)
api.add_router("/preview/", preview.router)
api.add_router("/changes/", changes.router)
