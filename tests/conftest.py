import io
import os
import uuid
from itertools import groupby

import pytest
import redis
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Site

from tests.factories import announcement_index, member_of, schedule_page
from tests.redis_support import TEST_REDIS_URL, redis_cache, redis_reachable

FOURTH_LANGUAGE_SETTINGS = "cms.settings.test_fourth_language"


def pytest_ignore_collect(collection_path, config):
    """tests/fourth_language/ needs its own settings: `make test` runs it with them."""
    if collection_path.name == "fourth_language":
        return os.environ.get("DJANGO_SETTINGS_MODULE") != FOURTH_LANGUAGE_SETTINGS
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """In each stretch of one module's tests (pytest-django has put the transactional ones
    last), the tests on the demo site (``demo_content``, kept for the rest of the module once
    loaded) run after the others, which expect an empty site."""
    items[:] = [
        item
        for _path, stretch in groupby(items, key=lambda item: item.path)
        for item in sorted(stretch, key=lambda item: "demo_content" in item.fixturenames)
    ]
    # A transactional test empties the database when it ends, and the demo site stays loaded
    # until its module's last test: a module has the one or the other.
    demo, transactional = set(), set()
    for item in items:
        if "demo_content" in item.fixturenames:
            demo.add(item.path)
        marker = item.get_closest_marker("django_db")
        by_marker = marker and marker.kwargs.get("transaction")
        if by_marker or {"transactional_db", "live_server"} & set(item.fixturenames):
            transactional.add(item.path)
    if both := sorted(str(path) for path in demo & transactional):
        raise pytest.UsageError(
            f"{', '.join(both)}: a module with tests on the demo site has no transactional tests"
        )


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo site, loaded once for the module (seconds) in a transaction rolled back after
    its last test; each test's own transaction (the ``db`` fixture) is a savepoint in it, so
    what a test changes is gone before the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_content, db):
    """The demo site, for a test of its own."""


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


@pytest.fixture
def shared_cache(settings, pinned_clock):
    """The site's cache on the tests' Redis, as production has it (``tests/redis_support.py``);
    the test's keys are deleted afterwards."""
    if not redis_reachable(TEST_REDIS_URL):
        pytest.skip(f"Redis is not reachable at {TEST_REDIS_URL}: start redis-server to run this")
    prefix = f"spotkania-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = redis_cache(TEST_REDIS_URL, prefix)
    settings.MEETINGS_RESPONSE_CACHE_SECONDS = 300
    yield prefix
    server = redis.Redis.from_url(TEST_REDIS_URL)
    for key in server.scan_iter(match=f"{prefix}:*"):
        server.delete(key)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit, as the end of an editor's request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
