"""Anything that may change what the public sees bumps the publication state."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from meetings.models import Consultation, Organizer, PublicationState, Sphere, Venue


def content_changed(sender, **kwargs):
    transaction.on_commit(PublicationState.bump)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        transaction.on_commit(PublicationState.bump)


def connect():
    from meetings.api.purge import purge_api

    page_published.connect(purge_api, dispatch_uid="meetings-purge-published")
    page_unpublished.connect(purge_api, dispatch_uid="meetings-purge-unpublished")
    page_published.connect(content_changed, dispatch_uid="meetings-published")
    page_unpublished.connect(content_changed, dispatch_uid="meetings-unpublished")
    post_delete.connect(page_deleted, dispatch_uid="meetings-page-deleted")
    for model in (Sphere, Venue, Organizer, Consultation, PageViewRestriction):
        post_save.connect(
            content_changed, sender=model, dispatch_uid=f"meetings-save-{model.__name__}"
        )
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"meetings-delete-{model.__name__}"
        )
