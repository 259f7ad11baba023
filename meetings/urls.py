"""Files that pages serve through their routes (``feed.ics``, ``rss.xml``, ``<meeting>.ics``).

Wagtail serves only paths of slugs ending in a slash; this hands ``…/name.ext`` to the page
at ``…/`` as its route ``name.ext/``.
"""

from django.urls import re_path
from wagtail import views as wagtail_views

FILE_PATTERN = r"^(?P<path>(?:[\w\-]+/)*)(?P<filename>[\w\-]+\.(?:ics|xml))$"


def serve_page_file(request, path, filename):
    return wagtail_views.serve(request, f"{path}{filename}/")


urlpatterns = [re_path(FILE_PATTERN, serve_page_file, name="meetings_page_file")]


def page_url(page, request=None, *, full: bool = False) -> str:
    """``page.get_url(request)`` (``get_full_url`` when ``full``), worked out once per page
    object and request: a list links to the same page many times (each meeting of an
    announcement, each sphere's page in the schedule), and Wagtail's own works it out again
    every time, from the sites' root paths."""
    kept = page.__dict__.setdefault("_meetings_urls", {})
    key = (id(request), full, page.url_path)  # a page moved or renamed has another
    if key not in kept or kept[key][0] is not request:
        kept[key] = (request, page.get_full_url(request) if full else page.get_url(request))
    return kept[key][1]


def page_file_url(page, route_name: str, *, full: bool = False, request=None, **kwargs) -> str:
    """The public address of a page's file route, without the route's trailing slash."""
    base = page_url(page, request, full=full)
    return base + page.reverse_subpage(route_name, kwargs=kwargs or None).rstrip("/")
