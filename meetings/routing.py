"""Wagtail's routing, kept per publication version: ``KeptRoutesMiddleware``.

To serve a path, Wagtail finds the site for the request, then walks the tree from the site's
root page in the request's language, one query for each slug and one for each page's specific
type: about half the time of a plain page's render. Which page a path leads to changes only
when something public changes (publishing, unpublishing, moving a page, editing a site), and
each of those bumps the publication version (``meetings.publication``).

So the first request of a version in each process routes as Wagtail does, and the page it
found (its id, type and the rest of the path, for a routable page's own routes) is kept
(``publication.kept_per_version``). The next requests read that page by its id, in one query,
and let the page route the rest of the path itself, as Wagtail's walk would have ended: a page
that is no longer live is still not found, and what runs after routing (the view
restrictions, the page's ``serve``) runs as before.

The same query asks whether the page or one of its ancestors has a view restriction or is an
alias, as it stands now (not as it stood when the route was kept). Where none has, Wagtail's
view-restriction check would find nothing, and the page tells it so without its two queries;
otherwise the check asks the database as always.

Only a walk that Wagtail's own routing did is kept: a page below one with a ``route`` of its
own (which may route by more than the path) is routed by Wagtail every time. A path that leads
to no page is not kept, and routes are kept apart from the layouts' values (``ROUTES``), so
that a crawler's many paths never push those out. Without a shared cache nothing is kept
(``kept_per_version`` could not tell the versions apart).
"""

import copy

from django.apps import apps
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site

from meetings.publication import KeptHere, kept_per_version, shared_cache
from meetings.urls import serve_page_file

# Wagtail keeps a request's route here, and routes again only without it (see
# ``Page.route_for_request``), and its site here (``Site.find_for_request``).
ROUTE_ATTRIBUTE = "_wagtail_route_for_request"
SITE_ATTRIBUTE = "_wagtail_site"
WALKED_ROUTES = (Page.route, RoutablePageMixin.route)
# Routes have a store of their own: one per path asked for (each meeting's .ics among them).
ROUTES = KeptHere(8192)


def served_path(view_func, args, kwargs) -> str | None:
    """The path that ``view_func`` hands to Wagtail's routing, or None for another view."""
    if view_func is wagtail_views.serve:
        return kwargs.get("path", args[0] if args else None)
    if view_func is serve_page_file:
        values = dict(zip(("path", "filename"), args, strict=False)) | kwargs
        return f"{values['path']}{values['filename']}/"
    return None


def walked_page(request, path: str) -> tuple | None:
    """Wagtail's route for ``path`` as plain data: (page id, model label, the path's parts
    below the page, the page's place in the tree); ``()`` where a page on the way routes in
    its own way, None where there is no page."""
    result = Page.route_for_request(request, path)
    if result is None:
        return None
    page = result[0]
    root = Site.find_for_request(request).root_page.localized
    walked = page.get_ancestors().filter(depth__gte=root.depth)
    if any(ancestor.specific_class.route not in WALKED_ROUTES for ancestor in walked):
        return ()
    parts = [part for part in path.split("/") if part]
    return page.pk, page._meta.label, tuple(parts[page.depth - root.depth :]), page.path


def kept_page(label: str, pk: int, path: str):
    """The page of a kept route, read by id, with ``kept_route_checked``: False when neither
    it nor an ancestor (the pages whose paths begin its kept ``path``) has a view restriction
    or is an alias (whose restrictions are its source's), so that Wagtail's view-restriction
    check would find none. The check is a fragment of SQL: as a subquery built by the ORM it
    would cost more to compile than the two queries it saves."""
    ancestry = [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
    quote = connection.ops.quote_name
    pages, restrictions = quote(Page._meta.db_table), quote(PageViewRestriction._meta.db_table)
    # Only the models' own table names and placeholders go into the text; the paths are
    # parameters.
    checked = RawSQL(  # noqa: S611
        f"EXISTS (SELECT 1 FROM {pages} AS ancestor "  # noqa: S608
        f"LEFT JOIN {restrictions} AS restriction ON restriction.page_id = ancestor.id "
        f"WHERE ancestor.path IN ({', '.join(['%s'] * len(ancestry))}) "
        "AND (ancestor.alias_of_id IS NOT NULL OR restriction.id IS NOT NULL))",
        ancestry,
        output_field=BooleanField(),
    )
    model = apps.get_model(label)
    return model._default_manager.filter(pk=pk).annotate(kept_route_checked=checked).first()


def kept_site(request):
    """The request's site (``Site.find_for_request``), found once per publication version
    (editing a site bumps it): a kept route gives it to the request as Wagtail's walk would
    have on the way, and pages' links and the API's addresses ask for it, in a query each time
    otherwise. The request keeps a copy of its own, where Wagtail keeps the one it finds."""
    if not hasattr(request, SITE_ATTRIBUTE):
        key = ("site", request.get_host(), request.get_port())
        site = kept_per_version(request, key, lambda: Site.find_for_request(request))
        setattr(request, SITE_ATTRIBUTE, copy.copy(site))
    return getattr(request, SITE_ATTRIBUTE)


class KeptRoutesMiddleware:
    """Serves Wagtail's pages with their route kept per publication version (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        path = served_path(view_func, view_args, view_kwargs)
        if path is None or request.method not in ("GET", "HEAD") or not shared_cache():
            return None
        if hasattr(request, ROUTE_ATTRIBUTE):
            return None
        key = ("route", request.get_host(), request.get_port(), translation.get_language(), path)
        kept = kept_per_version(
            request,
            key,
            lambda: walked_page(request, path),
            store=ROUTES,
            keep=lambda found: found is not None,  # paths that lead nowhere are not kept
        )
        if not kept or hasattr(request, ROUTE_ATTRIBUTE):  # walked every time, or just now
            return None
        pk, label, rest, path = kept
        kept_site(request)
        page = kept_page(label, pk, path)
        if page is None:
            return None
        if not page.kept_route_checked and page.path == path:
            # Nothing to check (see above): Wagtail's check is told so without asking again.
            page.get_view_restrictions = PageViewRestriction.objects.none
        try:
            setattr(request, ROUTE_ATTRIBUTE, page.route(request, list(rest)))
        except Http404:
            setattr(request, ROUTE_ATTRIBUTE, None)
        return None
