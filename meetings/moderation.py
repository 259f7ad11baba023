"""Every path to the public goes through publish permission or the moderation workflow.

wagtail-localize can publish on its own: its sync ("Publish immediately"), its translation of a
live page and its conversion of a translation back into an alias all make pages live without
asking whether the user may publish. The views in ``translation_views`` wrap those with the
rules here. Snippets have no drafts, so changing one that a published announcement shows
takes a permission of its own, which moderators have.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import Translation

from meetings import selectors
from meetings.models import Consultation, Organizer, Venue

PUBLIC_SNIPPETS = (Venue, Organizer, Consultation)


def may_change_snippet(user, obj) -> bool:
    """May ``user`` change ``obj`` (a venue, organiser or consultation) as it stands?"""
    meta = obj._meta
    if not user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
        return False
    if not isinstance(obj, PUBLIC_SNIPPETS) or obj.pk is None:
        return True
    if user.has_perm(f"{meta.app_label}.change_published_{meta.model_name}"):
        return True
    return not selectors.announcements_showing(obj).exists()


def may_publish(user, obj) -> bool:
    """May ``user`` make ``obj`` (a translation's target) public as it is?"""
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_publish()
    return may_change_snippet(user, obj)


def enabled_targets(source) -> list:
    """The objects that a sync of ``source`` (a TranslationSource) would write."""
    targets = []
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        try:
            targets.append(translation.get_target_instance())
        except ObjectDoesNotExist:
            continue
    return targets


@transaction.atomic
def save_translation_draft(translation: Translation, *, user) -> Page:
    """Save the translated page from its current strings as a draft, and return it.

    wagtail-localize's ``save_target(publish=False)`` writes the content into the page's row
    and its meetings' rows, which for a live page are what the public sees. For a live page
    the draft is made inside a savepoint, read, rolled back and kept as a revision only.
    """
    target = translation.get_target_instance()
    if not target.live:
        translation.save_target(user=user, publish=False)
        return Page.objects.get(pk=target.pk).specific
    savepoint = transaction.savepoint()
    translation.save_target(user=user, publish=False)
    content = Page.objects.get(pk=target.pk).get_latest_revision().content
    transaction.savepoint_rollback(savepoint)
    page = Page.objects.get(pk=target.pk).specific
    page.with_content_json(content).save_revision(user=user, log_action=True)
    return Page.objects.get(pk=target.pk).specific


def submit_for_moderation(page: Page, *, user) -> bool:
    """Start the page's workflow on its latest revision, unless one is already under way (it
    will publish the latest revision when approved). False when the page has no workflow."""
    workflow = page.get_workflow()
    if workflow is None:
        return False
    if not page.workflow_in_progress:
        workflow.start(page, user)
    return True


def submit_translation(translation: Translation, *, user) -> Page:
    """A translation goes to the moderators as a draft of its target page."""
    page = save_translation_draft(translation, user=user)
    submit_for_moderation(page, user=user)
    return page
