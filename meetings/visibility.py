"""The one visibility rule: which pages the public may see.

It needs nothing of the plugin's models, so that the models' own mixins, the selectors and
every output can share it without importing each other.
"""

from datetime import datetime

from django.db.models import BooleanField, F, Func, Q, QuerySet
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

__all__ = ["outside_publication_window", "public_pages"]


class InPrivateSection(Func):
    """True for a page under a view restriction: on it or on one of its ancestors, whose path
    begins the page's. Wagtail's ``PageQuerySet.public()`` asks the same, but reads every
    restriction first in a query of its own, each time it is called; this is one subquery of
    the query it is part of."""

    output_field = BooleanField()

    def __init__(self):
        super().__init__(F("path"))

    def as_sql(self, compiler, connection, **extra_context):
        quote = connection.ops.quote_name
        pages = quote(Page._meta.db_table)
        restrictions = quote(PageViewRestriction._meta.db_table)
        template = (
            f"EXISTS (SELECT 1 FROM {restrictions} AS restriction "  # noqa: S608 (table names)
            f"INNER JOIN {pages} AS restricted ON restricted.id = restriction.page_id "
            "WHERE SUBSTR(%(expressions)s, 1, LENGTH(restricted.path)) = restricted.path)"
        )
        return super().as_sql(compiler, connection, template=template, **extra_context)


def public_pages(
    pages: QuerySet[Page] | None = None, *, locale: Locale | None, now: datetime | None = None
) -> QuerySet[Page]:
    """The pages the public may see, in ``locale`` (``None``: every locale): the visibility rule."""
    now = now or timezone.now()
    pages = (
        (Page.objects.all() if pages is None else pages)
        .live()
        .exclude(InPrivateSection())
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
