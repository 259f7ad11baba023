"""A whole site in its own database and processes, for tests that must stop, restart or restore
what pytest-django's test database cannot: the site is migrated, filled with the demo content
and served by gunicorn exactly as in production, on the engine the suite runs on."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import psycopg
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

# Production settings, with the plain static storage so that no collectstatic is needed.
SETTINGS_MODULE = """
from cms.settings.production import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
"""


def on_postgresql() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def postgres_url(name: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    )


def admin_connection() -> psycopg.Connection:
    db = settings.DATABASES["default"]
    return psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        autocommit=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ScratchSite:
    """A migrated site with the demo content in a scratch database and a temporary MEDIA_ROOT."""

    def __init__(self, **environment):
        self.directory = Path(tempfile.mkdtemp(prefix="spotkania-scratch-"))
        self.media_root = self.directory / "media"
        self.media_root.mkdir()
        if on_postgresql():
            self.database = f"spotkania_scratch_{uuid.uuid4().hex[:12]}"
            with admin_connection() as connection:
                connection.execute(f'CREATE DATABASE "{self.database}"')
            database_url = postgres_url(self.database)
        else:
            self.database = None
            database_url = f"sqlite:///{self.directory / 'db.sqlite3'}"
        self.env = production_environment(
            {
                **os.environ,
                "DATABASE_URL": database_url,
                "MEDIA_ROOT": str(self.media_root),
                "PYTHONPATH": str(self.directory),
                **environment,
            }
        )
        self.env.pop("REDIS_URL", None)
        self.servers: list[subprocess.Popen] = []

    def manage(self, *args: str, **environment) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **environment},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def build(self) -> "ScratchSite":
        self.manage("migrate", "--noinput")
        self.manage("load_demo_content")
        return self

    def serve(self, **environment) -> str:
        """Start gunicorn with production settings; return its base URL once it listens."""
        server, base_url = start_gunicorn({**self.env, **environment})
        self.servers.append(server)
        return base_url

    def close(self) -> None:
        for server in self.servers:
            stop(server)
        if self.database:
            with admin_connection() as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def production_environment(environment: dict) -> dict:
    """The environment production settings require, with SETTINGS_MODULE on the path."""
    directory = Path(environment.get("PYTHONPATH") or tempfile.mkdtemp(prefix="spotkania-serve-"))
    (directory / "scratch_settings.py").write_text(SETTINGS_MODULE)
    return {
        **environment,
        "PYTHONPATH": str(directory),
        "DJANGO_SETTINGS_MODULE": "scratch_settings",
        "SECRET_KEY": "scratch-site-key",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "CRITICAL",
    }


def start_gunicorn(environment: dict, workers: int = 1) -> tuple[subprocess.Popen, str]:
    """gunicorn serving cms.wsgi with production settings (see SETTINGS_MODULE)."""
    env = production_environment(environment)
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers), "--threads", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError("gunicorn exited before it listened")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise AssertionError("gunicorn did not listen within 30 seconds")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=10)


def get(url: str, **headers) -> tuple[int, dict, str]:
    """Status, headers and body of a GET, whatever the status."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()
