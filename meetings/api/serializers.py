"""Models to API dicts, in a fixed number of queries whatever the number of items."""

import re
from dataclasses import dataclass
from functools import cached_property

import orjson
from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone
from wagtail.models import Locale, Site

from meetings import formatting, publication, selectors, urls
from meetings.blocks import is_http_url, linked_page
from meetings.conf import plugin_settings
from meetings.models import AnnouncementOrganizer, Meeting, Sphere
from meetings.routing import kept_site
from meetings.safe_html import rich_text_html, safe_url


@dataclass
class Output:
    """What every serializer needs: the request, the locale and the API's absolute root."""

    request: object
    locale: Locale

    @cached_property
    def languages(self) -> dict[int, str]:
        """Language code by locale id, so that no item looks up its locale on its own."""
        return {
            other.pk: other.language_code
            for other in [self.locale, *selectors.other_locales(self.locale)]
        }

    @cached_property
    def site_root(self) -> str:
        """The configured site's address: never the request's Host header."""
        site = kept_site(self.request) if self.request is not None else None
        return (site or Site.objects.get(is_default_site=True)).root_url

    @property
    def api_root(self) -> str:
        return f"{self.site_root}{plugin_settings.API_PREFIX}"


def sphere_ref(sphere) -> dict:
    return {"slug": sphere.slug, "number": sphere.number, "name": sphere.display_name}


def translation_links(translations, api_root: str, path: str) -> list[dict]:
    """[(language code, id)] as the API's translation links; ``path`` takes {id}."""
    return [
        {"locale": code, "id": pk, "api_url": f"{api_root}{path.format(id=pk)}?locale={code}"}
        for code, pk in translations
    ]


def venue(obj, out: Output, translations=()) -> dict:
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
        "translations": translation_links(translations, out.api_root, "venues/{id}/"),
    }


def organizer(obj, out: Output, translations=()) -> dict:
    return {
        "id": obj.pk,
        "locale": out.languages[obj.locale_id],
        "translation_key": obj.translation_key,
        "name": obj.name,
        "email": obj.email,
        "phone": obj.phone,
        "website": safe_url(obj.website),
        "translations": translation_links(translations, out.api_root, "organizers/{id}/"),
    }


def _local(value):
    return timezone.localtime(value) if value else None


def report(document, text: str, out: Output) -> dict | None:
    if not (document or text):
        return None
    return {
        "document_url": out.site_root + document.url if document else "",
        "document_title": document.title if document else "",
        "file_extension": document.file_extension if document else "",
        "file_size": document.file_size if document else None,
        "text_html": _absolute(rich_text_html(text), out.site_root) if text else "",
    }


def consultation_data(obj, out: Output) -> dict:
    return {
        "id": obj.pk,
        "title": obj.title,
        "url": safe_url(obj.url),
        "report": report(obj.report_document, obj.report, out),
    }


def meetings(items, out: Output) -> list[dict]:
    """Meetings with their venue and spheres in the output's locale, linked to translations.

    What several meetings share (their announcement's addresses, the venue, the spheres) is
    built once per call.
    """
    items = selectors.with_localized_relations(items, locale=out.locale)
    translations = selectors.meeting_translations(items, locale=out.locale)
    venues = {m.localized_venue.pk: m.localized_venue for m in items if m.localized_venue}
    venue_translations = selectors.snippet_translations(venues.values(), locale=out.locale)
    venue_data = {
        pk: venue(obj, out, venue_translations.get(obj.translation_key, []))
        for pk, obj in venues.items()
    }
    sphere_data: dict[int, dict] = {}
    api_root = out.api_root if items else ""
    language = out.locale.language_code
    result = []
    for meeting in items:
        page = meeting.page
        page_url = urls.page_url(page, out.request, full=True) or ""
        for sphere in meeting.localized_spheres:
            if sphere.pk not in sphere_data:
                sphere_data[sphere.pk] = sphere_ref(sphere)
        result.append(
            {
                "id": meeting.pk,
                "locale": language,
                "translation_key": meeting.translation_key,
                "topic": meeting.topic,
                "start": _local(meeting.start),
                "end": _local(meeting.end),
                "when": formatting.format_meeting_when(
                    meeting.start, meeting.end, language=language
                ),
                "attendance_mode": meeting.attendance_mode,
                "online_url": safe_url(meeting.online_url),
                "status": meeting.status,
                "status_note": meeting.status_note,
                "registration": {
                    "required": meeting.registration == meeting.Registration.REQUIRED,
                    "url": safe_url(meeting.registration_url),
                    "email": meeting.registration_email,
                    "deadline": _local(meeting.registration_deadline),
                },
                "venue": venue_data[meeting.localized_venue.pk]
                if meeting.localized_venue
                else None,
                "spheres": [sphere_data[s.pk] for s in meeting.localized_spheres],
                "announcement": {"id": page.pk, "title": page.title, "html_url": page_url},
                "html_url": f"{page_url}#{meeting.anchor}",
                "ics_url": page.meeting_ics_url(meeting, out.request, full=True)
                if meeting.pk and page_url
                else "",
                "sequence": meeting.sequence,
                "outcome": meeting.outcome,
                "minutes": report(meeting.minutes_document, meeting.minutes, out),
                "translations": [
                    {"locale": code, "id": pk, "api_url": f"{api_root}meetings/{pk}/?locale={code}"}
                    for code, pk in translations.get(meeting.translation_key, [])
                ],
            }
        )
    return result


