"""The API's errors in the shapes its contract documents: 422 with
``{"detail": [{"loc": [...], "msg": ...}]}`` naming the parameter, and ``{"detail": ...}``
for the rest. The host's rate limit answers 429 before a request reaches the API."""

from typing import NoReturn

from django.http import JsonResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from meetings.api import schemas
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


VALIDATORS = {
    "ETag": "The publication version the answer was made from.",
    "Last-Modified": "When anything public last changed.",
}


def _headers(described: dict[str, str]) -> dict:
    return {
        name: {"description": text, "schema": {"type": "string"}}
        for name, text in described.items()
    }


def _json(description: str, schema: str, headers: dict[str, str] | None = None) -> dict:
    response = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }
    if headers:
        response["headers"] = _headers(headers)
    return response


def _enum_by_reference(parameter: dict, components: dict) -> None:
    """An enum parameter with a default (``locale``, ``ordering``) as a reference to its
    component beside the default, rather than the ``allOf`` pydantic writes around it, which
    generated clients read as an empty object."""
    schema = parameter["schema"]
    wrapped = schema.get("allOf", [])
    if len(wrapped) == 1 and "enum" in wrapped[0]:
        enum = wrapped[0]
        components.setdefault(enum["title"], enum)
        parameter["schema"] = {
            "$ref": f"#/components/schemas/{enum['title']}",
            **{key: value for key, value in schema.items() if key != "allOf"},
        }


def document_for_clients(document: dict) -> dict:
    """Every answer an operation can give, and its enums by reference, in the OpenAPI
    document, so that a generated client returns them rather than raising: 422
    (``ValidationErrors``) for bad parameters, 429 (``Error``) from a host that limits the
    rate, 304 to a conditional GET (except for the preview, never cached), and the validators
    and the language of a 200."""
    components = document.setdefault("components", {}).setdefault("schemas", {})
    errors = schemas.ValidationErrors.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(errors.pop("$defs", {}))
    components["ValidationErrors"] = errors
    components.setdefault("Error", schemas.Error.model_json_schema())
    for path, operations in document["paths"].items():
        cached = not path.startswith(f"{plugin_settings.API_PREFIX}preview/")
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                _enum_by_reference(parameter, components)
            responses = operation["responses"]
            language = {"Content-Language": "The language of the answer."}
            responses[200]["headers"] = _headers({**language, **(VALIDATORS if cached else {})})
            if cached:
                responses[304] = {
                    "description": "Not modified: the ETag in If-None-Match still matches.",
                    "headers": _headers(VALIDATORS),
                }
            responses[422] = _json(
                "A parameter is missing, malformed or out of range; each problem names it.",
                "ValidationErrors",
            )
            responses[429] = _json(
                "Too many requests from this address (where the site limits the rate).",
                "Error",
                {"Retry-After": "Seconds to wait before asking again."},
            )
    return document
