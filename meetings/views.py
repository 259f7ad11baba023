"""Views behind the routable pages: the schedule, a sphere's page and the calendar feeds."""

from datetime import timedelta
from itertools import groupby
from urllib.parse import urljoin

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from meetings import ical, publication, selectors
from meetings.chrome import alternate_links
from meetings.formatting import format_date, format_month
from meetings.forms import MeetingFilterForm, MeetingFilters
from meetings.middleware import feed_validators
from meetings.models import Meeting, Sphere
from meetings.spheres import name_html
from meetings.urls import page_file_url, page_url

PAST_PER_PAGE = 20
PAST_PARAMETER = "page"
UPCOMING_PER_PAGE = 50
UPCOMING_PARAMETER = "upcoming"
# The newest announcements a sphere's page lists; older ones are linked from its archive.
SPHERE_ANNOUNCEMENTS = 20
FEED_DAYS_BACK = 90
# Meetings per query of a feed; a longer feed is streamed.
FEED_CHUNK = 200
MAX_QUERY_LENGTH = 2000


def _too_long(request) -> bool:
    return len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH


def group_by_month(meetings):
    """[(month heading, [meetings])], in the order given."""
    return [
        (format_month(month), list(items))
        for month, items in groupby(
            meetings, key=lambda m: timezone.localtime(m.start).date().replace(day=1)
        )
    ]


