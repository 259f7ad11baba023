"""The meetings overview: every meeting of the city on one admin screen, and its export.

Built on Wagtail's report views, so that filters, sorting, search, pagination and the CSV and
XLSX downloads behave as in the admin's own reports.
"""

import django_filters
from django import forms
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import Promise, cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, LocaleColumn, StatusTagColumn
from wagtail.admin.utils import get_admin_base_url
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, Site
from wagtail.permissions import policy_registry

from meetings import selectors
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
        choices=Meeting.Status.choices,
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
        # Wagtail adds the locale filter itself; editors know it as the language.
        if "locale" in self.filters:
            self.filters["locale"].label = _("Language")

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
    """Legal point numbers, the same in every language; the names show on hover."""

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
    """Meetings of draft and live announcements, in every language, for editors.

    The table's columns come from ``get_columns`` and the export's from ``get_export_fields``:
    a further column (e.g. the state of the translation) is one more entry in each.
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
    def columns(self):
        return self.get_columns()

    def get_columns(self) -> list[Column]:
        return [
            WhenColumn("start", label=_("Date and time"), sort_key="start", width="16%"),
            Column("topic", label=_("Topic"), sort_key="topic", width="21%"),
            AnnouncementColumn(
                "announcement", label=_("Announcement"), sort_key="announcement_title", width="19%"
            ),
            Column("venue", label=_("Venue"), accessor=venue_label, width="12%"),
            SpheresColumn("spheres", label=_("Spheres"), width="7%"),
            Column(
                "status",
                label=_("Status"),
                accessor=lambda meeting: capfirst(meeting.get_status_display()),
                width="9%",
            ),
            AnnouncementStateColumn(
                "announcement_state", label=_("Announcement state"), width="9%"
            ),
            LocaleColumn(label=_("Language"), sort_key=None, width="7%"),
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
            "spheres": (
                _("Spheres"),
                lambda m: ", ".join(sphere.number for sphere in m.spheres.all()),
            ),
            "status": (_("Meeting status"), lambda m: capfirst(m.get_status_display())),
            "announcement_state": (
                _("Announcement state"),
                lambda m: str(AnnouncementState(m.announcement_state).label),
            ),
            "language": (_("Language"), lambda m: str(m.locale.get_display_name())),
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
        meetings = selectors.admin_meetings().annotate(
            **translation_state_annotations(prefix="page__")
        )
        return selectors.meetings_visible_to(self.request.user, meetings)

    def get_filtered_queryset(self):
        # get_queryset has filtered already; filtering twice would repeat every condition.
        return self.get_queryset()

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
