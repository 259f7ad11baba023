from django.utils.functional import SimpleLazyObject
from wagtail.models import Locale, Site

from home.models import AccessibilityStatementPage, HomePage
from meetings.models import AnnouncementIndexPage, SchedulePage

PORTAL_SECTIONS = {
    AnnouncementIndexPage: "announcements",
    SchedulePage: "schedule",
    AccessibilityStatementPage: "accessibility",
}


def _portal_links(request) -> dict:
    """Home, announcements, schedule and accessibility statement in the active language."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    root = site.root_page
    home = (
        HomePage.objects.filter(
            translation_key=root.translation_key, locale=Locale.get_active()
        ).first()
        or root.specific
    )
    # Contacts are the same in every language: a translation of the home page that has none
    # yet (made before the footer existed) shows the source page's, marked as its language.
    has_footer = home.organiser_name or home.contact_email or home.organiser_address
    footer = home if has_footer or home.pk == root.pk else root.specific
    links = {"home": home, "footer": footer}
    if footer.locale_id != home.locale_id:
        links["footer_language"] = footer.locale.language_code
    for child in home.get_children().live().public().specific():
        section = PORTAL_SECTIONS.get(type(child))
        if section:
            links.setdefault(section, child)
    return links


def portal(request):
    """Links of the portal's navigation and footer, looked up only if a template uses them."""
    return {"portal": SimpleLazyObject(lambda: _portal_links(request))}
