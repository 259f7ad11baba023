"""The one visibility rule: which pages the public may see.

It needs nothing of the plugin's models, so that the models' own mixins, the selectors and
every output can share it without importing each other.
"""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Locale, Page

__all__ = ["outside_publication_window", "public_pages"]


def public_pages(
    pages: QuerySet[Page] | None = None, *, locale: Locale | None, now: datetime | None = None
) -> QuerySet[Page]:
    """The pages the public may see, in ``locale`` (``None``: every locale): the visibility rule."""
    now = now or timezone.now()
    pages = (
        (Page.objects.all() if pages is None else pages)
        .live()
        .public()
        .filter(expired=False)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
    )
    return pages if locale is None else pages.filter(locale=locale)


def outside_publication_window(page: Page, *, now: datetime | None = None) -> bool:
    """True for a live page that has expired or is not due yet, before Wagtail's scheduler
    has caught up with it: the same dates ``public_pages`` checks, for one page being served.
    """
    now = now or timezone.now()
    return bool(
        page.expired
        or (page.expire_at and page.expire_at <= now)
        or (page.go_live_at and page.go_live_at > now)
    )
