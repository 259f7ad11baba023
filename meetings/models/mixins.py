from django.conf import settings
from wagtail.models import Locale, Site

from meetings.visibility import public_pages


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


class PortalPageMixin:
    """What every public page's layout needs: its translations, the language switcher's
    links and the breadcrumb trail."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        translations = (
            public_pages(locale=None)
            .filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .select_related("locale")
        )
        context["translations"] = [
            (page.locale, page.get_url(request=request)) for page in translations
        ]
        context.update(
            alternate_links(
                self.locale,
                self.get_full_url(request),
                [(page.locale, page.get_full_url(request)) for page in translations],
            )
        )
        context["language_links"] = context["translations"] + self._home_links(
            request, exclude={self.locale_id, *(page.locale_id for page in translations)}
        )
        context["breadcrumbs"] = list(self.get_ancestors().filter(depth__gt=1))
        return context

    def _home_links(self, request, *, exclude):
        """For languages with no translation of this page: their home page."""
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
