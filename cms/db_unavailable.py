"""A friendly 503 instead of a 500 while the database cannot be reached.

A restart or failover of PostgreSQL is temporary: visitors get a static page (rendered with no
context processors, so it needs no database) and the API's clients a JSON message, both with
``Retry-After``, and caches and monitors see 503, not an application error.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"


def unavailable_response(request) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        response = JsonResponse(
            # In English, like every message of the API's contract.
            {"detail": "The service is temporarily unavailable. Try again shortly."},
            status=503,
        )
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _mark_database_error(sender, request=None, **kwargs):
    """Other middleware (the API's validators) query the database before any view runs;
    Django turns their exceptions into a 500 response, so remember why it happened."""
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        request.database_unavailable = True


got_request_exception.connect(_mark_database_error, dispatch_uid="cms.db_unavailable")


class DatabaseUnavailableMiddleware:
    """Answers 503 when a view or inner middleware fails to reach the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "database_unavailable", False):
            return unavailable_response(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning(
                "Database unavailable: %s %s: %s", request.method, request.path, exception
            )
            return unavailable_response(request)
        return None
