"""Site-wide views: search, sitemap.xml and robots.txt."""

from collections import defaultdict
from urllib.parse import urljoin

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Site

from meetings import selectors
from meetings.chrome import alternate_links
from meetings.conf import plugin_settings
from meetings.models import SchedulePage, Sphere

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 20
MAX_RESULTS = 200
MAX_MEETINGS = 100


@require_GET
def search(request):
    """Announcements, meetings (upcoming and past) and spheres, by words in any form."""
    locale = Locale.get_active()
    query, error = _search_text(request)
    context = {
        "query": query,
        "error": error,
        "announcements": [],
        "meetings": [],
        "page_obj": None,
        "schedule": selectors.schedule_page(locale=locale),
        "translations": [
            (other, _localized_url(other, "search"))
            for other in Locale.objects.exclude(pk=locale.pk)
        ],
    }
    context["language_links"] = context["translations"]
    # Results pages are not for search engines' indexes; the schedule and spheres are.
    others = [other for other, _url in context["translations"]]
    context.update(_view_alternates(request, "search", locale, others), noindex=True)
    if error:
        return render(request, "home/search.html", context, status=400)
    if query:
        results = selectors.search(query=query, locale=locale, limit=MAX_RESULTS)
        try:
            context["page_obj"] = Paginator(results.announcements, RESULTS_PER_PAGE).page(
                request.GET.get("page", 1)
            )
        except (EmptyPage, PageNotAnInteger):
            context["error"] = _("There is no such page of results.")
            return render(request, "home/search.html", context, status=404)
        context.update(
            announcements=context["page_obj"].object_list,
            meetings=results.meetings[:MAX_MEETINGS],
            meeting_count=len(results.meetings),
            spheres=results.spheres,
            suggested_spheres=results.suggested_spheres,
        )
    return render(request, "home/search.html", context)


def _search_text(request) -> tuple[str, str | None]:
    """The search text, and why it cannot be searched for (None when it can). PostgreSQL text
    cannot hold NUL, and SQLite's full-text index takes it for the end of the query; text
    with one comes back without it, for the search box."""
    query = request.GET.get("q", "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        return query, _("The search text is too long: use at most %(max)d characters.") % {
            "max": MAX_QUERY_LENGTH
        }
    if "\x00" in query:
        return query.replace("\x00", ""), _(
            "This text contains invisible control characters (such as NUL); remove them."
        )
    return query, None


def _localized_url(locale, name: str) -> str:
    with translation.override(locale.language_code):
        return reverse(name)


def _view_alternates(request, name: str, locale, others) -> dict:
    """A site view's addresses in its language and ``others``, absolute, for search engines."""
    root = (Site.find_for_request(request) or Site.objects.get(is_default_site=True)).root_url
    return alternate_links(
        locale,
        root + _localized_url(locale, name),
        [(other, root + _localized_url(other, name)) for other in others],
    )


@require_GET
def sitemap(request):
    """Every public page in every language, each with its translations as alternates."""
    pages = list(selectors.public_pages(locale=None).filter(depth__gt=1).select_related("locale"))
    by_key = defaultdict(list)
    entries = []
    for page in pages:
        url = page.get_full_url(request)
        if url is None:
            continue
        entry = {
            "location": url,
            "lastmod": page.last_published_at,
            "language": page.locale.language_code,
            "key": page.translation_key,
        }
        by_key[page.translation_key].append(entry)
        entries.append(entry)
    schedules = list(
        SchedulePage.objects.filter(pk__in=[page.pk for page in pages]).select_related("locale")
    )
    spheres = defaultdict(list)
    for sphere in Sphere.objects.filter(locale__in=[s.locale_id for s in schedules]):
        spheres[sphere.locale_id].append(sphere)
    for schedule in schedules:
        _add_sphere_pages(request, schedule, spheres[schedule.locale_id], entries, by_key)
    for entry in entries:
        versions = sorted(by_key[entry["key"]], key=lambda version: version["language"])
        entry["alternates"] = versions if len(versions) > 1 else []
        default = next((v for v in versions if v["language"] == settings.LANGUAGE_CODE), None)
        entry["x_default"] = default["location"] if default and entry["alternates"] else ""
    response = render(
        request,
        "home/sitemap.xml",
        {"entries": entries},
        content_type="application/xml; charset=utf-8",
    )
    return response


def _add_sphere_pages(request, schedule, spheres, entries: list, by_key: dict) -> None:
    """Each sphere's page of ``schedule``, paired across languages by the sphere."""
    root = schedule.get_full_url(request)
    for sphere in spheres:
        entry = {
            "location": urljoin(root, schedule.sphere_url(sphere)),
            "lastmod": None,
            "language": schedule.locale.language_code,
            "key": (schedule.translation_key, sphere.translation_key),
        }
        by_key[entry["key"]].append(entry)
        entries.append(entry)


@require_GET
def robots(request):
    site = Site.objects.get(is_default_site=True)
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        f"Sitemap: {site.root_url}/sitemap.xml",
    ]
    if getattr(settings, "ROBOTS_DISALLOW_ALL", False):
        lines.insert(1, "Disallow: /")
    return render(
        request, "home/robots.txt", {"lines": lines}, content_type="text/plain; charset=utf-8"
    )


@require_GET
def widget_demo(request):
    """The embeddable widget on a page of its own, with the code a portal page needs."""
    locale = Locale.get_active()
    schedule = selectors.schedule_page(locale=locale)
    root_url = Site.objects.get(is_default_site=True).root_url
    context = {
        "schedule": schedule,
        "schedule_url": schedule.get_full_url(request) if schedule else "/",
        "script_url": root_url + static("meetings/widget.js"),
        "api_prefix": plugin_settings.API_PREFIX,
        "api_url": root_url + plugin_settings.API_PREFIX,
        "sphere": "kultura-sztuka-dziedzictwo",
        "language_code": locale.language_code,
        "translations": [
            (other, _localized_url(other, "widget_demo"))
            for other in Locale.objects.exclude(pk=locale.pk)
        ],
    }
    context["language_links"] = context["translations"]
    others = [other for other, _url in context["translations"]]
    context.update(_view_alternates(request, "widget_demo", locale, others))
    return render(request, "home/widget_demo.html", context)