def meeting_fragments(page, out: Output) -> list:
    """A page of public meetings (a sliced queryset of them) as pre-serialised JSON fragments,
    each rendered once per publication version (``meetings.publication.kept_renders``): a list
    renders only the meetings that changed since it was last asked for."""
    if publication.version_key(out.request) is None:
        return meetings(list(selectors.slices_with_relations(page)), out)

    def render(missing: list[int]) -> dict[int, bytes]:
        # These ids have just passed the visibility rule, in this request.
        by_id = selectors.with_relations(Meeting.objects.all()).in_bulk(missing)
        items = meetings([by_id[pk] for pk in missing if pk in by_id], out)
        return {item["id"]: orjson.dumps(item) for item in items}

    ids = list(page.values_list("pk", flat=True))
    rendered = publication.kept_renders(
        out.request, f"api-meeting-{out.locale.language_code}", ids, render
    )
    return [orjson.Fragment(rendered[pk]) for pk in ids if pk in rendered]


def _absolute(html: str, root: str) -> str:
    """Site-relative links and sources made absolute, for a front end on another host."""
    return _RELATIVE.sub(lambda m: f'{m.group(1)}="{root}/', html)


_RELATIVE = re.compile(r'\b(href|src)="/(?!/)')


def _http_url(url: str | None) -> str:
    """``url`` if it is an absolute http(s) address, else "" (as the schema says). The blocks
    refuse any other kind, but a translation's override of a link or an embed is stored
    without their validation."""
    return url.strip() if is_http_url(url) and safe_url(url) else ""


def _link_url(value, out: Output) -> tuple[str, str]:
    if value.get("page"):
        page = linked_page(value["page"], out.locale.pk)
        return page.specific_deferred.get_full_url(out.request) or "", "page"
    if value.get("document"):
        return out.site_root + value["document"].url, "document"
    return _http_url(value.get("url")), "external"


def body(stream, out: Output) -> list[dict]:
    """The StreamField body as typed blocks (see the schemas)."""
    root = out.site_root
    blocks = []
    for child in stream:
        kind, value = child.block_type, child.value
        block = {"type": kind, "id": child.id}
        if kind == "paragraph":
            block["html"] = _absolute(rich_text_html(value.source), root)
        elif kind == "heading":
            block.update(text=value["text"], level=value["level"])
        elif kind == "callout":
            block.update(
                tone=value["tone"],
                title=value["title"],
                html=_absolute(rich_text_html(value["text"].source), root),
            )
        elif kind == "image":
            rendition = value["image"].get_rendition("width-960")
            block.update(
                image={
                    "url": root + rendition.url if rendition.url.startswith("/") else rendition.url,
                    "width": rendition.width,
                    "height": rendition.height,
                },
                alt="" if value["decorative"] else value["alt_text"],
                decorative=bool(value["decorative"]),
                caption=value["caption"],
            )
        elif kind == "links":
            links = []
            for link in value["links"]:
                url, link_kind = _link_url(link, out)
                links.append({"title": link["title"], "url": url, "kind": link_kind})
            block.update(heading=value["heading"], links=links)
        elif kind == "call_to_action":
            block.update(text=value["text"], url=_link_url(value, out)[0])
        elif kind == "embed":
            block["url"] = _http_url(value.url if value else "")
            if not block["url"]:
                continue
        blocks.append(block)
    return blocks


