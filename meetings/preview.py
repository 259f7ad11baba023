"""Headless preview: a signed, short-lived token that the portal exchanges for a draft's JSON."""

from datetime import timedelta

from django.core import signing
from django.utils import timezone

from meetings.conf import plugin_settings
from meetings.models import HeadlessPreview

SALT = "meetings.headless-preview"


def max_age() -> int:
    return int(plugin_settings.HEADLESS_PREVIEW_MAX_AGE)


def create_token(page) -> str:
    """Snapshot the page as the editor sees it and sign a token for it."""
    HeadlessPreview.objects.filter(
        created_at__lt=timezone.now() - timedelta(seconds=max_age())
    ).delete()
    preview = HeadlessPreview.snapshot(page)
    return signing.dumps({"preview": preview.pk}, salt=SALT, compress=True)


class InvalidToken(Exception):
    pass


def page_for_token(token: str):
    """The previewed page, or InvalidToken for a bad, expired or foreign token."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
        preview = HeadlessPreview.objects.get(pk=data["preview"])
    except (signing.BadSignature, HeadlessPreview.DoesNotExist, KeyError, TypeError) as error:
        raise InvalidToken from error
    return preview.as_page()


def portal_url(token: str) -> str | None:
    template = plugin_settings.HEADLESS_PREVIEW_PORTAL_URL
    return template.format(token=token) if template else None
