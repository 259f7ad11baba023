"""Wagtail's API v2, mounted beside our own for generic pages, under our visibility rule."""

from wagtail.api.v2 import filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page

from meetings import selectors
from meetings.api.parameters import MAX_OFFSET

SEARCH_OPERATORS = ("and", "or")


class Pagination(WagtailPagination):
    """Wagtail's pagination, with its offset capped as /api/v1/ caps it: the database refuses
    one past 2**63."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # Wagtail's own check answers it.
        if offset > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class SearchFilter(filters.SearchFilter):
    """Wagtail's search, with its operator checked: the search backend raises a plain
    ValueError (a 500) for any other."""

    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if "search" in request.GET and operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        return super().filter_queryset(request, queryset, view)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's own filter knows live and view restrictions, not a passed expiry date."""

    pagination_class = Pagination
    filter_backends = [
        SearchFilter if backend is filters.SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def initial(self, request, *args, **kwargs):
        """Every parameter is refused with a NUL character, before Wagtail looks up a locale, a
        site, a path or a field with it: PostgreSQL text cannot hold NUL."""
        super().initial(request, *args, **kwargs)
        if any("\x00" in name + "".join(values) for name, values in request.GET.lists()):
            raise BadRequestError("query parameters cannot contain NUL characters")

    def get_base_queryset(self):
        public = selectors.public_pages(super().get_base_queryset(), locale=None)
        # The search index filters only on the fields it indexes, and the visibility rule's
        # dates are not among them: searches see the rule's result, by id.
        return Page.objects.filter(pk__in=public.values("pk"))

    def find_object(self, queryset, request):
        """Wagtail's lookup by ``id`` passes the text to the database as it is."""
        if "html_path" not in request.GET and "id" in request.GET:
            if not request.GET["id"].isascii() or not request.GET["id"].isdigit():
                raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)
