"""The fixed sets of values a meeting and an announcement take. Outputs (calendars, JSON-LD,
forms) import these rather than the models for an enum."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class AnnouncementState(models.TextChoices):
    """Where an announcement stands on its way to the public, in the words editors use.

    Computed from the page's own fields by ``selectors.admin_meetings``, never stored, so
    that it cannot drift from what Wagtail does with the page."""

    # A context of their own: Wagtail's "Draft" and "Live" name pages, and keep their wording.
    DRAFT = "draft", pgettext_lazy("announcement state", "Draft")
    IN_MODERATION = "moderation", pgettext_lazy("announcement state", "In moderation")
    SCHEDULED = "scheduled", pgettext_lazy("announcement state", "Scheduled")
    LIVE = "live", pgettext_lazy("announcement state", "Live")
    LIVE_WITH_DRAFT = (
        "live_draft",
        pgettext_lazy("announcement state", "Live with unpublished changes"),
    )
    LIVE_WITH_CHANGES_IN_MODERATION = (
        "live_moderation",
        pgettext_lazy("announcement state", "Live, changes in moderation"),
    )
    EXPIRED = "expired", pgettext_lazy("announcement state", "Expired")

    @property
    def is_published(self) -> bool:
        return self in (
            AnnouncementState.LIVE,
            AnnouncementState.LIVE_WITH_DRAFT,
            AnnouncementState.LIVE_WITH_CHANGES_IN_MODERATION,
        )
