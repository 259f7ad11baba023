"""The spheres of public benefit, in the act's order, with their upcoming meetings."""

from django.db.models import Count
from ninja import Path, Router
from ninja.errors import HttpError

from meetings import selectors
from meetings.api import parameters, schemas
from meetings.api import serializers as out_
from meetings.models import Meeting, Sphere

router = Router(tags=["spheres"])


@router.get("/", response=list[schemas.Sphere], summary="Spheres, in legal order")
def list_spheres(request, locale: schemas.Locale = schemas.SOURCE_LOCALE):
    language = parameters.language(locale)
    return _spheres_out(request, language, Sphere.objects.filter(locale=language))


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
    found = _spheres_out(request, language, Sphere.objects.filter(locale=language, slug=slug[:80]))
    if not found:
        raise HttpError(404, "No sphere with this slug.")
    return found[0]


def _spheres_out(request, language, spheres) -> list[dict]:
    upcoming = selectors.public_meetings(locale=language, upcoming=True).prefetch_related(None)
    counts = dict(
        Meeting.spheres.through.objects.filter(meeting__in=upcoming.values("pk"))
        .values_list("sphere__translation_key")
        .annotate(n=Count("meeting_id", distinct=True))
    )
    schedule = selectors.schedule_page(locale=language)
    root = schedule.get_full_url(request) if schedule else None
    spheres = list(spheres.order_by("sort_order"))
    api_root = out_.Output(request, language).api_root
    segment = schedule.segment_for(language.language_code) if schedule else ""
    other_languages = (
        Sphere.objects.filter(translation_key__in=[s.translation_key for s in spheres])
        .exclude(locale=language)
        .values_list("translation_key", "locale__language_code", "pk", "slug")
    )
    translations: dict = {}
    for key, code, pk, slug in other_languages:
        translations.setdefault(key, []).append(
            {"locale": code, "id": pk, "api_url": f"{api_root}spheres/{slug}/?locale={code}"}
        )
    return [
        {
            "id": s.pk,
            "locale": language.language_code,
            "translation_key": s.translation_key,
            "slug": s.slug,
            "number": s.number,
            "name": s.display_name,
            "statutory_name": s.name,
            "order": s.sort_order,
            "upcoming_meetings": counts.get(s.translation_key, 0),
            "translations": translations.get(s.translation_key, []),
            "html_url": (
                root
                + schedule.reverse_subpage(
                    "sphere",
                    kwargs={
                        "segment": segment,
                        "slug": s.slug,
                    },
                )
                if root
                else None
            ),
        }
        for s in spheres
    ]
