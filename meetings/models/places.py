from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index

from .validation import control_character_errors


class Venue(TranslatableMixin, index.Indexed, models.Model):
    """A place where meetings happen, described so that anyone can find and enter it."""

    name = models.CharField(_("name"), max_length=255)
    street_address = models.CharField(_("street address"), max_length=255)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Kraków")
    room = models.CharField(_("room"), max_length=255, blank=True)
    floor = models.CharField(
        _("floor"), max_length=50, blank=True, help_text=_('e.g. "III piętro" or "parter".')
    )
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("Entrance, lift, toilets, parking for people with disabilities, and so on."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    search_fields = [
        index.SearchField("name"),
        index.SearchField("street_address"),
        index.AutocompleteField("name"),
        index.FilterField("city"),
        index.FilterField("locale_id"),
    ]

    # What calendars show of a venue (the LOCATION of its meetings' events).
    CALENDAR_FIELDS = ("name", "street_address", "postal_code", "city", "room", "floor")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]
        permissions = [
            ("change_published_venue", "Can change a venue that published announcements show")
        ]

    def __str__(self):
        return f"{self.name}, {self.street_address}"

    def save(self, *args, **kwargs):
        """A changed place makes calendars that subscribed to its meetings update them, in
        every language (the meetings of a translation show the translated venue)."""
        stored = None
        if self.pk:
            stored = type(self).objects.filter(pk=self.pk).values(*self.CALENDAR_FIELDS).first()
        super().save(*args, **kwargs)
        if stored and any(stored[name] != getattr(self, name) for name in self.CALENDAR_FIELDS):
            meeting_model = self._meta.get_field("meetings").related_model
            meeting_model.objects.filter(
                venue__translation_key=self.translation_key,
                page__last_published_at__isnull=False,
            ).update(sequence=models.F("sequence") + 1)

    @property
    def map_url(self) -> str:
        """OpenStreetMap at the venue's coordinates, or a search for its address."""
        if self.latitude is not None and self.longitude is not None:
            return (
                f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                f"#map=18/{self.latitude}/{self.longitude}"
            )
        address = ", ".join(filter(None, [self.street_address, self.postal_code, self.city]))
        return "https://www.openstreetmap.org/search?" + urlencode({"query": address})

    def clean(self):
        super().clean()
        errors = control_character_errors(
            self,
            [
                "name",
                "street_address",
                "postal_code",
                "city",
                "room",
                "floor",
                "accessibility_notes",
            ],
        )
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            errors[missing] = _("Give both coordinates or neither.")
        if errors:
            raise ValidationError(errors)


class Organizer(TranslatableMixin, index.Indexed, models.Model):
    """A unit of the city hall (or a partner) that organises meetings."""

    name = models.CharField(_("name of the unit"), max_length=255)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["name"]
        permissions = [
            (
                "change_published_organizer",
                "Can change an organiser that published announcements show",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = control_character_errors(self, ["name", "phone", "website"])
        if errors:
            raise ValidationError(errors)