def announcements(pages, out: Output, *, with_body: bool = False) -> list[dict]:
    """Announcements with their organisers, consultation and meetings, in bulk."""
    pages = list(pages)
    ids = [page.pk for page in pages]
    links = list(
        AnnouncementOrganizer.objects.filter(page_id__in=ids)
        .select_related("organizer")
        .order_by("page_id", "sort_order", "pk")
    )
    organizers = dict(
        zip(
            [link.pk for link in links],
            selectors.in_locale([link.organizer for link in links], locale=out.locale),
            strict=True,
        )
    )
    consultations = selectors.consultations_of(pages, locale=out.locale)
    meetings_by_page: dict[int, list] = {}
    for item in meetings(
        selectors.public_meetings(locale=out.locale)
        .filter(page_id__in=ids)
        .order_by("start", "pk"),
        out,
    ):
        meetings_by_page.setdefault(item["announcement"]["id"], []).append(item)
    translations = selectors.announcement_translations(pages, locale=out.locale)
    organizer_translations = selectors.snippet_translations(
        {o.pk: o for o in organizers.values()}.values(), locale=out.locale
    )
    result = []
    for page in pages:
        result.append(
            _announcement(
                page,
                out,
                organizers=[organizers[link.pk] for link in links if link.page_id == page.pk],
                organizer_translations=organizer_translations,
                consultation=consultations.get(page.pk),
                meetings=meetings_by_page.get(page.pk, []),
                translations=translations.get(page.translation_key, []),
                with_body=with_body,
            )
        )
    return result


def _announcement(
    page,
    out: Output,
    *,
    organizers,
    organizer_translations,
    consultation,
    meetings,
    translations,
    with_body,
):
    api_root = out.api_root
    item = {
        "id": page.pk,
        "locale": out.locale.language_code,
        "translation_key": page.translation_key,
        "title": page.title,
        "slug": page.slug,
        "lead": page.lead,
        "publication_date": page.published_on(),
        "first_published_at": _local(page.first_published_at),
        "last_published_at": _local(page.last_published_at),
        "html_url": page.get_full_url(out.request) or "",
        "consultation": consultation_data(consultation, out) if consultation else None,
        "organizers": [
            organizer(o, out, organizer_translations.get(o.translation_key, [])) for o in organizers
        ],
        "meetings": meetings,
        "translations": [
            {"locale": code, "id": pk, "api_url": f"{api_root}announcements/{pk}/?locale={code}"}
            for code, pk in translations
        ],
    }
    if with_body:
        item["body"] = body(page.body, out)
    return item


def preview_announcement(page, out: Output) -> dict:
    """A draft as the editor previews it: its meetings and organisers are in memory."""
    linked = selectors.organizers_of(page, locale=out.locale)
    return _announcement(
        page,
        out,
        organizers=linked,
        organizer_translations=selectors.snippet_translations(linked, locale=out.locale),
        consultation=selectors.consultation_of(page, locale=out.locale),
        meetings=meetings(list(selectors.meetings_of(page)), out),
        translations=[],
        with_body=True,
    )


def spheres(spheres, out: Output) -> list[dict]:
    """Spheres in legal order, each with its upcoming meetings and translations."""
    request, language = out.request, out.locale
    upcoming = selectors.public_meetings(locale=language, upcoming=True).prefetch_related(None)
    counts = dict(
        Meeting.spheres.through.objects.filter(meeting__in=upcoming.values("pk"))
        .values_list("sphere__translation_key")
        .annotate(n=Count("meeting_id", distinct=True))
    )
    schedule = selectors.schedule_page(locale=language)
    root = schedule.get_full_url(request) if schedule else None
    spheres = list(spheres.order_by("sort_order"))
    api_root = out.api_root
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


def places(objects, out: Output, serialize) -> list[dict]:
    """Venues or organisers (``serialize``: ``venue`` or ``organizer``) with links to their
    translations, in two queries."""
    objects = list(objects)
    translations = selectors.snippet_translations(objects, locale=out.locale)
    return [serialize(o, out, translations.get(o.translation_key, [])) for o in objects]


def json_response(data, status: int = 200) -> HttpResponse:
    """``data`` as the API's JSON, already in the shape of its schema.

    Lists of many items skip django-ninja's validation of the output against the schema (a
    third of their time); the tests check that what they return is what the schema would have
    made of it (``tests/test_shared_cache.py``), and Schemathesis every response against the
    OpenAPI document (``tests/test_api_schema.py``).
    """
    return HttpResponse(
        orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS),
        status=status,
        content_type="application/json; charset=utf-8",
    )
