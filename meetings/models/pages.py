from importlib import import_module

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.forms import BaseChildFormSet
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from meetings.blocks import RICH_TEXT_FEATURES, AnnouncementBodyBlock
from meetings.choices import AttendanceMode, MeetingStatus, Registration
from meetings.conf import plugin_settings
from meetings.panels import DisclosurePanel, LabelledInlinePanel
from meetings.permissions import ModeratedPageMixin
from meetings.search import lemma_text, venue_words
from meetings.widgets import EDITOR_MEDIA, SpherePicker, VenueChooser

from .fields import LocalDateTimeField
from .mixins import BuiltFromRows, PortalPageMixin
from .places import Venue
from .taxonomy import Sphere, source_locale_filter
from .validation import control_character_errors


def _views(module: str):
    """The module of views that renders these pages (``meetings.<module>``), found by name:
    the models sit below every output, and their routes delegate to it, as URL confs do."""
    return import_module(f"meetings.{module}")


# Stand for a meeting's key and a sphere's slug in a route reversed once for all of them.
ANY_KEY = "00000000-0000-0000-0000-000000000000"
ANY_SLUG = "0-any-slug-0"


class MeetingFormSet(BaseChildFormSet):
    """Too many meetings are refused in words of meetings, not of Django's forms."""

    default_error_messages = {
        "too_many_forms": _(
            "Too many meetings: one announcement may have at most %(num)d. "
            "Split them into several announcements."
        ),
    }


