"""The spheres of public benefit, in the act's order, with their upcoming meetings."""

from ninja import Path, Router
from ninja.errors import HttpError

from meetings.api import parameters, schemas
from meetings.api import serializers as out_
from meetings.models import Sphere

router = Router(tags=["spheres"])


@router.get("/", response=list[schemas.Sphere], summary="Spheres, in legal order")
def list_spheres(request, locale: schemas.Locale = schemas.SOURCE_LOCALE):
    language = parameters.language(locale)
    return out_.spheres(Sphere.objects.filter(locale=language), out_.Output(request, language))


@router.get(
    "/{slug}/",
    response={200: schemas.Sphere, 404: schemas.Error},
    summary="One sphere",
)
def get_sphere(
    request,
    slug: str = Path(..., pattern=parameters.SLUG_PATTERN),
    locale: schemas.Locale = schemas.SOURCE_LOCALE,
):
    language = parameters.language(locale)
    found = out_.spheres(
        Sphere.objects.filter(locale=language, slug=slug[:80]), out_.Output(request, language)
    )
    if not found:
        raise HttpError(404, "No sphere with this slug.")
    return found[0]
