"""The fixed sets of values a meeting takes. Outputs (calendars, JSON-LD, forms) import these
rather than the models for an enum."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid (in person and online)")


class Registration(models.TextChoices):
    NOT_REQUIRED = "not_required", _("not required")
    REQUIRED = "required", _("required")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CANCELLED = "cancelled", _("cancelled")
    POSTPONED = "postponed", _("postponed")
    MOVED = "moved", _("moved")
