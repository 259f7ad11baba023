import pytest
from wagtail.models import Site

from meetings.models import AnnouncementIndexPage, SchedulePage
from tests.factories import member_of


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def editor(db):
    return member_of("Redaktorzy", "redaktorka")


@pytest.fixture
def moderator(db):
    return member_of("Moderatorzy", "moderator")


@pytest.fixture
def translator(db):
    return member_of("Tłumacze", "tlumaczka")


@pytest.fixture
def index(home):
    page = AnnouncementIndexPage(title="Ogłoszenia", slug="ogloszenia")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def schedule(home):
    page = SchedulePage(title="Harmonogram spotkań", slug="harmonogram")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches site root paths; a rolled-back test must not leave its sites behind."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
