"""One archive with everything needed to bring the site back: the database and the media."""

import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

POSTGRESQL = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"
MANIFEST = "manifest.json"
DATABASE_FILES = {POSTGRESQL: "database.dump", SQLITE: "database.sqlite3"}


def postgres_environment(database: dict) -> tuple[list[str], dict]:
    """Connection options of pg_dump/pg_restore, with the password in the environment only."""
    options = ["--dbname", database["NAME"]]
    if database.get("HOST"):
        options += ["--host", database["HOST"]]
    if database.get("PORT"):
        options += ["--port", str(database["PORT"])]
    if database.get("USER"):
        options += ["--username", database["USER"]]
    environment = {"PGPASSWORD": database["PASSWORD"]} if database.get("PASSWORD") else {}
    return options, environment


def run(command: list[str], environment: dict) -> None:
    result = subprocess.run(  # noqa: S603
        command, env={**os.environ, **environment}, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")


def make_private_directory(path: Path) -> None:
    """Create ``path`` and the parents it lacks readable by the owner only (0700), whatever
    the umask; a directory that exists already is left as it is."""
    missing = []
    while not path.exists():
        missing.append(path)
        path = path.parent
    for directory in reversed(missing):
        directory.mkdir(mode=0o700, exist_ok=True)
        directory.chmod(0o700)


def open_private(path: Path):
    """A new file readable by the owner only (0600), whatever the umask: the archive holds
    the whole database, editors' password hashes included. Never an existing file."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as error:
        raise CommandError(f"{path} already exists; try again in a second.") from error
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


class Command(BaseCommand):
    help = "Back up the database and the media files into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=str(settings.BASE_DIR / "backups"),
            help="Directory for the archive (default: backups/).",
        )

    def handle(self, *args, output_dir, **options):
        database = settings.DATABASES[DEFAULT_DB_ALIAS]
        engine = database["ENGINE"]
        if engine not in DATABASE_FILES:
            raise CommandError(f"Backups support PostgreSQL and SQLite, not {engine}.")
        output = Path(output_dir)
        make_private_directory(output)
        now = timezone.localtime()
        archive = output / f"spotkania-{now:%Y%m%d-%H%M%S}.tar.gz"

        with tempfile.TemporaryDirectory(prefix="spotkania-backup-") as work:
            dump = Path(work) / DATABASE_FILES[engine]
            if engine == POSTGRESQL:
                options, environment = postgres_environment(database)
                run(
                    ["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), *options],
                    environment,
                )
            else:
                connection = connections[DEFAULT_DB_ALIAS]
                connection.ensure_connection()
                target = sqlite3.connect(dump)
                with target:
                    connection.connection.backup(target)
                target.close()

            media_root = Path(settings.MEDIA_ROOT)
            media_files = (
                [p for p in media_root.rglob("*") if p.is_file()] if media_root.is_dir() else []
            )
            manifest = {
                "engine": engine,
                "database": str(database["NAME"]),
                "created_at": now.isoformat(),
                "migrations": sorted(
                    f"{app}.{name}"
                    for app, name in MigrationRecorder(connections[DEFAULT_DB_ALIAS])
                    .applied_migrations()
                    .keys()
                ),
                "media_files": len(media_files),
            }
            (Path(work) / MANIFEST).write_text(json.dumps(manifest, indent=2))

            with open_private(archive) as file, tarfile.open(fileobj=file, mode="w:gz") as tar:
                tar.add(Path(work) / MANIFEST, arcname=MANIFEST)
                tar.add(dump, arcname=dump.name)
                for path in media_files:
                    tar.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}")

        self.stderr.write(
            f"Backed up the {engine.rsplit('.', 1)[-1]} database {database['NAME']} "
            f"({len(manifest['migrations'])} migrations) and {len(media_files)} media files."
        )
        self.stdout.write(str(archive))
