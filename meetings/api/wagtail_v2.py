"""Wagtail's API v2, mounted beside our own for generic pages, under our visibility rule."""

from wagtail.api.v2.views import PagesAPIViewSet

from meetings import selectors


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's own filter knows live and view restrictions, not a passed expiry date."""

    def get_base_queryset(self):
        return selectors.public_pages(super().get_base_queryset(), locale=None)