class MeetingsPanel(LabelledInlinePanel):
    """The announcement's meetings, at most ``MEETINGS_MAX_MEETINGS_PER_ANNOUNCEMENT``: every
    meeting is a form of its own, and a thousand of them took nearly a minute to save and as
    long to open in the editor. InlinePanel's ``max_num``, read at each use (settings can
    change it), with a message that speaks of meetings rather than forms."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name].update(
            max_num=plugin_settings.MAX_MEETINGS_PER_ANNOUNCEMENT,
            validate_max=True,
            formset=MeetingFormSet,
        )
        return options

    class BoundPanel(LabelledInlinePanel.BoundPanel):
        """Each meeting's bar, collapsed or not, says when and what it is, and has a button
        to duplicate it; a meeting added takes the previous one's place, times and
        registration (``meetings/admin/meetings_editor.js``)."""

        @property
        def media(self):
            return super().media + EDITOR_MEDIA


class AnnouncementIndexPage(ModeratedPageMixin, PortalPageMixin, RoutablePageMixin, Page):
    """The list of announcements ("Ogłoszenia"), newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    subpage_types = ["meetings.MeetingAnnouncementPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("announcement index")
        verbose_name_plural = _("announcement indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return _views("announcement_views").index_context(self, request, context)

    @path("")
    def index(self, request):
        return self.render(request)

    @path("rss.xml/")
    def rss(self, request):
        return _views("announcement_views").rss(request, self)


class MeetingAnnouncementPage(
    BuiltFromRows, ModeratedPageMixin, PortalPageMixin, RoutablePageMixin, Page
):
    """An announcement that invites NGOs to one or more meetings."""

    lead = models.TextField(
        _("lead"),
        max_length=1000,
        help_text=_("One or two sentences: who invites whom, to what. Shown in lists and feeds."),
    )
    publication_date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("The date the notice states. Empty: the date it was first published."),
    )
    consultation = models.ForeignKey(
        "meetings.Consultation",
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="announcements",
    )
    body = StreamField(AnnouncementBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldRowPanel([FieldPanel("publication_date"), FieldPanel("consultation")]),
        LabelledInlinePanel(
            "organizer_links",
            heading=_("Organisers"),
            label=_("Organiser"),
            add_label=_("Add an organiser"),
            min_num=1,
        ),
        FieldPanel("body"),
    ]
    meetings_panels = [
        MeetingsPanel(
            "meetings", heading=_("Meetings"), label=_("Meeting"), add_label=_("Add a meeting")
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(meetings_panels, heading=_("Meetings")),
            ObjectList(Page.promote_panels, heading=_("Promotion")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.RelatedFields("meetings", [index.SearchField("topic")]),
        index.SearchField("search_lemmas"),
        index.FilterField("publication_date"),
    ]
    api_fields = [
        APIField("lead"),
        APIField("publication_date"),
        APIField("body"),
    ]

    parent_page_types = ["meetings.AnnouncementIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("meeting announcement")
        verbose_name_plural = _("meeting announcements")

    def clean(self):
        super().clean()
        errors = control_character_errors(self, ["title", "seo_title", "lead"])
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            # Read before the page's row is written: a publication sets the date it reads.
            self.meetings_were_public = bool(self.pk) and (
                type(self).objects.filter(pk=self.pk, last_published_at__isnull=False).exists()
            )
        try:
            return super().save(*args, **kwargs)
        finally:
            self.__dict__.pop("meetings_were_public", None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return _views("announcement_views").announcement_context(self, request, context)

    @re_path(r"^(?P<key>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.ics/$")
    def meeting_ics(self, request, key):
        return _views("views").meeting_ics(request, self, key)

    def meeting_ics_url(self, meeting, request=None, *, full: bool = False) -> str:
        from meetings.urls import page_url  # it imports Wagtail's views: not at load time

        # A list links to the file of each meeting of the page: the route is reversed once.
        route = self.__dict__.get("_meeting_ics_route")
        if route is None:
            route = self.__dict__["_meeting_ics_route"] = self.reverse_subpage(
                "meeting_ics", kwargs={"key": ANY_KEY}
            ).rstrip("/")
        base = page_url(self, request, full=full)
        return base + route.replace(ANY_KEY, str(meeting.translation_key))

    @property
    def preview_modes(self):
        return [("", _("Page")), ("portal", _("Portal (headless API)"))]

    def serve_preview(self, request, mode_name):
        if mode_name != "portal":
            return super().serve_preview(request, mode_name)
        return _views("announcement_views").portal_preview(request, self)

    @property
    def search_lemmas(self) -> str:
        """The page's words and its meetings' (topics, venues, spheres, organisers) in their
        dictionary forms, for search in any grammatical form (``meetings.search``)."""
        meetings = list(self.meetings.select_related("venue").prefetch_related("spheres"))
        keys = {sphere.translation_key for m in meetings for sphere in m.spheres.all()}
        spheres = Sphere.objects.filter(translation_key__in=keys, locale_id=self.locale_id)
        parts = [self.title, self.lead, *_strings(self.body.raw_data)]
        parts += [link.organizer.name for link in self.organizer_links.select_related("organizer")]
        if self.consultation_id:
            parts.append(self.consultation.title)
        parts += [f"{sphere.name} {sphere.display_name}" for sphere in spheres]
        for meeting in meetings:
            parts += [meeting.topic, meeting.status_note, *venue_words(meeting.venue)]
        return lemma_text(parts, self.locale.language_code)

    def published_on(self):
        """The date the notice states, or the day it was first published."""
        if self.publication_date:
            return self.publication_date
        return self.first_published_at.date() if self.first_published_at else None

    def updated_on(self):
        """The day the page was last published, if later than the date it states: a notice
        dated ahead of its publication has not been updated since."""
        if not self.last_published_at:
            return None
        day = timezone.localdate(self.last_published_at)
        published = self.published_on()
        return day if published is None or day > published else None


def _strings(value) -> list[str]:
    """Every text in a StreamField's raw data."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if "type" in value and "value" in value:  # a block: its type and id are not text
            return _strings(value["value"])
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


class AnnouncementOrganizer(TranslatableMixin, Orderable):
    """One organiser of an announcement; the first one is the publishing unit."""

    page = ParentalKey(
        MeetingAnnouncementPage, on_delete=models.CASCADE, related_name="organizer_links"
    )
    organizer = models.ForeignKey(
        "meetings.Organizer",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="announcement_links",
    )

    panels = [FieldPanel("organizer")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("organiser of an announcement")
        verbose_name_plural = _("organisers of announcements")


class Meeting(BuiltFromRows, TranslatableMixin, ClusterableModel, Orderable):
    """One meeting of an announcement, versioned, moderated and translated with its page."""

    AttendanceMode = AttendanceMode
    Registration = Registration
    Status = MeetingStatus

    page = ParentalKey(MeetingAnnouncementPage, on_delete=models.CASCADE, related_name="meetings")
    topic = models.CharField(
        _("topic"),
        max_length=500,
        help_text=_("What the meeting is about, e.g. proposals for the 2026 programme."),
    )
    start = LocalDateTimeField(_("start"))
    end = LocalDateTimeField(_("end"))
    attendance_mode = models.CharField(
        _("attendance mode"),
        max_length=16,
        choices=AttendanceMode.choices,
        default=AttendanceMode.IN_PERSON,
    )
    venue = models.ForeignKey(
        "meetings.Venue",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text=_("Leave empty only for an online meeting."),
    )
    online_url = models.URLField(_("online meeting link"), blank=True)
    spheres = ParentalManyToManyField(
        "meetings.Sphere",
        verbose_name=_("spheres of public benefit"),
        related_name="meetings",
        limit_choices_to=source_locale_filter,
        help_text=_("The spheres whose organisations the meeting is addressed to."),
    )
    registration = models.CharField(
        _("registration"),
        max_length=16,
        choices=Registration.choices,
        default=Registration.NOT_REQUIRED,
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_email = models.EmailField(_("registration e-mail"), blank=True)
    registration_deadline = LocalDateTimeField(_("registration deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    status_note = models.CharField(
        _("note on the status"),
        max_length=500,
        blank=True,
        help_text=_("Shown to the public, e.g. the new date or place."),
    )

    outcome = models.TextField(
        _("outcome"),
        max_length=2000,
        blank=True,
        help_text=_("After the meeting: a few sentences on what it agreed or collected."),
    )
    minutes_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes (document)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The minutes or meeting notes as a file, e.g. a PDF."),
    )
    minutes = RichTextField(
        _("minutes (text)"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("The minutes or meeting notes as text, if there is no file or beside it."),
    )

    sequence = models.PositiveIntegerField(
        _("revision for calendars"),
        default=0,
        editable=False,
        help_text=_("Grows whenever a published change matters to a calendar."),
    )

    # A change to any of these makes calendars that subscribed to the meeting update it.
    CALENDAR_FIELDS = (
        "topic",
        "start",
        "end",
        "venue_id",
        "attendance_mode",
        "online_url",
        "status",
        "status_note",
        "outcome",
        "minutes_document_id",
        "minutes",
    )

    panels = [
        FieldPanel("topic"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("attendance_mode"), FieldPanel("online_url")]),
        FieldPanel("venue", widget=VenueChooser(Venue)),
        FieldPanel("spheres", widget=SpherePicker),
        DisclosurePanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("registration", heading=_("Is registration required?")),
                        FieldPanel("registration_deadline"),
                    ]
                ),
                FieldRowPanel([FieldPanel("registration_url"), FieldPanel("registration_email")]),
            ],
            summary=_("Registration"),
        ),
        DisclosurePanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("status", heading=_("Meeting status")),
                        FieldPanel("status_note"),
                    ]
                )
            ],
            summary=_("Cancelled, postponed or moved"),
        ),
        DisclosurePanel(
            [FieldPanel("outcome"), FieldPanel("minutes_document"), FieldPanel("minutes")],
            summary=_("After the meeting"),
        ),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            models.Index(fields=["start"], name="meeting_start_idx"),
            # The public meetings are those of public pages, before or after a time: counted
            # and listed from this index alone.
            models.Index(fields=["page", "start"], name="meeting_page_start_idx"),
        ]

    def __str__(self):
        return self.topic

    def save(self, *args, **kwargs):
        # No calendar can hold the meeting of a page never published: its drafts count nothing.
        if self.pk and getattr(self.page, "meetings_were_public", self.page.last_published_at):
            stored = Meeting.objects.filter(pk=self.pk).values(*self.CALENDAR_FIELDS, "sequence")
            stored = stored.first()
            if stored:
                changed = any(stored[name] != getattr(self, name) for name in self.CALENDAR_FIELDS)
                self.sequence = stored["sequence"] + 1 if changed else stored["sequence"]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = control_character_errors(
            self,
            ["topic", "status_note", "outcome", "online_url", "registration_url", "minutes"],
        )
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The meeting must end after it starts.")
        if self.attendance_mode != self.AttendanceMode.ONLINE and not self.venue_id:
            errors["venue"] = _("Choose a venue: only an online meeting can go without one.")
        if self.attendance_mode != self.AttendanceMode.IN_PERSON and not self.online_url:
            errors["online_url"] = _("Give the link to the online meeting.")
        if self.registration == self.Registration.REQUIRED:
            if not (self.registration_url or self.registration_email):
                errors["registration_url"] = _(
                    "Give a registration link or e-mail address when registration is required."
                )
            if (
                self.registration_deadline
                and self.start
                and self.registration_deadline > self.start
            ):
                errors["registration_deadline"] = _(
                    "The registration deadline must not be after the meeting starts."
                )
        if self.status != self.Status.PLANNED and not self.status_note:
            errors["status_note"] = _(
                "Tell the public what changed, e.g. the new date or the reason for cancelling."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def anchor(self) -> str:
        """The meeting's fragment on its announcement page, the same in every language."""
        return f"meeting-{self.translation_key}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def has_ended(self) -> bool:
        return self.end is not None and self.end <= timezone.now()

    @property
    def offers_actions(self) -> bool:
        """Whether adding it to a calendar, joining online or registering still makes sense:
        not for a meeting that is over, cancelled, or postponed to a date not yet known."""
        return self.status in (self.Status.PLANNED, self.Status.MOVED) and not self.has_ended

    @property
    def has_minutes(self) -> bool:
        return bool(self.minutes_document_id or self.minutes)


class SchedulePage(ModeratedPageMixin, PortalPageMixin, RoutablePageMixin, Page):
    """The schedule of meetings ("Harmonogram spotkań"), generated from the announcements.

    Its routes: the filtered schedule, one page per sphere (``sfera/<slug>/`` in Polish,
    ``sphere/<slug>/`` in English) and the calendar feed ``feed.ics``.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("schedule of meetings")
        verbose_name_plural = _("schedules of meetings")

    @path("")
    def schedule(self, request):
        return _views("views").schedule(request, self)

    # A sphere's page: its path segment in the page's language ("sfera"), then its slug.
    SPHERE_SEGMENT = r"[-a-z]{1,40}"

    @re_path(rf"^(?P<segment>{SPHERE_SEGMENT})/(?P<slug>[-a-z0-9]{{1,80}})/$")
    def sphere(self, request, segment, slug):
        if segment != self.sphere_segment():
            raise Http404
        return _views("views").sphere(request, self, slug)

    @path("feed.ics/")
    def feed(self, request):
        return _views("views").schedule_feed(request, self)

    def sphere_segment(self) -> str:
        return self.segment_for(self.locale.language_code)

    @staticmethod
    def segment_for(language_code: str) -> str:
        """The path segment of a sphere's page in a language: "sfera", "sphere", or what a
        catalogue translates it to."""
        with translation.override(language_code):
            return pgettext("path segment of a sphere's page, lower-case ASCII", "sphere")

    def sphere_url(self, sphere, request=None) -> str:
        from meetings.urls import page_url  # it imports Wagtail's views: not at load time

        # A schedule links to every sphere's page: the route is reversed once, for all slugs
        # (which the route takes as they are: small letters, digits and hyphens).
        route = self.__dict__.get("_sphere_route")
        if route is None:
            route = self.__dict__["_sphere_route"] = self.reverse_subpage(
                "sphere", kwargs={"segment": self.sphere_segment(), "slug": ANY_SLUG}
            ).rpartition(ANY_SLUG)
        head, _slug, tail = route
        return f"{page_url(self, request)}{head}{sphere.slug}{tail}"
