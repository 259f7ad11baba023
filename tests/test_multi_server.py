"""Two app servers on one PostgreSQL and one Redis: what one publishes, the other serves at once.

Two gunicorn processes (``--workers 2`` each) run the production settings on free ports, on
the test database and on Redis database 15 (TEST_REDIS_URL) under a key prefix of this run.
Production's static files storage needs a manifest, so ``collectstatic`` first writes one into
a temporary STATIC_ROOT: a settings module there imports ``cms.settings.production`` and changes
only that. Requests carry ``Host: localhost``, as a load balancer passes on the public host
name, so both servers read and write the same cache entries.

The editor publishes and unpublishes through server A's admin (bulk publish, unpublish) with
a session made by the test process: sessions live in the database, so any server accepts them.
On SQLite the module is skipped: two processes on one SQLite file are not the production shape.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import redis
from django.conf import settings

from meetings.models import MeetingAnnouncementPage
from meetings.publication import TIME_BUCKET_SECONDS
from tests.factories import announcement, meeting, warsaw

if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    pytest.skip(
        "two app servers need PostgreSQL: set DATABASE_URL=postgres://… to run this module "
        "(two processes on one SQLite file are not the production shape)",
        allow_module_level=True,
    )

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
BASE_DIR = Path(__file__).resolve().parent.parent
PUBLIC_HOST = "localhost"
START_TIMEOUT = 60  # seconds for a server to answer its first request
REQUEST_TIMEOUT = 30
OLD_TOPIC = "Konsultacje budzetu obywatelskiego"
NEW_TOPIC = "Konsultacje programu sportowego"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Server:
    """One gunicorn process, always stopped by the fixture that started it."""

    def __init__(self, name: str, env: dict, log_dir: Path):
        self.name = name
        self.port = free_port()
        self.log = log_dir / f"gunicorn-{name}.log"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            "--workers=2",
            "--preload",
            "--timeout=60",
            "--graceful-timeout=5",
        ]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command,
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server {self.name} exited:\n{self.log_tail()}")
            try:
                # Any answer will do: the database may be empty until the test's data is in.
                self.request("GET", "/healthz")
                return
            except OSError:
                time.sleep(0.2)  # not listening yet
        raise RuntimeError(f"server {self.name} did not answer in {START_TIMEOUT} s")

    def request(self, method, path, *, headers=None, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(
                method, path, body=body, headers={"Host": PUBLIC_HOST, **(headers or {})}
            )
            response = connection.getresponse()
            response.text = response.read().decode()
            return response
        finally:
            connection.close()

    def get(self, path, **headers):
        response = self.request("GET", path, headers=headers)
        assert response.status == 200, f"{self.name} {path}: {response.status}"
        return response

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        """Gunicorn's quick shutdown (SIGINT); its whole process group is killed if it hangs."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or "5432"
    return f"postgres://{credentials}@{host}:{port}/{db['NAME']}"


@pytest.fixture(scope="module")
def cache_prefix():
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"Redis is not reachable at {TEST_REDIS_URL}: start redis-server to run this")
    prefix = f"spotkania-multi-{uuid.uuid4().hex[:12]}"
    yield prefix
    delete_keys(prefix)


def delete_keys(prefix: str) -> None:
    server = redis.Redis.from_url(TEST_REDIS_URL)
    for key in server.scan_iter(match=f"{prefix}:*"):
        server.delete(key)


@pytest.fixture(scope="module")
def servers(django_db_setup, cache_prefix, tmp_path_factory):
    directory = tmp_path_factory.mktemp("multi-server")
    (directory / "multi_server_settings.py").write_text(
        "from cms.settings.production import *  # noqa: F403\n"
        f"STATIC_ROOT = {str(directory / 'static')!r}\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(directory), str(BASE_DIR)]),
        "DJANGO_SETTINGS_MODULE": "multi_server_settings",
        "SECRET_KEY": settings.SECRET_KEY,  # the test process's sessions must be valid there
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url(),
        "DB_CONN_MAX_AGE": "0",  # nothing left connected when the test database is dropped
        "REDIS_URL": TEST_REDIS_URL,
        "CACHE_KEY_PREFIX": cache_prefix,
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=120,
    )
    started = []
    try:
        for name in ("A", "B"):
            started.append(Server(name, env, directory))
        for server in started:
            server.wait_until_ready()
        yield tuple(started)
    finally:
        for server in started:
            server.stop()


