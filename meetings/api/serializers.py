"""Models to API dicts, in a fixed number of queries whatever the number of items."""

from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone
from wagtail.models import Locale, Site

from meetings import selectors
from meetings.urls import page_file_url


@dataclass
class Output:
    """What every serializer needs: the request, the locale and the API's absolute root."""

    request: object
    locale: Locale

    @cached_property
    def languages(self) -> dict[int, str]:
        """Language code by locale id, so that no item looks up its locale on its own."""
        return dict(Locale.objects.values_list("pk", "language_code"))

    @cached_property
    def api_root(self) -> str:
        site = Site.find_for_request(self.request) or Site.objects.get(is_default_site=True)
        return f"{site.root_url}/api/v1/"


def sphere_ref(sphere) -> dict:
    return {"slug": sphere.slug, "number": sphere.number, "name": sphere.display_name}


def venue(obj, out: Output) -> dict:
    return {
        "id": obj.pk,
        "locale": out.languages[obj.locale_id],
        "translation_key": obj.translation_key,
        "name": obj.name,
        "street_address": obj.street_address,
        "postal_code": obj.postal_code,
        "city": obj.city,
        "room": obj.room,
        "floor": obj.floor,
        "step_free_access": obj.step_free_access,
        "induction_loop": obj.induction_loop,
        "accessibility_notes": obj.accessibility_notes,
        "latitude": float(obj.latitude) if obj.latitude is not None else None,
        "longitude": float(obj.longitude) if obj.longitude is not None else None,
        "map_url": obj.map_url,
    }


def organizer(obj, out: Output) -> dict:
    return {
        "id": obj.pk,
        "locale": out.languages[obj.locale_id],
        "translation_key": obj.translation_key,
        "name": obj.name,
        "email": obj.email,
        "phone": obj.phone,
        "website": obj.website,
    }


def _local(value):
    return timezone.localtime(value) if value else None


def meetings(items, out: Output) -> list[dict]:
    """Meetings with their venue and spheres in the output's locale, linked to translations."""
    items = selectors.with_localized_relations(items, locale=out.locale)
    translations = selectors.meeting_translations(items, locale=out.locale)
    api_root = out.api_root if items else ""
    result = []
    for meeting in items:
        page_url = meeting.page.get_full_url(out.request)
        result.append(
            {
                "id": meeting.pk,
                "locale": out.locale.language_code,
                "translation_key": meeting.translation_key,
                "topic": meeting.topic,
                "start": _local(meeting.start),
                "end": _local(meeting.end),
                "attendance_mode": meeting.attendance_mode,
                "online_url": meeting.online_url,
                "status": meeting.status,
                "status_note": meeting.status_note,
                "registration": {
                    "required": meeting.registration == meeting.Registration.REQUIRED,
                    "url": meeting.registration_url,
                    "email": meeting.registration_email,
                    "deadline": _local(meeting.registration_deadline),
                },
                "venue": venue(meeting.localized_venue, out) if meeting.localized_venue else None,
                "spheres": [sphere_ref(s) for s in meeting.localized_spheres],
                "announcement": {
                    "id": meeting.page_id,
                    "title": meeting.page.title,
                    "html_url": page_url,
                },
                "html_url": f"{page_url}#meeting-{meeting.translation_key}",
                "ics_url": page_file_url(
                    meeting.page,
                    "meeting_ics",
                    full=True,
                    request=out.request,
                    key=str(meeting.translation_key),
                ),
                "sequence": meeting.sequence,
                "translations": [
                    {
                        "locale": code,
                        "id": pk,
                        "api_url": f"{api_root}meetings/{pk}/?locale={code}",
                    }
                    for code, pk in translations.get(meeting.translation_key, [])
                ],
            }
        )
    return result
