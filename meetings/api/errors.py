"""The API's errors in the shapes its contract documents: 422 with
``{"detail": [{"loc": [...], "msg": ...}]}`` naming the parameter, and ``{"detail": ...}``
for the rest. The host's rate limit answers 429 before a request reaches the API."""

from typing import NoReturn

from django.http import JsonResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from meetings.conf import plugin_settings


def invalid(parameter: str, message: str) -> NoReturn:
    """A query parameter that parsed but cannot be used, as a 422 that names it."""
    raise ValidationError([{"type": "value_error", "loc": ["query", parameter], "msg": message}])


def unprocessable(loc: list[str], message: str) -> JsonResponse:
    """A 422 for a check that runs before django-ninja parses the request."""
    return JsonResponse(
        {"detail": [{"type": "value_error", "loc": loc, "msg": message}]}, status=422
    )


def register_exception_handlers(api: NinjaAPI) -> None:
    """The contract's error shapes, stated here rather than left to django-ninja's defaults."""

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        return api.create_response(request, {"detail": exc.errors}, status=422)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def not_found(request):
    """Any other address under /api/: a JSON 404, as the API answers everywhere else."""
    return JsonResponse(
        {"detail": f"No such API endpoint. See {plugin_settings.API_PREFIX}docs."}, status=404
    )
