"""`make backup` and `make restore` bring back a bilingual site with its media, byte for byte.

The round trip runs the management commands in subprocesses against a scratch site of its own
(a file database on SQLite, a scratch database on PostgreSQL), because restoring replaces the
whole database, which pytest-django's test database must not undergo.
"""

import hashlib
import json
import os
import stat
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
import redis

from tests.scratch_site import ROOT, ScratchSite, on_postgresql

ADD_MEDIA = """
import io
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from meetings.models import Meeting

document = get_document_model().objects.create(
    title="Protokół ze spotkania",
    file=ContentFile(b"%PDF-1.4 protokol ze spotkania 10 czerwca" * 50, name="protokol.pdf"),
)
picture = io.BytesIO()
PillowImage.new("RGB", (64, 48), (0, 66, 122)).save(picture, "PNG")
get_image_model().objects.create(
    title="Sala obrad", file=ImageFile(io.BytesIO(picture.getvalue()), name="sala.png")
)
Meeting.objects.filter(locale__language_code="pl").update(minutes_document=document)
"""

SNAPSHOT = """
import json
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from meetings.models import Meeting, Sphere

print(json.dumps({
    "pages": sorted(
        [p.locale.language_code, p.url_path, p.title, p.live]
        for p in Page.objects.filter(depth__gt=1).select_related("locale")
    ),
    "meetings": sorted(
        [str(m.translation_key), m.locale.language_code, m.topic, m.minutes_document_id]
        for m in Meeting.objects.select_related("locale")
    ),
    "spheres": sorted(
        [s.locale.language_code, s.number, s.name] for s in Sphere.objects.select_related("locale")
    ),
    "documents": sorted([d.title, d.file.name] for d in get_document_model().objects.all()),
    "images": sorted([i.title, i.file.name] for i in get_image_model().objects.all()),
}))
"""

DAMAGE = """
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from meetings.models import MeetingAnnouncementPage, Sphere

MeetingAnnouncementPage.objects.filter(locale__language_code="en").first().delete()
MeetingAnnouncementPage.objects.filter(locale__language_code="pl").first().delete()
Sphere.objects.filter(number="15").update(name="zmieniona nazwa")
get_document_model().objects.all().delete()
image = get_image_model().objects.get()
with open(image.file.path, "wb") as file:
    file.write(b"not a picture any more")
"""


def shell(site, code) -> str:
    return site.manage("shell", "--no-imports", "-c", code)


def checksums(media_root: Path) -> dict[str, str]:
    return {
        path.relative_to(media_root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media_root.rglob("*"))
        if path.is_file() and path.parts[-2] in ("documents", "original_images")
    }


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory):
    site = ScratchSite()
    try:
        site.build()
        shell(site, ADD_MEDIA)
        before = json.loads(shell(site, SNAPSHOT))
        files = checksums(site.media_root)
        output = tmp_path_factory.mktemp("backups")
        archive = Path(site.manage("backup_site", "--output-dir", str(output)).strip())
        yield site, before, files, archive
    finally:
        site.close()


def test_the_archive_holds_the_database_the_media_and_a_manifest(backed_up):
    site, _before, files, archive = backed_up

    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))

    assert archive.name.startswith("spotkania-") and archive.name.endswith(".tar.gz")
    assert ("database.dump" if on_postgresql() else "database.sqlite3") in names
    assert {f"media/{name}" for name in files} <= names
    assert manifest["engine"].endswith("postgresql" if on_postgresql() else "sqlite3")
    assert "meetings.0003_editor_groups_and_workflow" in manifest["migrations"]


def test_restoring_brings_back_every_language_meetings_spheres_and_media_files(backed_up):
    site, before, files, archive = backed_up
    assert len(files) == 2
    assert {page[0] for page in before["pages"]} == {"pl", "en", "uk"}
    assert any(m[3] for m in before["meetings"])
    assert json.loads(shell(site, DAMAGE + SNAPSHOT)) != before
    assert checksums(site.media_root) != files

    report = site.manage("restore_site", "--no-input", str(archive))

    assert json.loads(shell(site, SNAPSHOT)) == before
    assert checksums(site.media_root) == files
    assert "pages: pl" in report and "2 media files" in report


def test_a_backup_is_refused_by_a_database_of_another_engine(backed_up, tmp_path):
    site, _before, _files, archive = backed_up
    other = (
        f"sqlite:///{tmp_path / 'other.sqlite3'}"
        if on_postgresql()
        else "postgres://postgres@127.0.0.1:5432/spotkania_never_touched"
    )

    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "restore_site", "--no-input", str(archive)],
        cwd=ROOT,
        env={**site.env, "DATABASE_URL": other},
        capture_output=True,
        text=True,
    )

    assert result.returncode == 1
    assert "restore it into a database of the same engine" in result.stderr


def test_the_archive_and_the_directory_it_makes_are_for_the_owner_only(backed_up, tmp_path):
    site, _before, _files, _archive = backed_up
    output = tmp_path / "new" / "backups"

    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "backup_site", "--output-dir", str(output)],
        cwd=ROOT,
        env=site.env,
        capture_output=True,
        text=True,
        umask=0o000,
        check=True,
    )
    archive = Path(result.stdout.strip())

    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(output.stat().st_mode) == 0o700
    assert stat.S_IMODE(output.parent.stat().st_mode) == 0o700
    with tarfile.open(archive) as tar:
        assert "manifest.json" in tar.getnames()


TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable() -> bool:
    try:
        return bool(redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(not redis_reachable(), reason=f"Redis is not reachable at {TEST_REDIS_URL}")
def test_restoring_clears_this_sites_cache_keys_and_no_other_sites(backed_up):
    site, before, _files, archive = backed_up
    prefix = f"spotkania-test-restore-{uuid.uuid4().hex[:12]}"
    foreign = f"other-site-{uuid.uuid4().hex[:12]}:1:meetings:publication-version"
    own = f"{prefix}:1:meetings:publication-version"
    server = redis.Redis.from_url(TEST_REDIS_URL)
    server.set(foreign, b"7")
    server.set(own, b"7")
    try:
        site.manage(
            "restore_site",
            "--no-input",
            str(archive),
            REDIS_URL=TEST_REDIS_URL,
            CACHE_KEY_PREFIX=prefix,
        )

        assert server.get(own) is None
        assert server.get(foreign) == b"7"
        assert json.loads(shell(site, SNAPSHOT)) == before
    finally:
        server.delete(foreign, own)
        for key in server.scan_iter(match=f"{prefix}:*"):
            server.delete(key)


@pytest.mark.skipif(not redis_reachable(), reason=f"Redis is not reachable at {TEST_REDIS_URL}")
def test_clearing_the_sites_redis_cache_deletes_its_keys_only(settings):
    """More keys than one SCAN batch; django-redis's own ``clear`` would FLUSHDB."""
    from django.core.cache import cache

    prefix = f"spotkania-test-restore-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.redis_cache.SiteRedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    foreign = f"other-site-{uuid.uuid4().hex[:12]}:1:x"
    server = redis.Redis.from_url(TEST_REDIS_URL)
    server.set(foreign, b"7")
    cache.set_many({f"key-{number}": number for number in range(1500)})
    try:
        cache.clear()

        assert list(server.scan_iter(match=f"{prefix}:*")) == []
        assert server.get(foreign) == b"7"
    finally:
        server.delete(foreign)
