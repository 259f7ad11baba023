from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import ProtectedError
from django.utils.translation import get_supported_language_variant, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from meetings import spheres
from meetings.blocks import RICH_TEXT_FEATURES

from .validation import control_character_errors


def source_locale_filter() -> models.Q:
    """Meetings point at the source-locale spheres; selectors resolve them per locale."""
    return models.Q(locale__language_code=get_supported_language_variant(settings.LANGUAGE_CODE))


class Sphere(TranslatableMixin, index.Indexed, models.Model):
    """A sphere of public benefit: one point of art. 4 ust. 1 of the Act on public benefit."""

    number = models.CharField(
        _("point of the act"),
        max_length=8,
        help_text=_("As the act writes it, e.g. 1a or 32."),
    )
    # As the sphere page's route reads it (a slug field would let capitals and underscores
    # through, and break every link to the sphere).
    slug = models.CharField(
        _("slug"),
        max_length=80,
        db_index=True,
        validators=[
            RegexValidator(
                r"\A[-a-z0-9]+\Z",
                _(
                    "Use only small letters without diacritics, digits and hyphens: the slug "
                    "is part of the sphere page's address."
                ),
            )
        ],
    )
    name = models.TextField(
        _("statutory wording"),
        help_text=_('As it follows "obejmuje zadania w zakresie:" in the act.'),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=255,
        help_text=_("The name as a heading or a list item shows it."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("legal order"),
        help_text=_("Position in the act's list; lists of spheres follow it."),
    )

    search_fields = [
        index.SearchField("display_name"),
        index.SearchField("name"),
        index.AutocompleteField("display_name"),
        index.FilterField("number"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("sphere of public benefit")
        verbose_name_plural = _("spheres of public benefit")
        ordering = ["sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_sphere_slug_per_locale"
            ),
            models.UniqueConstraint(
                fields=["locale", "number"], name="unique_sphere_number_per_locale"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.display_name}"

    @property
    def name_language(self) -> str | None:
        """The language of the name where it is not its locale's: a language added before
        its sphere names are translated shows the act's Polish ones (``lang="pl"``)."""
        return spheres.name_language(self.number, self.display_name)

    def clean(self):
        super().clean()
        errors = control_character_errors(self, ["number", "name", "display_name"])
        if errors:
            raise ValidationError(errors)

    def delete(self, *args, **kwargs):
        if self.meetings_using().exists():
            raise ProtectedError(self.protected_message(), set(self.meetings_using()))
        return super().delete(*args, **kwargs)

    def meetings_using(self) -> models.QuerySet:
        """Meetings in any language whose spheres include this one."""
        meetings = self._meta.get_field("meetings").related_model.objects
        return meetings.filter(spheres__translation_key=self.translation_key).distinct()

    def protected_message(self) -> str:
        count = self.meetings_using().count()
        return ngettext(
            'The sphere "%(sphere)s" cannot be deleted: %(count)d meeting is addressed to it. '
            "Remove it from that meeting first.",
            'The sphere "%(sphere)s" cannot be deleted: %(count)d meetings are addressed to it. '
            "Remove it from those meetings first.",
            count,
        ) % {"sphere": self, "count": count}


class Consultation(TranslatableMixin, index.Indexed, models.Model):
    """A public consultation that announcements belong to, e.g. one year's cooperation programme."""

    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(
        _("link"), blank=True, help_text=_("The consultation's page, if it has one elsewhere.")
    )
    report_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("consultation report (document)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The report that sums up the consultation, once it has ended."),
    )
    report = RichTextField(
        _("consultation report (text)"),
        blank=True,
        features=RICH_TEXT_FEATURES,
    )

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["title"]
        permissions = [
            (
                "change_published_consultation",
                "Can change a consultation that published announcements show",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = control_character_errors(self, ["title", "url", "report"])
        if errors:
            raise ValidationError(errors)

    @property
    def has_report(self) -> bool:
        return bool(self.report_document_id or self.report)