class CountedPaginator(Paginator):
    """A paginator told how many items there are, counted beforehand."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count


def paginate(request, meetings, parameter: str, per_page: int, missing: str, *, count: int):
    """The requested page of ``meetings`` (``count`` of them), or None and an error message for
    a page that does not exist; ``missing`` says so, with the number of pages as ``%(count)d``.
    """
    paginator = CountedPaginator(meetings, per_page, count=count)
    number = request.GET.get(parameter, "1")
    try:
        return paginator.page(number), None
    except PageNotAnInteger:
        return paginator.page(1), _("The page number must be a whole number.")
    except EmptyPage:
        return None, missing % {"count": paginator.num_pages}


def meeting_listing(request, page, filters: MeetingFilters) -> dict:
    """A page of upcoming meetings by month and a page of the archive, for the schedule's
    templates: however long the schedule, a page shows at most UPCOMING_PER_PAGE meetings."""
    meetings = selectors.filter_meetings(selectors.public_meetings(locale=page.locale), filters)
    split = selectors.start_of_local_day()
    # Both lists counted in one pass over the matching meetings.
    counts = meetings.aggregate(
        upcoming=Count("pk", filter=Q(start__gte=split)),
        past=Count("pk", filter=Q(start__lt=split)),
    )
    upcoming_page, upcoming_error = paginate(
        request,
        meetings.filter(start__gte=split).order_by("start", "pk"),
        UPCOMING_PARAMETER,
        UPCOMING_PER_PAGE,
        _("There is no such page of upcoming meetings; there are %(count)d."),
        count=counts["upcoming"],
    )
    past_page, past_error = paginate(
        request,
        meetings.filter(start__lt=split).order_by("-start", "-pk"),
        PAST_PARAMETER,
        PAST_PER_PAGE,
        _("There is no such page of past meetings; the archive has %(count)d."),
        count=counts["past"],
    )
    # Both pages' meetings read together, by start; then each list in its own order.
    pages = [found for found in (upcoming_page, past_page) if found is not None]
    shown = (
        selectors.with_localized_relations(
            selectors.slices_with_relations(
                *(found.object_list for found in pages), order=("start", "pk")
            ),
            locale=page.locale,
        )
        if pages
        else []
    )
    return {
        "meetings": meetings,
        "upcoming_by_month": group_by_month(m for m in shown if m.start >= split),
        "upcoming_page": upcoming_page,
        "upcoming_count": counts["upcoming"] if upcoming_page is not None else 0,
        "past_meetings": [m for m in reversed(shown) if m.start < split],
        "past_page": past_page,
        "past_count": counts["past"] if past_page is not None else 0,
        "errors": [error for error in (upcoming_error, past_error) if error],
        "schedule": page,
    }


def schedule(request, page):
    if any("" in values for _name, values in request.GET.lists()):
        # A form sent without JavaScript names every field, empty or not: the same filter
        # gets one address, without the empty ones.
        kept = request.GET.copy()
        for name in list(kept):
            values = [value for value in kept.getlist(name) if value != ""]
            if values:
                kept.setlist(name, values)
            else:
                del kept[name]
        query = kept.urlencode()
        return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
    if _too_long(request):
        form = MeetingFilterForm(None, locale=page.locale)
        filters, errors = MeetingFilters(), [_("The address is too long to be a filter.")]
    else:
        form = MeetingFilterForm(request.GET or None, locale=page.locale)
        filters = form.filters()
        errors = form.labelled_errors()
    listing = meeting_listing(request, page, filters)
    query = request.GET.copy()
    query.pop(PAST_PARAMETER, None)
    query.pop(UPCOMING_PARAMETER, None)
    context = page.get_context(request)
    context.update(
        listing,
        form=form,
        filters=filters,
        filter_words=form.describe(filters) if filters else [],
        errors=errors + listing["errors"],
        filter_query=query.urlencode(),
        chips=_filter_chips(request, form, filters, query),
        sphere_groups=form.sphere_groups(),
        **feed_urls(page, query.urlencode() if filters else ""),
    )
    return TemplateResponse(request, "meetings/schedule_page.html", context)


def _filter_chips(request, form, filters, query) -> list[tuple[str, str]]:
    """The filters in use as (label, address of the schedule without it), to show as chips
    that remove one filter each."""

    def without(name: str, value: str | None = None) -> str:
        kept = query.copy()
        if value is None:
            kept.pop(name, None)
        else:
            kept.setlist(name, [v for v in kept.getlist(name) if v != value])
        encoded = kept.urlencode()
        return request.path + (f"?{encoded}" if encoded else "")

    if not filters:
        return []
    language = form.locale.language_code
    chips = [
        (name_html(sphere, language), without("sphere", sphere.slug)) for sphere in filters.spheres
    ]
    month = form.cleaned_data.get("month") if "month" not in form.errors else None
    if month and filters.date_from:
        chips.append((format_month(filters.date_from), without("month")))
    else:
        if filters.date_from:
            chips.append(
                (_("from %(date)s") % {"date": format_date(filters.date_from, weekday=False)},
                 without("from"))
            )  # fmt: skip
        if filters.date_to:
            chips.append(
                (_("to %(date)s") % {"date": format_date(filters.date_to, weekday=False)},
                 without("to"))
            )  # fmt: skip
    if filters.venue:
        chips.append((str(filters.venue), without("venue")))
    if filters.attendance_mode:
        chips.append((Meeting.AttendanceMode(filters.attendance_mode).label, without("mode")))
    if filters.status:
        chips.append((Meeting.Status(filters.status).label, without("status")))
    return chips


def sphere(request, page, slug):
    sphere = get_object_or_404(Sphere, locale=page.locale, slug=slug)
    listing = meeting_listing(request, page, MeetingFilters(spheres=[sphere]))
    announcements = selectors.newest_first(
        selectors.public_announcements(locale=page.locale)
        .filter(pk__in=listing["meetings"].values("page_id"))
        .defer_streamfields()
    )
    context = page.get_context(request)
    context.update(
        listing,
        sphere=sphere,
        announcements=announcements[:SPHERE_ANNOUNCEMENTS],
        announcement_count=announcements.count(),
        **feed_urls(page, f"sphere={sphere.slug}"),
    )
    # The trail ends with the schedule the sphere's page belongs to.
    context["breadcrumbs"] = [*context["breadcrumbs"], page]
    # Found once per publication version: what the other languages have of the sphere and
    # of the schedule, three queries each, changes only with a publication.
    key = ("sphere-translations", page.pk, sphere.pk, request.scheme, request.get_host())
    links, versions = publication.kept_per_version(
        request,
        key,
        lambda: _sphere_translations(request, page, sphere, context["translations"]),
    )
    context["translations"] = context["language_links"] = links
    # The sphere's page is a page of its own for search engines, not the schedule.
    context.update(alternate_links(page.locale, _sphere_full_url(page, sphere), versions))
    return TemplateResponse(request, "meetings/sphere_page.html", context)


def _sphere_full_url(schedule, sphere) -> str:
    return urljoin(schedule.get_full_url(), schedule.sphere_url(sphere))


def _sphere_translations(request, page, sphere, schedule_translations):
    """The language switcher of a sphere's page links to the same sphere in the other language
    (or to the schedule, where the sphere has no translation); and the sphere's pages in other
    languages, with absolute addresses, for its alternates."""
    links, versions = [], []
    for locale, schedule_url in schedule_translations:
        translated = sphere.get_translation_or_none(locale)
        schedule_page = page.get_translation_or_none(locale)
        if translated and schedule_page:
            schedule_page = schedule_page.specific
            links.append((locale, schedule_page.sphere_url(translated, request)))
            versions.append((locale, _sphere_full_url(schedule_page, translated)))
        else:
            links.append((locale, schedule_url))
    return links, versions


def feed_urls(page, query: str) -> dict:
    """The feed's address for downloading, and as webcal:// for subscribing, on the site's host."""
    url = page_file_url(page, "feed", full=True) + (f"?{query}" if query else "")
    return {
        "feed_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1],
        "feed_days_back": FEED_DAYS_BACK,
    }


@feed_validators
def schedule_feed(request, page):
    """All upcoming and recent meetings, with the schedule's filters, as iCalendar."""
    if _too_long(request):
        return HttpResponse(_("The address is too long to be a filter."), status=400)
    form = MeetingFilterForm(request.GET or None, locale=page.locale)
    filters = form.filters()
    if form.is_bound and form.errors:
        message = "; ".join(
            f"{name}: {' '.join(errs)}" for name, errs in form.parameter_errors().items()
        )
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    since = selectors.start_of_local_day() - timedelta(days=FEED_DAYS_BACK)
    meetings = selectors.filter_meetings(
        selectors.public_meetings(locale=page.locale).filter(start__gte=since), filters
    ).order_by("start", "pk")
    name = ical.calendar_name(page.title)
    with translation.override(page.locale.language_code):
        filename = pgettext("name of the calendar file, lower-case ASCII", "schedule") + ".ics"
    rows = list(meetings.values_list("pk", "start")[: FEED_CHUNK + 1])
    streamed = len(rows) > FEED_CHUNK
    if streamed:
        last = meetings.aggregate(last=Max("start"))["last"]
    else:
        last = rows[-1][1] if rows else None
    stream = ical.stream_calendar(
        _event_chunks(request, page, meetings, rows[:FEED_CHUNK]),
        name=name,
        first=rows[0][1] if rows else None,
        last=last,
    )
    if not streamed:
        return calendar_response(b"".join(stream), filename)
    # A long feed goes out a chunk at a time, so that memory does not grow with the archive.
    return calendar_response(_in_language(stream, translation.get_language()), filename)


