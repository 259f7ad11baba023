from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Locale, Site

from home.models import AccessibilityStatementPage, HomePage
from meetings.chrome import Link
from meetings.models import AnnouncementIndexPage, SchedulePage
from meetings.publication import kept_per_version

PORTAL_SECTIONS = {
    AnnouncementIndexPage: "announcements",
    SchedulePage: "schedule",
    AccessibilityStatementPage: "accessibility",
}
FOOTER_FIELDS = ("organiser_name", "organiser_address", "contact_email", "contact_phone", "bip_url")


def _portal_links(request) -> dict:
    """Home, announcements, schedule and accessibility statement in the active language (as
    ``meetings.chrome.Link``), the footer's contacts and privacy notice: kept per publication
    version."""
    # The host (with its port) names the site: no query for it once the links are kept.
    key = ("portal", request.scheme, request.get_host(), get_language())
    return kept_per_version(request, key, lambda: _find_portal_links(request))


def _find_portal_links(request) -> dict:
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
    links = {
        "home": Link.to(home, request),
        "footer": {name: getattr(footer, name, "") for name in FOOTER_FIELDS},
    }
    if footer.locale_id != home.locale_id:
        links["footer_language"] = footer.locale.language_code
    privacy = footer.privacy_page.localized if getattr(footer, "privacy_page", None) else None
    if privacy and privacy.live:
        links["privacy"] = Link.to(privacy, request)
    for child in home.get_children().live().public().type(*PORTAL_SECTIONS).specific():
        section = PORTAL_SECTIONS.get(type(child))
        if section and section not in links:
            links[section] = Link.to(child, request)
    return links


def portal(request):
    """Links of the portal's navigation and footer, looked up only if a template uses them."""
    return {"portal": SimpleLazyObject(lambda: _portal_links(request))}
