import os

import pytest
from wagtail.models import Site

from tests.factories import announcement_index, member_of, schedule_page

FOURTH_LANGUAGE_SETTINGS = "cms.settings.test_fourth_language"


def pytest_ignore_collect(collection_path, config):
    """tests/fourth_language/ needs its own settings: `make test` runs it with them."""
    if collection_path.name == "fourth_language":
        return os.environ.get("DJANGO_SETTINGS_MODULE") != FOURTH_LANGUAGE_SETTINGS
    return None


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
    return announcement_index(home)


@pytest.fixture
def schedule(home):
    return schedule_page(home)


@pytest.fixture
def pinned_clock(monkeypatch) -> float:
    """The publication version's clock stands still: a test that crossed into the next
    five-minute bucket (or day) would find nothing kept and every ETag changed."""
    from meetings import publication

    now = publication.clock()
    monkeypatch.setattr(publication, "clock", lambda: now)
    return now


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches site root paths; a rolled-back test must not leave its sites behind."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