def _event_chunks(request, page, meetings, rows: list):
    """The VEVENTs of ``meetings`` (ordered by start and id), FEED_CHUNK at a time, from
    ``rows`` ([(id, start)] of the first chunk) on: each next chunk starts after the last
    meeting of the one before."""
    while rows:
        yield _events(request, page, [pk for pk, _start in rows])
        if len(rows) < FEED_CHUNK:
            return
        last_pk, last_start = rows[-1]
        rows = list(
            meetings.filter(
                Q(start__gt=last_start) | Q(start=last_start, pk__gt=last_pk)
            ).values_list("pk", "start")[:FEED_CHUNK]
        )


def _events(request, page, ids: list[int]) -> bytes:
    """The VEVENTs of the public meetings ``ids``, in that order, each rendered once per
    publication version (``meetings.publication.kept_renders``)."""

    def render(missing: list[int]) -> dict[int, bytes]:
        # These ids have just passed the visibility rule, in this request.
        by_id = selectors.with_relations(Meeting.objects.all()).in_bulk(missing)
        return {
            meeting.pk: ical.meeting_event(meeting, url=meeting_url(meeting, request))
            for meeting in selectors.with_positions(
                selectors.with_localized_relations(
                    [by_id[pk] for pk in missing if pk in by_id], locale=page.locale
                )
            )
        }

    events = publication.kept_renders(request, "ics-event", ids, render)
    return b"".join(events[pk] for pk in ids if pk in events)


def _in_language(stream, language: str):
    """A stream is read after the view has returned: in the language of its request."""
    with translation.override(language):
        yield from stream


@feed_validators
def meeting_ics(request, page, key):
    """One meeting as iCalendar, to add it to a calendar."""
    meeting = (
        selectors.public_meetings(locale=page.locale).filter(page=page, translation_key=key).first()
    )
    if meeting is None:
        raise Http404
    (meeting,) = selectors.with_positions(
        selectors.with_localized_relations([meeting], locale=page.locale)
    )
    document = ical.calendar_file(
        [meeting],
        name=ical.calendar_name(page.title),
        url_for=lambda m: meeting_url(m, request),
    )
    return calendar_response(document, f"spotkanie-{meeting.start:%Y-%m-%d}.ics", inline=False)


def meeting_url(meeting, request=None) -> str:
    """The meeting on its announcement page, with the site's configured address."""
    return f"{page_url(meeting.page, request, full=True)}#{meeting.anchor}"


def calendar_response(body, filename: str, *, inline: bool = True) -> HttpResponse:
    """``body``: the calendar's bytes, or an iterator of them to stream."""
    response_class = HttpResponse if isinstance(body, bytes) else StreamingHttpResponse
    response = response_class(body, content_type="text/calendar; charset=utf-8")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
