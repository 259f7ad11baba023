"""Venues and organisers, with links to their translations."""

from ninja import Router
from ninja.errors import HttpError

from meetings import selectors
from meetings.api import parameters, schemas
from meetings.api import serializers as out_
from meetings.models import Organizer, Venue

router = Router(tags=["places"])


@router.get("/venues/", response=list[schemas.Venue], summary="Venues")
def list_venues(request, locale: schemas.Locale = schemas.SOURCE_LOCALE):
    language = parameters.language(locale)
    venues = selectors.public_places(Venue, locale=language)
    return out_.places(venues, out_.Output(request, language), out_.venue)


@router.get(
    "/venues/{venue_id}/",
    response={200: schemas.Venue, 404: schemas.Error},
    summary="One venue",
)
def get_venue(request, venue_id: parameters.ItemId, locale: schemas.Locale = schemas.SOURCE_LOCALE):
    language = parameters.language(locale)
    venues = selectors.public_places(Venue, locale=language).filter(pk=venue_id)
    found = out_.places(venues, out_.Output(request, language), out_.venue)
    if not found:
        raise HttpError(404, "No venue with this id in this language.")
    return found[0]


@router.get("/organizers/", response=list[schemas.Organizer], summary="Organisers")
def list_organizers(request, locale: schemas.Locale = schemas.SOURCE_LOCALE):
    language = parameters.language(locale)
    organizers = selectors.public_places(Organizer, locale=language)
    return out_.places(organizers, out_.Output(request, language), out_.organizer)


@router.get(
    "/organizers/{organizer_id}/",
    response={200: schemas.Organizer, 404: schemas.Error},
    summary="One organiser",
)
def get_organizer(
    request, organizer_id: parameters.ItemId, locale: schemas.Locale = schemas.SOURCE_LOCALE
):
    language = parameters.language(locale)
    organizers = selectors.public_places(Organizer, locale=language).filter(pk=organizer_id)
    found = out_.places(organizers, out_.Output(request, language), out_.organizer)
    if not found:
        raise HttpError(404, "No organiser with this id in this language.")
    return found[0]
