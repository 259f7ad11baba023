"""Bring the site back from an archive made by backup_site: database first, then media."""

import json
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from wagtail.models import Page

from home.management.commands.backup_site import (
    DATABASE_FILES,
    MANIFEST,
    POSTGRESQL,
    postgres_environment,
    run,
)


class Command(BaseCommand):
    help = "Restore the database and the media files from an archive made by backup_site."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A spotkania-*.tar.gz made by backup_site.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, archive, interactive, **options):
        database = settings.DATABASES[DEFAULT_DB_ALIAS]
        engine = database["ENGINE"]
        if not Path(archive).is_file():
            raise CommandError(f"No such archive: {archive}")

        with tempfile.TemporaryDirectory(prefix="spotkania-restore-") as work:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work, filter="data")
            try:
                manifest = json.loads((Path(work) / MANIFEST).read_text())
            except FileNotFoundError as error:
                raise CommandError(f"{archive} is not a backup made by backup_site.") from error
            if manifest["engine"] != engine:
                raise CommandError(
                    f"This backup holds a {manifest['engine'].rsplit('.', 1)[-1]} database and the "
                    f"configured database is {engine.rsplit('.', 1)[-1]}; restore it into a "
                    "database of the same engine (set DATABASE_URL)."
                )
            if interactive:
                answer = input(
                    f"This replaces the database {database['NAME']} and the files in "
                    f"{settings.MEDIA_ROOT} with the backup of {manifest['created_at']}. "
                    "Type 'yes' to continue: "
                )
                if answer != "yes":
                    raise CommandError("Restore cancelled.")

            dump = Path(work) / DATABASE_FILES[engine]
            connections.close_all()
            if engine == POSTGRESQL:
                options, environment = postgres_environment(database)
                run(
                    [
                        "pg_restore",
                        "--clean",
                        "--if-exists",
                        "--no-owner",
                        "--single-transaction",
                        "--exit-on-error",
                        *options,
                        str(dump),
                    ],
                    environment,
                )
            else:
                source = sqlite3.connect(dump)
                target = sqlite3.connect(database["NAME"])
                with target:
                    source.backup(target)
                source.close()
                target.close()

            media_root = Path(settings.MEDIA_ROOT)
            restored_media = 0
            media = Path(work) / "media"
            if media.is_dir():
                for path in media.rglob("*"):
                    if path.is_file():
                        destination = media_root / path.relative_to(media)
                        destination.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(path, destination)
                        restored_media += 1

        # Forget what the cache holds of the replaced database. The site's Redis cache
        # (cms.redis_cache.SiteRedisCache) deletes its own keys only, never other sites'.
        caches[DEFAULT_CACHE_ALIAS].clear()
        pages = {
            language: Page.objects.filter(depth__gt=1, locale__language_code=language).count()
            for language, _name in settings.LANGUAGES
        }
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: the "
            f"{engine.rsplit('.', 1)[-1]} database {database['NAME']} "
            f"({len(manifest['migrations'])} migrations; pages: "
            + ", ".join(f"{language} {count}" for language, count in pages.items())
            + f") and {restored_media} media files into {media_root}."
        )
