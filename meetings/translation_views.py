"""Admin: from a translation status to the action that moves it on, and wagtail-localize's
views that can publish, wrapped so that they publish only for those who may."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import convert as localize_convert
from wagtail_localize.views import update_translations as localize_update

from meetings import moderation
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


def update_translations(request, translation_source_id: int):
    """wagtail-localize's "Sync translated pages". Its "Publish immediately" publishes only for
    users who may publish every translation; for anyone else the synced translations become
    drafts submitted to the moderators, as the editor's own pages are."""
    source = get_object_or_404(TranslationSource, pk=translation_source_id)
    if request.method != "POST" or not request.POST.get("publish_translations"):
        return _localize_update(request, translation_source_id=translation_source_id)
    targets = moderation.enabled_targets(source)
    if all(moderation.may_publish(request.user, target) for target in targets):
        return _localize_update(request, translation_source_id=translation_source_id)
    if not all(_may_submit(request.user, target) for target in targets):
        raise PermissionDenied
    request.POST = request.POST.copy()
    request.POST.pop("publish_translations")
    with transaction.atomic():
        response = _localize_update(request, translation_source_id=translation_source_id)
        if response.status_code == 302:
            for translation in source.translations.filter(enabled=True):
                moderation.submit_translation(translation, user=request.user)
            messages.info(
                request,
                _(
                    "You may not publish these pages: the synced translations were saved as "
                    "drafts and submitted for moderation."
                ),
            )
    return response


def convert_to_alias(request, page_id: int):
    """Converting a translation into an alias of its source copies the source's content and
    live state onto the page: that publishes (or unpublishes) it, so it takes publish
    permission."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return localize_convert.convert_to_alias(request, page_id)


def submit_translation(request, page_id: int):
    """Save a translated page from its translated strings and submit it for moderation: how a
    translator's work reaches the moderators, since the translation editor only publishes."""
    page = get_object_or_404(Page, pk=page_id).specific
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )
    if translation is None:
        raise Http404
    if not _may_submit(request.user, page):
        raise PermissionDenied
    if request.method == "POST":
        moderation.submit_translation(translation, user=request.user)
        messages.success(
            request,
            _("The translation '%(title)s' was submitted for moderation.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(
        request,
        "meetings/admin/submit_translation.html",
        {"page": page, "workflow": page.get_workflow()},
    )


def _may_submit(user, target) -> bool:
    if not isinstance(target, Page):
        return False
    if not target.permissions_for_user(user).can_edit():
        return False
    lock = target.get_lock()
    return lock is None or not lock.for_user(user)


_localize_update = localize_update.UpdateTranslationsView.as_view()
