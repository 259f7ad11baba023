"""Translate pages and snippets with wagtail-localize, from code (demo content, imports, tests)."""

from collections.abc import Mapping

from django.db import transaction
from wagtail.models import DraftStateMixin, Locale, Revision
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
