"""Every public list and page runs a fixed number of queries, whatever the data and page size.

The data comes from ``seed_bench`` (both languages, every sphere, venues, cancelled meetings),
at two sizes; each URL is requested once first, as a running server would have been, so that
Wagtail's site-root cache and image renditions are warm.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from tests.factories import announcement, english, meeting, warsaw

SPHERE = "pomoc-spoleczna"

# Queries per request, as measured when the budgets were set, with the example site's three
# languages (an item's links to its translations take a query or two per other language), and
# without a shared cache, so that nothing is kept per publication version (a page's layout
# is: tests/test_shared_cache.py). A list of meetings reads their announcements with a query of
# its own, which PostgreSQL plans in a fraction of the time of a join (``with_relations``).
# A change that adds a query has to raise the budget here, on purpose.
BUDGETS = {
    "/api/v1/meetings/?limit={limit}": 17,
    f"/api/v1/meetings/?limit={{limit}}&sphere={SPHERE}&from=2015-01-01&to=2068-12-31": 18,
    "/api/v1/meetings/?limit={limit}&locale=en": 17,
    "/api/v1/announcements/?limit={limit}": 27,
    "/api/v1/announcements/{announcement}/": 26,
    "/api/v1/spheres/": 9,
    "/api/v1/venues/": 8,
    "/api/v1/organizers/": 8,
    "/api/v1/schedule/": 16,
    "/harmonogram/": 37,
    f"/harmonogram/sfera/{SPHERE}/": 36,
    "/ogloszenia/{slug}/": 31,
    "/": 29,
    "/harmonogram/feed.ics": 20,
    "/ogloszenia/rss.xml": 12,
    "/sitemap.xml": 4,
    "/szukaj/?q=spotkania": 21,
}


@pytest.fixture
def site(index, schedule):
    """The announcement index in English (copied with its parents, as pages of their own),
    and one announcement made the way editors make them."""
    index.copy_for_translation(english(), copy_parents=True)
    Page.objects.filter(locale=english()).update(alias_of=None)
    for page in Page.objects.filter(locale=english()).order_by("path"):
        page.specific.save_revision().publish()
    next_week = timezone.localdate() + timedelta(days=7)
    return announcement(
        index,
        title="Spotkania branżowe",
        meetings=[
            meeting(start=warsaw(next_week.year, next_week.month, next_week.day)),
            meeting(start=warsaw(2059, 3, 4), sphere_numbers=("1", "15")),
        ],
    )


def seed(announcements: int):
    call_command(
        "seed_bench",
        announcements=announcements,
        meetings_per=6,
        reset=True,
        quiet=True,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )


def queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def counts(client, page, *, limit: int) -> dict[str, int]:
    return {
        template: queries(
            client, template.format(limit=limit, announcement=page.pk, slug=page.slug)
        )
        for template in BUDGETS
    }


def test_query_counts_do_not_grow_with_the_data(client, site):
    seed(2)
    small = counts(client, site, limit=50)
    seed(12)
    large = counts(client, site, limit=50)

    assert {url: n for url, n in large.items() if n != small[url]} == {}


def test_query_counts_do_not_grow_with_the_page_size(client, site):
    seed(12)

    assert counts(client, site, limit=50) == counts(client, site, limit=5)


def test_every_output_keeps_to_its_query_budget(client, site):
    seed(12)

    over = {
        url: (n, BUDGETS[url])
        for url, n in counts(client, site, limit=50).items()
        if n > BUDGETS[url]
    }
    assert over == {}
