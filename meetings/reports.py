"""The meetings overview: every meeting of the city on one admin screen, and its export.

Built on Wagtail's report views, so that filters, sorting, search, pagination and the CSV and
XLSX downloads behave as in the admin's own reports.
"""

import operator
from datetime import UTC, datetime
from functools import reduce

import django_filters
from django import forms
from django.conf import settings
from django.db.models import BooleanField, Case, CharField, F, OuterRef, Q, Subquery, Value, When
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import Promise, cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, LocaleFilter, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.utils import get_admin_base_url
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail.permissions import policy_registry

from meetings import publication, selectors
from meetings.choices import AnnouncementState
from meetings.formatting import format_date, format_time_range, to_local
from meetings.forms import MeetingFilters
from meetings.models import Meeting, Sphere, Venue
from meetings.models.taxonomy import source_locale_filter
from meetings.translation import translation_state_annotations, translation_statuses

# Whoever may write or publish pages anywhere: editors, moderators, administrators.
EDITING_PERMISSIONS = ["add", "change", "publish"]


# What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value) -> str:
    """Quote a text that a spreadsheet would run as a formula: topics and names are typed by
    editors or imported from departments' texts, and "=HYPERLINK(…)" must stay a text."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def can_see_overview(user) -> bool:
    return policy_registry.get_by_type(Page).user_has_any_permission(user, EDITING_PERMISSIONS)


def edit_url(meeting: Meeting) -> str:
    """The announcement's editor, for those who may edit it; otherwise empty."""
    if not meeting.user_may_edit:
        return ""
    return reverse("wagtailadmin_pages:edit", args=(meeting.page_id,))


def venue_label(meeting: Meeting) -> str:
    """The venue's name, or how an online meeting is attended."""
    return (
        meeting.venue.name if meeting.venue_id else capfirst(meeting.get_attendance_mode_display())
    )


def public_url(meeting: Meeting, request=None) -> str:
    """The announcement's public address, while the public may see it; otherwise empty."""
    if not AnnouncementState(meeting.announcement_state).is_published:
        return ""
    return meeting.page.get_full_url(request) or ""


# A planned (or moved) meeting that is over has taken place: editors read "held", not "planned".
HELD = "held"
STATUS_CHOICES = [
    (Meeting.Status.PLANNED.value, Meeting.Status.PLANNED.label),
    (HELD, pgettext_lazy("meeting status", "held")),
    *[(value, label) for value, label in Meeting.Status.choices if value != Meeting.Status.PLANNED],
]


def meeting_status(*, now: datetime) -> Case:
    """The status the overview shows and filters on: ``held`` once a planned or moved meeting
    has ended, otherwise the status editors set."""
    return Case(
        When(
            status__in=[Meeting.Status.PLANNED, Meeting.Status.MOVED], end__lt=now, then=Value(HELD)
        ),
        default=F("status"),
        output_field=CharField(),
    )


def status_label(meeting: Meeting) -> str:
    return capfirst(dict(STATUS_CHOICES)[meeting.meeting_status])


# ``translation_page_<language code>``: the page of the meeting's translation into that
# language, when the user may see it; None when there is none (or none for them).
TRANSLATION_PAGE = "translation_page_"
TRANSLATION_EDITABLE = "translation_editable_"


def source_first(locales) -> list[Locale]:
    """The locales, the source language first, then in the order they were added."""
    source = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return sorted(locales, key=lambda locale: (locale.language_code != source, locale.pk))


def one_row_per_meeting(meetings, *, visible, locales: list[Locale]):
    """One row for each meeting and its translations (paired by translation key): the
    translation in the first of ``locales`` that the user may see, usually the source one.

    Each row carries, per language, the page of the translation in ``visible`` (the meetings
    the user may see) and whether the user may edit it, computed in the query: listing,
    filtering and exporting take the same number of queries however many meetings there are.
    """
    annotations = {}
    for locale in locales:
        translation_of = visible.filter(translation_key=OuterRef("translation_key"), locale=locale)
        annotations[TRANSLATION_PAGE + locale.language_code] = Subquery(
            translation_of.values("page_id")[:1]
        )
        annotations[TRANSLATION_EDITABLE + locale.language_code] = Subquery(
            translation_of.values("user_may_edit")[:1], output_field=BooleanField()
        )
    first_seen = []
    none_before = Q()
    for locale in locales:
        first_seen.append(Q(locale=locale) & none_before)
        none_before &= Q(**{f"{TRANSLATION_PAGE}{locale.language_code}__isnull": True})
    return meetings.annotate(**annotations).filter(reduce(operator.or_, first_seen))


