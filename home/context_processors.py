from django.utils.functional import SimpleLazyObject
from wagtail.models import Locale, Site


def _portal_links(request) -> dict:
    """Home, announcements, schedule and accessibility statement in the active language."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    locale = Locale.get_active()
    home = site.root_page.get_translation_or_none(locale) or site.root_page
    links = {"home": home}
    children = home.get_children().live().public().specific()
    for child in children:
        kind = type(child).__name__
        if kind == "AnnouncementIndexPage":
            links["announcements"] = child
        elif kind == "SchedulePage":
            links["schedule"] = child
        elif kind == "AccessibilityStatementPage":
            links["accessibility"] = child
    return links


def portal(request):
    return {"portal": SimpleLazyObject(lambda: _portal_links(request))}
