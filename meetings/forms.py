"""The schedule's filters: plain GET parameters, shared by the page and its calendar feed."""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from meetings import selectors
from meetings.filter_widgets import Option, WrittenSelect, WrittenTextInput
from meetings.formatting import format_date, format_month
from meetings.models import Meeting, Sphere, Venue
from meetings.search import kept_lemmas
from meetings.spheres import name_html

MAX_SPHERES = 41
# The days a date filter may name: far wider than any meeting, and far enough from the ends of
# Python's calendar (years 1 and 9999) that a day's end in Warsaw time, a UTC offset and the
# database's conversion to UTC stay within it. The API takes the same years.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)


def within_filter_years(year: int) -> bool:
    return EARLIEST_DATE.year <= year <= LATEST_DATE.year


def _validate_filter_year(year: int):
    if not within_filter_years(year):
        raise forms.ValidationError(
            _("Give a date from the years %(first)d–%(last)d."),
            code="out_of_range",
            params={"first": EARLIEST_DATE.year, "last": LATEST_DATE.year},
        )


def _validate_filter_date(day: date):
    _validate_filter_year(day.year)


# The public parameters "from" and "to" are Python keywords: their fields are named otherwise.
FIELD_OF_PARAMETER = {"from": "date_from", "to": "date_to"}


@dataclass
class MeetingFilters:
    """What the filters selected, in objects of the page's locale."""

    spheres: list[Sphere] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    venue: Venue | None = None
    attendance_mode: str = ""
    status: str = ""

    def __bool__(self):
        return bool(
            self.spheres
            or self.date_from
            or self.date_to
            or self.venue
            or self.attendance_mode
            or self.status
        )


