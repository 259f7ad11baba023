"""Set the plugin up in a site: content languages, spheres, the announcement index and the
schedule under a page the integrator names (in every content language), and optionally the
editorial roles. Running it again changes nothing that exists."""

from anyascii import anyascii
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import get_supported_language_variant
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from meetings.models import AnnouncementIndexPage, SchedulePage
from meetings.roles import set_up_roles
from meetings.spheres import load_spheres

TITLES = {
    AnnouncementIndexPage: _("Announcements"),
    SchedulePage: _("Schedule of meetings"),
}


class Command(BaseCommand):
    help = (
        "Create the content languages, spheres, announcement index and schedule of meetings "
        "under PARENT (a page id or URL path such as /), in every content language."
    )

    def add_arguments(self, parser):
        parser.add_argument("--parent", required=True, help="Page id or URL path, e.g. / or 3")
        parser.add_argument(
            "--roles",
            action="store_true",
            help="Also create the groups Redaktorzy, Moderatorzy, Tłumacze and the workflow.",
        )

    @transaction.atomic
    def handle(self, *args, parent, roles, **options):
        locales = [
            Locale.objects.get_or_create(language_code=code)[0]
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        ]
        added = load_spheres()
        self.stdout.write(f"Spheres added: {added}")
        source = Locale.objects.get(
            language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
        )
        parent_page = self._find(parent).get_translation_or_none(source)
        if parent_page is None:
            raise CommandError(f"The page {parent!r} has no version in {source}.")
        for model, title in TITLES.items():
            page = self._child(parent_page, model, title, source)
            for locale in locales:
                if locale != source:
                    self._translation(page, model, title, locale)
        if roles:
            set_up_roles()
            self.stdout.write("Roles and the moderation workflow are set up.")

    def _find(self, parent: str) -> Page:
        pages = Page.objects.exclude(depth=1)
        page = pages.filter(pk=parent).first() if parent.isdigit() else None
        if page is None:
            path = "/" + parent.strip("/") + "/" if parent.strip("/") else "/"
            for site_root in Page.objects.filter(sites_rooted_here__isnull=False):
                page = pages.filter(url_path=site_root.url_path + path.lstrip("/")).first()
                if page:
                    break
        if page is None:
            raise CommandError(f"No page {parent!r}.")
        return page

    def _child(self, parent: Page, model, title: str, locale: Locale) -> Page:
        existing = model.objects.child_of(parent).first()
        if existing:
            self.stdout.write(f"Exists: {existing.url_path}")
            return existing
        with translation.override(locale.language_code):
            name = str(title)
        page = model(title=name, slug=slugify(anyascii(name)), locale=locale)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.stdout.write(f"Created: {page.url_path}")
        return page

    def _translation(self, page: Page, model, title: str, locale: Locale) -> None:
        if page.get_translation_or_none(locale):
            return
        copy = page.copy_for_translation(locale, copy_parents=True)
        with translation.override(locale.language_code):
            copy.title = copy.draft_title = str(title)
        copy.slug = slugify(anyascii(copy.title))
        copy.save_revision().publish()
        self.stdout.write(f"Created: {model.objects.get(pk=copy.pk).url_path}")
