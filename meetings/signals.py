"""Anything that may change what the public sees bumps the publication state."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.dateparse import parse_datetime
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Locale, Page, PageLogEntry, PageViewRestriction, Site
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from meetings.models import (
    Consultation,
    MeetingAnnouncementPage,
    Organizer,
    Sphere,
    Venue,
)
from meetings.permissions import grant_translators
from meetings.publication import publication_changed
from meetings.spheres import load_spheres
from meetings.tasks import sync_after_commit


def content_changed(sender, **kwargs):
    """After the commit, so that no process renders the old content under the new version;
    and the change feed's sync, queued once per transaction."""
    transaction.on_commit(publication_changed)
    sync_after_commit()


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        transaction.on_commit(publication_changed)
        sync_after_commit()


def log_rescheduled_meetings(sender, instance, revision, **kwargs):
    """A published change of a meeting's time goes into the page's history, like a rename."""
    previous = (
        PageLogEntry.objects.filter(page_id=instance.pk, action="wagtail.publish")
        .exclude(revision_id=revision.pk)
        .exclude(revision=None)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if previous is None:
        return
    changes = rescheduled_meetings(previous.revision.content, revision.content)
    if changes:
        log(
            instance=instance,
            action="meetings.reschedule",
            data={"meetings": changes},
            revision=revision,
        )


def rescheduled_meetings(before: dict, after: dict) -> list[dict]:
    """Meetings (paired by translation key) whose start or end differs between two contents."""

    def moment(value):
        return parse_datetime(value) if isinstance(value, str) else value

    def times(content):
        return {
            m["translation_key"]: (
                m.get("topic", ""),
                moment(m["start"]),
                moment(m["end"]),
            )
            for m in content.get("meetings", [])
            if m.get("start") and m.get("end")
        }

    old = times(before)
    changes = []
    for key, (topic, start, end) in times(after).items():
        if key in old and old[key][1:] != (start, end):
            changes.append(
                {
                    "topic": topic,
                    "old": {"start": old[key][1].isoformat(), "end": old[key][2].isoformat()},
                    "new": {"start": start.isoformat(), "end": end.isoformat()},
                }
            )
    return changes


def page_saved(sender, instance, created, **kwargs):
    if created and isinstance(instance, Page):
        grant_translators(instance)


def locale_saved(sender, instance, created, **kwargs):
    """A content language added in the admin gets the spheres at once."""
    if created:
        load_spheres()


def reindex_announcement(sender, instance, **kwargs):
    """Wagtail indexes a page as it saves, before its meetings are saved: index it again
    once they are, so that their words are found (``MeetingAnnouncementPage.search_lemmas``)."""
    index.insert_or_update_object(instance)


def connect():
    from meetings.api.purge import purge_api_and_feeds

    page_published.connect(purge_api_and_feeds, dispatch_uid="meetings-purge-published")
    page_unpublished.connect(purge_api_and_feeds, dispatch_uid="meetings-purge-unpublished")
    page_published.connect(content_changed, dispatch_uid="meetings-published")
    page_published.connect(
        reindex_announcement, sender=MeetingAnnouncementPage, dispatch_uid="meetings-reindex"
    )
    page_published.connect(
        log_rescheduled_meetings, sender=MeetingAnnouncementPage, dispatch_uid="meetings-reschedule"
    )
    page_unpublished.connect(content_changed, dispatch_uid="meetings-unpublished")
    post_page_move.connect(content_changed, dispatch_uid="meetings-page-moved")
    post_delete.connect(page_deleted, dispatch_uid="meetings-page-deleted")
    post_save.connect(page_saved, dispatch_uid="meetings-page-saved")
    post_save.connect(locale_saved, sender=Locale, dispatch_uid="meetings-locale-saved")
    # A document or image replaced under the same id gets a new address (and loses its old
    # renditions): the pages, feeds and API that link to it must not keep the old one.
    files = (get_document_model(), get_image_model())
    for model in (
        Sphere,
        Venue,
        Organizer,
        Consultation,
        PageViewRestriction,
        Site,
        Locale,
        *files,
    ):
        post_save.connect(
            content_changed, sender=model, dispatch_uid=f"meetings-save-{model.__name__}"
        )
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"meetings-delete-{model.__name__}"
        )
