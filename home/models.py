from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from meetings.models.mixins import PortalPageMixin
from meetings.permissions import ModeratedPageMixin


class HomePage(ModeratedPageMixin, PortalPageMixin, Page):
    """The portal's home page in one language: the next meetings and the latest announcements."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "meetings.AnnouncementIndexPage",
        "meetings.SchedulePage",
        "home.StandardPage",
        "home.AccessibilityStatementPage",
    ]

    upcoming_limit = 5
    latest_limit = 5

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from meetings import selectors

        context = super().get_context(request, *args, **kwargs)
        upcoming = selectors.public_meetings(locale=self.locale, upcoming=True)
        context["upcoming_meetings"] = selectors.with_localized_relations(
            upcoming[: self.upcoming_limit], locale=self.locale
        )
        context["schedule"] = selectors.schedule_page(locale=self.locale)
        context["latest_announcements"] = selectors.public_announcements(
            locale=self.locale
        ).order_by("-first_published_at")[: self.latest_limit]
        return context


class StandardPage(ModeratedPageMixin, PortalPageMixin, Page):
    """A plain page of text, such as the accessibility statement."""

    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class AccessibilityStatementPage(StandardPage):
    """The accessibility statement ("Deklaracja dostępności") that every page links to."""

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "home/standard_page.html"

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")


class DemoRecord(models.Model):
    """One thing ``load_demo_content`` made (a page, a snippet, a translation, the site's
    address), by a key of its own. A later run makes only what it never made, so whatever
    editors have changed or deleted since stays as they left it."""

    key = models.CharField(max_length=120, unique=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    value = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demo content record")
        verbose_name_plural = _("demo content records")

    def __str__(self):
        return self.key
