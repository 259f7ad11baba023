"""Admin: from a translation status to the action that moves it on (wagtail-localize's views)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from meetings.translation import ANNOTATION_PREFIX, TranslationState, translation_state_annotations


def translation_action(request, page_id: int, language_code: str):
    """Missing: translate it; source changed: sync; otherwise: open the translation editor."""
    locale = get_object_or_404(Locale, language_code=language_code)
    annotations = translation_state_annotations()
    name = ANNOTATION_PREFIX + locale.language_code
    if name not in annotations:
        raise Http404
    page = get_object_or_404(Page.objects.annotate(**{name: annotations[name]}), pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    state = getattr(page, name)
    if state is None:
        raise Http404
    if state == TranslationState.MISSING:
        return redirect("wagtail_localize:submit_page_translation", page.pk)
    if state == TranslationState.OUTDATED:
        source = TranslationSource.objects.get_for_instance(page)
        return redirect(
            reverse("wagtail_localize:update_translations", args=[source.pk])
            + "?next="
            + reverse("wagtailadmin_explore", args=[page.get_parent().pk])
        )
    translated = page.get_translation(locale)
    return redirect("wagtailadmin_pages:edit", translated.pk)
