"""What every public page's layout shows around its content: its languages (the switcher, the
hreflang alternates, the canonical address) and its breadcrumb trail.

Only a publication changes them, so they are computed once per publication version in each
process (``publication.kept_per_version``) as plain data, not once per request.
"""

import copy
from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Locale, Page, Site

from meetings.publication import kept_per_version
from meetings.visibility import public_pages


@dataclass(frozen=True)
class Link:
    """A page as a layout links to it: ``{{ link.url }}``, ``{{ link.title }}``."""

    pk: int
    title: str
    url: str

    @classmethod
    def to(cls, page: Page, request) -> "Link":
        return cls(page.pk, page.title, page.get_url(request=request))


def alternate_links(own_locale, own_url: str, others) -> dict:
    """What search engines read of a page's languages (``others``: [(locale, absolute URL)]
    of its public translations): its canonical address, its hreflang alternates with its own
    language among them, sorted, and the x-default, the source language's version (else its
    own). Every address is absolute."""
    alternates = sorted(
        {(locale.language_code, url) for locale, url in [(own_locale, own_url), *others]}
    )
    default = next((url for code, url in alternates if code == settings.LANGUAGE_CODE), own_url)
    return {"canonical_url": own_url, "alternates": alternates, "x_default": default}


def keep_locale(page: Page, request) -> None:
    """Give a page being served its locale from the locales kept per publication version
    (saving a locale changes the version), so that it is not read in a query of its own. Each
    page gets a copy: what a request attaches to it stays in that request."""
    if request is None or getattr(request, "is_preview", False) or Page.locale.is_cached(page):
        return
    locales = kept_per_version(
        request, ("locales",), lambda: {o.pk: o for o in Locale.objects.all()}
    )
    if page.locale_id in locales:
        page.locale = copy.copy(locales[page.locale_id])


def page_chrome(page: Page, request) -> dict:
    """The context of ``page``'s layout: ``translations`` and ``language_links`` as
    [(locale, URL)], ``canonical_url``, ``alternates``, ``x_default`` and ``breadcrumbs``
    ([Link]). A preview's page may be unsaved or differ from the live one: it is computed."""
    if request is None or page.pk is None or getattr(request, "is_preview", False):
        return _page_chrome(page, request)
    key = ("chrome", page.pk, request.scheme, request.get_host())
    return kept_per_version(request, key, lambda: _page_chrome(page, request))


def _page_chrome(page: Page, request) -> dict:
    translations = list(
        public_pages(locale=None)
        .filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .select_related("locale")
    )
    chrome = {
        "translations": [(other.locale, other.get_url(request=request)) for other in translations]
    }
    chrome.update(
        alternate_links(
            page.locale,
            page.get_full_url(request),
            [(other.locale, other.get_full_url(request)) for other in translations],
        )
    )
    chrome["language_links"] = chrome["translations"] + _home_links(
        request, exclude={page.locale_id, *(other.locale_id for other in translations)}
    )
    chrome["breadcrumbs"] = [
        Link.to(ancestor, request) for ancestor in page.get_ancestors().filter(depth__gt=1)
    ]
    return chrome


def _home_links(request, *, exclude) -> list:
    """For languages with no translation of the page: their home page."""
    site = Site.find_for_request(request) if request else None
    if site is None or not Locale.objects.exclude(pk__in=exclude).exists():
        return []
    homes = (
        public_pages(locale=None)
        .filter(translation_key=site.root_page.translation_key)
        .exclude(locale_id__in=exclude)
        .select_related("locale")
    )
    return [(home.locale, home.get_url(request=request)) for home in homes]