def clear_of_the_bucket_turn(margin: float = 60) -> None:
    """Wait, if need be, until the five-minute bucket has more than ``margin`` seconds left.

    Cache keys change with the bucket: a test that expects a hit must not run across its turn.
    The servers run on this machine's clock.
    """
    left = TIME_BUCKET_SECONDS - time.time() % TIME_BUCKET_SECONDS
    if left < margin:
        time.sleep(left + 0.5)


@pytest.fixture
def site(servers, cache_prefix, index, schedule):
    """Both servers, an empty cache (the database was emptied after the last test) and a
    published announcement."""
    delete_keys(cache_prefix)
    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10), topic=OLD_TOPIC)])
    clear_of_the_bucket_turn()
    return (*servers, page)


@pytest.fixture
def editor_session(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "r@example.org", "haslo-123")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def post_in_admin(server, path, session, fields=None):
    """What an editor's browser does: open the confirmation page, then submit it."""
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    form = server.request("GET", path, headers={"Cookie": cookie})
    assert form.status == 200, f"{path}: {form.status}\n{server.log_tail()}"
    cookies = SimpleCookie()
    for header in form.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    token = cookies[settings.CSRF_COOKIE_NAME].value
    response = server.request(
        "POST",
        path,
        headers={
            "Cookie": f"{cookie}; {settings.CSRF_COOKIE_NAME}={token}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=urlencode({"csrfmiddlewaretoken": token, **(fields or {})}),
    )
    assert response.status == 302, f"{path}: {response.status}\n{server.log_tail()}"


def public_urls(page) -> list[str]:
    return ["/api/v1/meetings/", page.url, "/harmonogram/feed.ics"]


def warm(a, b, urls) -> None:
    """Server A renders each URL once; server B is then served from the same cache."""
    for url in urls:
        assert a.get(url).headers["X-Cache"] == "miss", url
        assert b.get(url).headers["X-Cache"] == "hit", url
        assert OLD_TOPIC in b.get(url).text, url


def test_a_change_published_through_one_server_is_served_at_once_by_the_other(site, editor_session):
    a, b, page = site
    urls = public_urls(page)
    warm(a, b, urls)
    etag = b.get("/api/v1/meetings/").headers["ETag"]
    draft = MeetingAnnouncementPage.objects.get(pk=page.pk)
    meetings = list(draft.meetings.all())
    meetings[0].topic = NEW_TOPIC
    draft.meetings = meetings
    draft.save_revision()  # a draft: nothing public changes yet
    assert b.get(page.url).headers["X-Cache"] == "hit"

    post_in_admin(a, f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", editor_session)

    for url in urls:
        response = b.get(url)
        assert response.headers["X-Cache"] == "miss", url
        assert NEW_TOPIC in response.text, url
        assert OLD_TOPIC not in response.text, url
    assert b.get("/api/v1/meetings/").headers["ETag"] != etag


def test_an_announcement_unpublished_through_one_server_is_gone_from_the_other(
    site, editor_session
):
    a, b, page = site
    urls = public_urls(page)
    warm(a, b, urls)

    post_in_admin(a, f"/admin/pages/{page.pk}/unpublish/", editor_session)

    assert b.request("GET", page.url).status == 404
    for url in ["/api/v1/meetings/", "/harmonogram/feed.ics"]:
        response = b.get(url)
        assert response.headers["X-Cache"] == "miss", url
        assert OLD_TOPIC not in response.text, url
