"""Wagtail's admin API, with one change to who may read a page's details."""

from django.db.models import F, Q
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.models import Page

from meetings.visibility import public_pages


class PagesAdminAPI(PagesAdminAPIViewSet):
    """One page's details for the pages a user may explore, as Wagtail has it, and for the
    pages everyone may see whose title waits in no draft.

    wagtail-localize's translation editor reads the page a translated link points to from
    here, and a translation keeps the source's page until the translator picks another: a
    translator, who explores only the target languages' trees, saw an empty choice. A public
    page tells nothing the site does not, unless a new title waits in its draft, which the
    details would show and which stays with those who may explore the page. Listings and
    actions keep Wagtail's rule.
    """

    def get_base_queryset(self):
        explorable = super().get_base_queryset()
        if self.action != "detail_view":
            return explorable
        public = public_pages(Page.objects.filter(title=F("draft_title")), locale=None)
        return Page.objects.filter(
            Q(pk__in=explorable.values("pk")) | Q(pk__in=public.values("pk"))
        )