class MeetingFilterForm(forms.Form):
    sphere = forms.MultipleChoiceField(
        label=_("Spheres of public benefit"), required=False, widget=forms.CheckboxSelectMultiple
    )
    month = forms.RegexField(
        label=_("Month"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        max_length=7,
        widget=WrittenTextInput(attrs={"inputmode": "numeric"}),
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        validators=[_validate_filter_date],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        validators=[_validate_filter_date],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    venue = forms.TypedChoiceField(
        label=_("Venue"), required=False, coerce=int, empty_value=None, widget=WrittenSelect
    )
    mode = forms.ChoiceField(label=_("Attendance"), required=False, widget=WrittenSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=WrittenSelect)

    def __init__(self, data, *, locale: Locale, now: datetime | None = None):
        data = data.copy() if data is not None else None
        if data is not None:
            for public, name in FIELD_OF_PARAMETER.items():
                if public in data:
                    data[name] = data[public]
        super().__init__(data)
        self.locale = locale
        # The month's example is this month, so that it never reads as out of date.
        example = selectors.start_of_local_day(now=now).strftime("%Y-%m")
        month = self.fields["month"]
        month.widget.attrs = {"placeholder": example, **month.widget.attrs}
        month.error_messages["invalid"] = format_lazy(
            _("Give the month as YYYY-MM, e.g. {example}."), example=example
        )
        self.spheres = {s.slug: s for s in Sphere.objects.filter(locale=locale)}
        self.fields["sphere"].choices = [
            (s.slug, name_html(s, locale.language_code)) for s in self.spheres.values()
        ]
        # Read when the list is shown or a venue is asked for: a feed without one skips it.
        self.fields["venue"].choices = self._venue_choices
        # Polish agrees "any" with the noun: "forma udziału: dowolna", "status: dowolny".
        self.fields["mode"].choices = [
            ("", pgettext_lazy("attendance", "Any")),
            *Meeting.AttendanceMode.choices,
        ]
        self.fields["status"].choices = [
            ("", pgettext_lazy("meeting status", "Any")),
            *Meeting.Status.choices,
        ]

    @cached_property
    def venues(self) -> dict[int, Venue]:
        return {v.pk: v for v in selectors.public_places(Venue, locale=self.locale)}

    def _venue_choices(self) -> list:
        return [("", _("Any venue")), *((v.pk, str(v)) for v in self.venues.values())]

    def _date_input_value(self, name: str) -> str:
        """What a date input shows: the date asked for, as the input reads it (YYYY-MM-DD),
        never text that is not a valid date."""
        if not self.is_bound or name in self.errors:
            return ""
        try:
            value = self.fields[name].to_python(self.data.get(name))
        except forms.ValidationError:
            return ""
        return value.isoformat() if value else ""

    @property
    def date_from_value(self) -> str:
        return self._date_input_value("date_from")

    @property
    def date_to_value(self) -> str:
        return self._date_input_value("date_to")

    def labelled_errors(self) -> list[str]:
        """Each error with the name of its field: "Od: Wpisz poprawną datę."."""
        return [
            f"{self.fields[name].label}: {error}" if name in self.fields else str(error)
            for name, errors in self.errors.items()
            for error in errors
        ]

    def sphere_groups(self) -> tuple[list, list]:
        """The sphere checkboxes as (checkbox, upcoming meetings, words to find it by): first
        the spheres with upcoming meetings, most meetings first, then the others in legal
        order. The words are the name's words and their dictionary forms, so that a filter
        by typing finds "dzieci" under "dziecko" and back."""
        counts = selectors.upcoming_counts_by_sphere(locale=self.locale)
        language = self.locale.language_code
        checkboxes = [Option(w.parent_widget, w.data, w.renderer) for w in self["sphere"]]
        spheres = [self.spheres[checkbox.data["value"]] for checkbox in checkboxes]
        texts = [f"{sphere.display_name} {sphere.name} {sphere.number}" for sphere in spheres]
        found = kept_lemmas(
            [
                (text, sphere.name_language or language)
                for text, sphere in zip(texts, spheres, strict=True)
            ]
        )
        with_meetings, others = [], []
        for checkbox, sphere, text, lemmatised in zip(
            checkboxes, spheres, texts, found, strict=True
        ):
            words = " ".join(dict.fromkeys([*text.lower().split(), *lemmatised]))
            count = counts.get(sphere.translation_key, 0)
            (with_meetings if count else others).append((checkbox, count, words))
        with_meetings.sort(key=lambda item: -item[1])
        return with_meetings, others

    def clean_sphere(self):
        slugs = self.cleaned_data["sphere"]
        if len(slugs) > MAX_SPHERES:
            raise forms.ValidationError(_("Choose at most %(max)d spheres.") % {"max": MAX_SPHERES})
        return list(dict.fromkeys(slugs))

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month:
            _validate_filter_year(int(month[:4]))
        return month

    def clean(self):
        cleaned = super().clean()
        month = cleaned.get("month")
        if month:
            year, number = (int(part) for part in month.split("-"))
            cleaned["date_from"] = date(year, number, 1)
            cleaned["date_to"] = date(year, number, calendar.monthrange(year, number)[1])
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the range is before its start."))
        return cleaned

    def parameter_errors(self) -> dict[str, list[str]]:
        """The errors by the public parameter they are about."""
        parameters = {name: public for public, name in FIELD_OF_PARAMETER.items()}
        return {parameters.get(name, name): errors for name, errors in self.errors.items()}

    def filters(self) -> MeetingFilters:
        """The valid part of the filters; invalid parameters are reported and ignored."""
        if not self.is_bound:
            return MeetingFilters()
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return MeetingFilters(
            spheres=[self.spheres[slug] for slug in data.get("sphere", [])],
            date_from=data.get("date_from"),
            date_to=data.get("date_to") if "date_to" not in self.errors else None,
            venue=self.venues.get(data["venue"]) if data.get("venue") else None,
            attendance_mode=data.get("mode") or "",
            status=data.get("status") or "",
        )

    def describe(self, filters: MeetingFilters) -> list[str]:
        """The current filter in words, for people and screen readers."""
        words = []
        if filters.spheres:
            words.append(
                gettext("spheres: %(names)s")
                % {"names": "; ".join(s.display_name for s in filters.spheres)}
            )
        month = self.cleaned_data.get("month") if hasattr(self, "cleaned_data") else None
        if month and "month" not in self.errors and filters.date_from:
            words.append(format_month(filters.date_from))
        else:
            if filters.date_from:
                words.append(
                    gettext("from %(date)s")
                    % {"date": format_date(filters.date_from, weekday=False)}
                )
            if filters.date_to:
                words.append(
                    gettext("to %(date)s") % {"date": format_date(filters.date_to, weekday=False)}
                )
        if filters.venue:
            words.append(gettext("venue: %(venue)s") % {"venue": filters.venue})
        if filters.attendance_mode:
            words.append(Meeting.AttendanceMode(filters.attendance_mode).label)
        if filters.status:
            words.append(Meeting.Status(filters.status).label)
        return [str(word) for word in words]
