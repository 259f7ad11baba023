from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone


class LocalDateTimeFormField(forms.DateTimeField):
    """Reads and shows a moment in the site's time zone, not in the zone Wagtail activates
    for an editor who chose another in their account."""

    def prepare_value(self, value):
        with timezone.override(settings.TIME_ZONE):
            return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(settings.TIME_ZONE):
            return super().to_python(value)


class LocalDateTimeField(models.DateTimeField):
    """A moment typed and shown in the site's time zone in every form: a meeting's time is the
    time its announcement states in the city, whoever types it, and an editor whose account
    keeps another zone would otherwise move the meeting by the difference."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LocalDateTimeFormField, **kwargs})