def languages_of(meeting: Meeting, locales: list[Locale]) -> list[dict]:
    """For each language: its code and name, and the page of the meeting's translation into it
    (None when there is none the user may see) with its editor's address when they may edit it."""
    languages = []
    for locale in locales:
        code = locale.language_code
        page_id = getattr(meeting, TRANSLATION_PAGE + code, None)
        editable = page_id is not None and getattr(meeting, TRANSLATION_EDITABLE + code)
        languages.append(
            {
                "code": code,
                "name": locale.get_display_name(),
                "page_id": page_id,
                "edit_url": reverse("wagtailadmin_pages:edit", args=(page_id,)) if editable else "",
            }
        )
    return languages


class LanguageFilter(LocaleFilter):
    """Meetings with a translation into the chosen language that the user may see, each still
    in its one row."""

    def filter(self, qs, language_code):
        if not language_code:
            return qs
        return qs.filter(**{f"{TRANSLATION_PAGE}{language_code}__isnull": False})


class MeetingsOverviewFilterSet(WagtailFilterSet):
    """Spheres and venues are chosen in the source language and match every translation of a
    meeting by translation key, as the public schedule's filters do."""

    start = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget, method="filter_start"
    )
    sphere = django_filters.ModelChoiceFilter(
        label=_("Sphere of public benefit"),
        queryset=lambda request: Sphere.objects.filter(source_locale_filter()),
        empty_label=_("Any sphere"),
        method="filter_sphere",
        widget=forms.RadioSelect,
        blank=True,
    )
    venue = django_filters.ModelChoiceFilter(
        label=_("Venue"),
        queryset=lambda request: Venue.objects.filter(source_locale_filter()),
        empty_label=_("Any venue"),
        method="filter_venue",
        widget=forms.RadioSelect,
        blank=True,
    )
    status = django_filters.ChoiceFilter(
        label=_("Meeting status"),
        field_name="meeting_status",
        choices=STATUS_CHOICES,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    attendance_mode = django_filters.ChoiceFilter(
        label=_("Attendance"),
        choices=Meeting.AttendanceMode.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    announcement_state = django_filters.ChoiceFilter(
        label=_("Announcement state"),
        choices=AnnouncementState.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Meeting
        fields = ["start", "sphere", "venue", "status", "attendance_mode", "announcement_state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail adds the locale filter itself; editors know it as the language, and a row
        # stands for a meeting in every language.
        locale = self.filters.get("locale")
        if locale is not None:
            self.filters["locale"] = LanguageFilter(label=_("Language"), **locale.extra)

    def filter_start(self, queryset, name, value):
        return selectors.filter_meetings(
            queryset,
            MeetingFilters(
                date_from=value.start.date() if value.start else None,
                date_to=value.stop.date() if value.stop else None,
            ),
        )

    def filter_sphere(self, queryset, name, value):
        return selectors.filter_meetings(queryset, MeetingFilters(spheres=[value]))

    def filter_venue(self, queryset, name, value):
        return selectors.filter_meetings(queryset, MeetingFilters(venue=value))


class WhenColumn(Column):
    """The date on one line and the time on the next, as the announcement writes them."""

    cell_template_name = "meetings/admin/overview/when_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["date"] = format_date(instance.start)
        context["time"] = format_time_range(instance.start, instance.end)
        return context


class SpheresColumn(Column):
    """Legal point numbers, the same in every language; the names show on hover and are read
    by screen readers."""

    cell_template_name = "meetings/admin/overview/spheres_cell.html"

    def get_value(self, instance):
        return list(instance.spheres.all())


class AnnouncementStateColumn(StatusTagColumn):
    """Wagtail's status tag: filled while the public can see the announcement, outlined for
    a draft, a scheduled or an expired one."""

    def __init__(self, name, **kwargs):
        super().__init__(
            name,
            accessor=lambda meeting: AnnouncementState(meeting.announcement_state).label,
            primary=lambda meeting: AnnouncementState(meeting.announcement_state).is_published,
            **kwargs,
        )


class MeetingStatusColumn(Column):
    """Wagtail's status tag: filled for a meeting still to come, outlined once it is over or
    called off."""

    cell_template_name = "meetings/admin/overview/status_cell.html"

    def get_value(self, instance):
        return status_label(instance)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["status"] = instance.meeting_status
        return context


class LanguagesColumn(Column):
    """The languages the meeting is in, each a tag (linking to its editor for those who may
    edit it); a language it lacks is marked as missing."""

    cell_template_name = "meetings/admin/overview/languages_cell.html"

    def __init__(self, name, *, locales, **kwargs):
        super().__init__(name, **kwargs)
        self.locales = locales

    def get_value(self, instance):
        return languages_of(instance, self.locales)


class AnnouncementColumn(Column):
    """The announcement's title, linking to its editor, and a link to it on the site while
    it is published."""

    cell_template_name = "meetings/admin/overview/announcement_cell.html"

    def get_value(self, instance):
        return instance.announcement_title

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["edit_url"] = edit_url(instance)
        context["public_url"] = public_url(instance, parent_context.get("request"))
        return context


class MeetingsOverviewView(ReportView):
    """Meetings of draft and live announcements, one row each with the languages it is in,
    for editors.

    The table's columns come from ``get_columns`` and the export's from ``get_export_fields``:
    a further column (e.g. the state of the translation) is one more entry in each. The time
    is the product's clock (``publication.clock``), read once per request.
    """

    page_title = _("Meetings overview")
    header_icon = "date"
    model = Meeting
    verbose_name = Meeting._meta.verbose_name
    verbose_name_plural = Meeting._meta.verbose_name_plural
    filterset_class = MeetingsOverviewFilterSet
    index_url_name = "meetings_overview"
    index_results_url_name = "meetings_overview_results"
    is_searchable = True
    search_backend_name = None
    # The title each user may read: a draft's title is searched only by those who may edit it.
    search_fields = ["topic", "announcement_title"]
    default_ordering = "start"
    any_permission_required = EDITING_PERMISSIONS
    # Every text of both formats; numbers and dates keep Wagtail's own preprocessing.
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        (str, Promise): {
            ReportView.FORMAT_CSV: neutralise_formula,
            ReportView.FORMAT_XLSX: neutralise_formula,
        },
    }

    @cached_property
    def permission_policy(self):
        # Meetings are edited inside their pages: whoever may edit pages may see them.
        return policy_registry.get_by_type(Page)

    @cached_property
    def now(self) -> datetime:
        return datetime.fromtimestamp(publication.clock(), tz=UTC)

    @cached_property
    def locales(self) -> list[Locale]:
        return source_first(Locale.objects.all())

    @cached_property
    def visible_meetings(self):
        """Every meeting, in any language, that the user may see here."""
        return selectors.meetings_visible_to(self.request.user, Meeting.objects.all(), now=self.now)

    @cached_property
    def columns(self):
        return self.get_columns()

    def get_columns(self) -> list[Column]:
        return [
            WhenColumn("start", label=_("Date and time"), sort_key="start", width="13%"),
            Column("topic", label=_("Topic"), sort_key="topic", width="20%"),
            AnnouncementColumn(
                "announcement", label=_("Announcement"), sort_key="announcement_title", width="20%"
            ),
            Column("venue", label=_("Venue"), accessor=venue_label, width="11%"),
            SpheresColumn("spheres", label=_("Spheres"), width="7%"),
            MeetingStatusColumn(
                "meeting_status",
                label=_("Status"),
                classname="meetings-overview__meeting-status",
                width="10%",
            ),
            AnnouncementStateColumn(
                "announcement_state", label=_("Announcement state"), width="10%"
            ),
            LanguagesColumn("languages", label=_("Languages"), locales=self.locales, width="9%"),
        ]

    @cached_property
    def export_fields(self) -> dict:
        return self.get_export_fields()

    def get_export_fields(self) -> dict:
        """{field: (heading, value of a meeting)}; times are ISO 8601 in Warsaw time, so that
        a spreadsheet neither shifts them to UTC nor guesses a format."""
        request = self.request
        # The configured address, never the request's Host header.
        admin_root = (
            get_admin_base_url() or Site.objects.get(is_default_site=True).root_url
        ).rstrip("/")
        return {
            "start": (_("Start"), lambda m: to_local(m.start).isoformat()),
            "end": (_("End"), lambda m: to_local(m.end).isoformat()),
            "topic": (_("Topic"), lambda m: m.topic),
            "announcement": (_("Announcement"), lambda m: m.announcement_title),
            "venue": (_("Venue"), lambda m: m.venue.name if m.venue_id else ""),
            "address": (_("Address"), lambda m: m.venue.street_address if m.venue_id else ""),
            "attendance_mode": (
                _("Attendance"),
                lambda m: capfirst(m.get_attendance_mode_display()),
            ),
            # Names contain commas: spheres are separated by semicolons.
            "spheres": (
                _("Spheres"),
                lambda m: "; ".join(str(sphere) for sphere in m.spheres.all()),
            ),
            "status": (_("Meeting status"), status_label),
            "announcement_state": (
                _("Announcement state"),
                lambda m: str(AnnouncementState(m.announcement_state).label),
            ),
            "languages": (
                _("Languages"),
                lambda m: ", ".join(
                    language["code"].upper()
                    for language in languages_of(m, self.locales)
                    if language["page_id"] is not None
                ),
            ),
            "translation": (
                _("Translation"),
                lambda m: ", ".join(str(status.label) for status in translation_statuses(m)),
            ),
            "url": (_("Public page"), lambda m: public_url(m, request)),
            "edit_url": (
                _("Edit link"),
                lambda m: admin_root + edit_url(m) if m.user_may_edit else "",
            ),
        }

    @property
    def list_export(self):
        return list(self.export_fields)

    @property
    def export_headings(self):
        return {field: heading for field, (heading, _value) in self.export_fields.items()}

    def to_row_dict(self, item):
        return {field: value(item) for field, (_heading, value) in self.export_fields.items()}

    def stream_csv(self, queryset):
        # Rows are written as the response streams, after the view has left the user's language.
        return _in_language(super().stream_csv(queryset), translation.get_language())

    def get_filename(self):
        return f"meetings-{timezone.localdate().isoformat()}"

    def get_base_queryset(self):
        meetings = selectors.admin_meetings(now=self.now).annotate(
            meeting_status=meeting_status(now=self.now),
            **translation_state_annotations(prefix="page__"),
        )
        meetings = selectors.meetings_visible_to(self.request.user, meetings, now=self.now)
        return one_row_per_meeting(meetings, visible=self.visible_meetings, locales=self.locales)

    def get_filtered_queryset(self):
        # get_queryset has filtered already; filtering twice would repeat every condition.
        return self.get_queryset()

    def search_queryset(self, queryset):
        """A row is found by its topic or announcement title in any of its languages that the
        user may see (a draft's title only by those who may edit it)."""
        if not self.is_searching:
            return queryset
        words = self.search_query
        found = self.visible_meetings.filter(
            Q(topic__icontains=words) | Q(announcement_title__icontains=words)
        )
        return queryset.filter(translation_key__in=found.values("translation_key"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["media"] = context.get("media", forms.Media()) + forms.Media(
            css={"all": ["meetings/admin/overview.css"]}
        )
        return context

    def order_queryset(self, queryset):
        # Equal topics or titles fall back on the date, then on the id: pages stay stable.
        return queryset.order_by(self.ordering or self.default_ordering, "start", "pk")


def _in_language(lines, language):
    with translation.override(language):
        yield from lines


class MeetingsOverviewMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_overview(request.user)


def menu_item(*, order: int) -> MenuItem:
    return MeetingsOverviewMenuItem(
        _("Meetings overview"),
        reverse("meetings_overview"),
        name="meetings-overview",
        icon_name="date",
        order=order,
    )


def urlpatterns() -> list:
    return [
        path("meetings/overview/", MeetingsOverviewView.as_view(), name="meetings_overview"),
        path(
            "meetings/overview/results/",
            MeetingsOverviewView.as_view(results_only=True),
            name="meetings_overview_results",
        ),
    ]
