"""Translate pages and snippets with wagtail-localize, from code (demo content, imports, tests)."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django.utils.translation import get_language_info, get_supported_language_variant
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Locale, Page, Revision
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


class MissingTranslationError(LookupError):
    """A source string has no entry in the translations given."""


@transaction.atomic
def translate(instance, *, locale: Locale, strings: Mapping[str, str], user=None):
    """Create or update ``instance``'s translation into ``locale`` and publish it.

    ``strings`` maps each translatable source string (as wagtail-localize segments it) to its
    translation. The translation stays linked to its source, so editors can later change it in
    the translation editor and sync it when the source changes.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = segment.string.data
        if text not in strings:
            raise MissingTranslationError(text)
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": strings[text],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    if isinstance(instance, DraftStateMixin):
        # wagtail-localize would publish on commit, from an instance that is stale by then
        # (its tree fields, its ``live``): save a draft and publish it from a fresh read.
        translation.save_target(user=user, publish=False)
        target = type(instance).objects.get(translation_key=instance.translation_key, locale=locale)
        Revision.objects.get(pk=target.latest_revision_id).publish(user=user)
    else:
        translation.save_target(user=user, publish=True)
    return type(instance).objects.get(translation_key=instance.translation_key, locale=locale)


ANNOTATION_PREFIX = "translation_state_"


class TranslationState(models.TextChoices):
    """How a translation stands against its source page."""

    MISSING = "missing", _("not translated")
    OUTDATED = "outdated", _("source changed")
    INCOMPLETE = "incomplete", _("translation unfinished")
    UP_TO_DATE = "up_to_date", _("up to date")


def translation_state_annotations(*, prefix: str = "") -> dict[str, Case]:
    """One annotation per target language (``translation_state_<code>``), for source pages.

    ``prefix`` reaches the page from another model, e.g. ``"page__"`` for meetings. A page's
    translation is out of date when the source was published after wagtail-localize last read
    it (its sync), and unfinished while strings wait for a translator or the synced
    translation waits to be published. Pages in other languages get ``None``.
    """
    source_language = get_supported_language_variant(settings.LANGUAGE_CODE)
    key, locale = OuterRef(f"{prefix}translation_key"), OuterRef(f"{prefix}locale_id")
    changed_at = Coalesce(F(f"{prefix}last_published_at"), F(f"{prefix}latest_revision_created_at"))
    synced_at = Subquery(
        TranslationSource.objects.filter(object_id=key, locale_id=locale).values("last_updated_at")[
            :1
        ]
    )
    annotations = {}
    for target in Locale.objects.exclude(language_code=source_language):
        translated = Page.objects.filter(translation_key=key, locale=target)
        published_since_sync = translated.filter(
            live=True,
            has_unpublished_changes=False,
            last_published_at__gte=Subquery(
                TranslationSource.objects.filter(
                    object_id=OuterRef(key), locale_id=OuterRef(locale)
                ).values("last_updated_at")[:1]
            ),
        )
        untranslated = StringSegment.objects.filter(
            source__object_id=key, source__locale_id=locale
        ).filter(
            ~Exists(
                StringTranslation.objects.filter(
                    translation_of_id=OuterRef("string_id"),
                    context_id=OuterRef("context_id"),
                    locale=target,
                )
            )
        )
        annotations[ANNOTATION_PREFIX + target.language_code] = Case(
            When(~Q(**{f"{prefix}locale__language_code": source_language}), then=Value(None)),
            When(~Exists(translated), then=Value(TranslationState.MISSING)),
            When(GreaterThan(changed_at, synced_at), then=Value(TranslationState.OUTDATED)),
            When(Exists(untranslated), then=Value(TranslationState.INCOMPLETE)),
            When(~Exists(published_since_sync), then=Value(TranslationState.INCOMPLETE)),
            default=Value(TranslationState.UP_TO_DATE),
            output_field=models.CharField(),
        )
    return annotations


@dataclass(frozen=True)
class TranslationStatus:
    language_code: str
    state: TranslationState

    @property
    def language_name(self) -> str:
        return get_language_info(self.language_code)["name_translated"]

    @property
    def label(self) -> str:
        return f"{self.language_code.upper()}: {self.state.label}"


def translation_statuses(obj) -> list[TranslationStatus]:
    """The statuses annotated on ``obj`` by ``translation_state_annotations``, by language."""
    return [
        TranslationStatus(
            language_code=name.removeprefix(ANNOTATION_PREFIX), state=TranslationState(state)
        )
        for name, state in sorted(vars(obj).items())
        if name.startswith(ANNOTATION_PREFIX) and state
    ]
