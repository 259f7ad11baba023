from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from meetings.models.mixins import PortalPageMixin
from meetings.permissions import ModeratedPageMixin


class HomePage(ModeratedPageMixin, PortalPageMixin, Page):
    """The portal's home page in one language: the next meetings and the latest announcements."""

    intro = models.TextField(_("introduction"), blank=True)
    organiser_name = models.CharField(
        _("organiser"),
        max_length=255,
        blank=True,
        help_text=_("Shown in every page's footer, e.g. the office that runs the site."),
    )
    organiser_address = models.TextField(_("address"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    bip_url = models.URLField(_("public information bulletin (BIP)"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("organiser_name"),
                FieldPanel("organiser_address"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("bip_url"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Footer"),
        ),
    ]
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
        context["latest_announcements"] = selectors.newest_first(
            selectors.public_announcements(locale=self.locale)
        )[: self.latest_limit]
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


class ComplianceStatus(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("a self-assessment by the public body")
    EXTERNAL = "external", _("an assessment by an external body")


STATEMENT_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class AccessibilityStatementPage(StandardPage):
    """The accessibility statement ("Deklaracja dostępności") that every page links to, with
    the sections the Act of 4 April 2019 on digital accessibility and its statement template
    require. The body is its introduction; the procedure for requests and complaints is the
    law's and is written by the template; the venues' accessibility comes from their data."""

    compliance_status = models.CharField(
        _("compliance status"),
        max_length=16,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
    )
    non_accessible_content = RichTextField(
        _("content that is not accessible"),
        blank=True,
        features=STATEMENT_TEXT_FEATURES,
        help_text=_("What does not meet the requirements, and why."),
    )
    exemptions = RichTextField(
        _("exemptions"),
        blank=True,
        features=STATEMENT_TEXT_FEATURES,
        help_text=_("Content exempt from the act (e.g. documents published before 2018)."),
    )
    site_published_on = models.DateField(_("date the site was published"), null=True)
    site_updated_on = models.DateField(_("date of the last major update"), null=True)
    prepared_on = models.DateField(_("date the statement was prepared"), null=True)
    reviewed_on = models.DateField(_("date of the last review"), null=True, blank=True)
    assessment_method = models.CharField(
        _("prepared on the basis of"),
        max_length=16,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    keyboard_shortcuts = RichTextField(
        _("keyboard shortcuts"), blank=True, features=STATEMENT_TEXT_FEATURES
    )
    contact_name = models.CharField(_("contact person"), max_length=255, default="")
    contact_email = models.EmailField(_("contact e-mail"), default="")
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    architectural_accessibility = RichTextField(
        _("architectural accessibility"),
        blank=True,
        features=STATEMENT_TEXT_FEATURES,
        help_text=_(
            "The buildings where the organiser receives the public. The venues of meetings are "
            "listed below it from their own data."
        ),
    )
    sign_language = RichTextField(
        _("Polish sign language interpreting"), blank=True, features=STATEMENT_TEXT_FEATURES
    )

    content_panels = [
        *StandardPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("site_published_on"), FieldPanel("site_updated_on")]),
                FieldPanel("compliance_status"),
                FieldPanel("non_accessible_content"),
                FieldPanel("exemptions"),
            ],
            heading=_("Compliance"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldPanel("assessment_method"),
                FieldPanel("keyboard_shortcuts"),
            ],
            heading=_("Preparation of the statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Feedback and contact"),
        ),
        FieldPanel("architectural_accessibility"),
        FieldPanel("sign_language"),
    ]
    search_fields = [
        *StandardPage.search_fields,
        index.SearchField("non_accessible_content"),
        index.SearchField("architectural_accessibility"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def get_context(self, request, *args, **kwargs):
        from meetings import selectors

        context = super().get_context(request, *args, **kwargs)
        context["venues"] = selectors.public_venues(locale=self.locale)
        return context


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
