#!/usr/bin/env python3
"""Restart PostgreSQL under steady traffic and check that the site recovers by itself.

Builds a scratch database (spotkania_fault: migrate + load_demo_content), serves it with
gunicorn (production settings, 2 workers), drives pages and the API from several threads,
restarts the PostgreSQL cluster with pg_ctlcluster, keeps driving, and prints the requests
and errors before, during and after the restart and how long the site took to recover.
Exits 1 if the site has not recovered within --recovery-limit seconds of PostgreSQL being
back. Run as root (or as the cluster's owner) on the machine that runs PostgreSQL.
"""

import argparse
import collections
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").is_dir() else sys.executable
DATABASE = "spotkania_fault"
PATHS = [
    "/",
    "/harmonogram/",
    "/ogloszenia/",
    "/en/",
    "/en/schedule/",
    "/api/v1/meetings/",
    "/api/v1/announcements/?locale=en",
    "/api/v1/spheres/",
    "/api/v1/schedule/",
]
# Production settings with the static files collected into a throw-away directory.
SETTINGS = """
import os
from cms.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["FAULT_STATIC_ROOT"]
"""


def log(message: str) -> None:
    print(message, flush=True)


def psql(sql: str, pg: dict) -> None:
    subprocess.run(  # noqa: S603
        ["psql", "-h", pg["host"], "-p", pg["port"], "-U", pg["user"], "-d", "postgres"]
        + ["-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        check=True,
    )


def pg_isready(pg: dict) -> bool:
    command = ["pg_isready", "-q", "-h", pg["host"], "-p", pg["port"]]
    return subprocess.run(command).returncode == 0  # noqa: S603


def wait_for_postgresql(pg: dict, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if pg_isready(pg):
            return True
        time.sleep(0.1)
    return False


def cluster() -> tuple[str, str]:
    versions = sorted(os.listdir("/etc/postgresql"))
    return versions[-1], "main"


def pg_ctlcluster(version: str, name: str, action: str) -> None:
    command = shutil.which("pg_ctlcluster") or "/usr/bin/pg_ctlcluster"
    subprocess.run([command, "--skip-systemctl-redirect", version, name, action], check=True)  # noqa: S603


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Traffic:
    """Threads that request PATHS in turn and record (start, end, outcome) of each request."""

    def __init__(self, base_url: str, threads: int):
        self.base_url = base_url
        self.records: list[tuple[float, float, str]] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self.drive, args=(n,), daemon=True) for n in range(threads)
        ]

    def drive(self, offset: int) -> None:
        n = offset
        while not self.stopping.is_set():
            path = PATHS[n % len(PATHS)]
            n += 1
            start = time.monotonic()
            try:
                url = self.base_url + path
                with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310
                    response.read()
                    outcome = str(response.status)
            except urllib.error.HTTPError as error:
                outcome = str(error.code)
            except (OSError, urllib.error.URLError) as error:
                outcome = type(error).__name__
            with self.lock:
                self.records.append((start, time.monotonic(), outcome))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=20)


def summarise(records, restart_began, postgres_back, limit) -> bool:
    phases = {
        "before the restart": [r for r in records if r[1] < restart_began],
        "during the restart": [r for r in records if restart_began <= r[1] < postgres_back],
        "after PostgreSQL is back": [r for r in records if r[1] >= postgres_back],
    }
    for name, rows in phases.items():
        outcomes = collections.Counter(r[2] for r in rows)
        errors = {k: v for k, v in sorted(outcomes.items()) if k != "200"}
        log(f"{name}: {len(rows)} requests, {outcomes.get('200', 0)} OK, errors {errors or 'none'}")

    after = sorted(phases["after PostgreSQL is back"], key=lambda r: r[1])
    started_after = [r for r in after if r[0] >= postgres_back]
    successes = [r for r in started_after if r[2] == "200"]
    failures = [r for r in after if r[2] != "200"]
    log(f"PostgreSQL unavailable for {postgres_back - restart_began:.2f} s")
    if not successes:
        log("FAIL: no successful request after PostgreSQL came back")
        return False
    first = successes[0][1] - postgres_back
    log(f"first success {first:.2f} s after PostgreSQL was back")
    recovered = (failures[-1][1] - postgres_back) if failures else 0.0
    log(
        f"last error {recovered:.2f} s after PostgreSQL was back" if failures else "no errors after"
    )
    if max(first, recovered) > limit:
        log(f"FAIL: not recovered within {limit} s")
        return False
    log(f"OK: recovered within {limit} s")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=float, default=5, help="seconds of traffic before")
    parser.add_argument("--after", type=float, default=15, help="seconds of traffic after")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--recovery-limit", type=float, default=10)
    arguments = parser.parse_args()

    pg = {
        "host": os.environ.get("PGHOST", "127.0.0.1"),
        "port": os.environ.get("PGPORT", "5432"),
        "user": os.environ.get("PGUSER", "postgres"),
    }
    version, name = cluster()
    work = Path(tempfile.mkdtemp(prefix="spotkania-fault-"))
    (work / "fault_settings.py").write_text(SETTINGS)
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{pg['user']}@{pg['host']}:{pg['port']}/{DATABASE}",
        "DJANGO_SETTINGS_MODULE": "fault_settings",
        "PYTHONPATH": str(work),
        "FAULT_STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "SECRET_KEY": "fault-check-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "CRITICAL",
        # One load generator on one address is not what the rate limits are for.
        "RATE_LIMIT_API": "0",
        "RATE_LIMIT_SEARCH": "0",
    }
    env.pop("REDIS_URL", None)
    server = None
    ok = False
    try:
        log(f"== scratch database {DATABASE}")
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", pg)
        psql(f"CREATE DATABASE {DATABASE}", pg)
        for command in (["migrate", "--noinput"], ["load_demo_content"], ["collectstatic"]):
            subprocess.run(  # noqa: S603
                [
                    PYTHON,
                    "manage.py",
                    *command,
                    *(["--noinput"] if "collect" in command[0] else []),
                ],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        server_log = (work / "gunicorn.log").open("w")
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", "2", "--threads", "2", "--timeout", "30"],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base_url + "/", timeout=5).read()  # noqa: S310
                break
            except (OSError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        log(f"== gunicorn (2 workers) at {base_url}, log {work / 'gunicorn.log'}")
        log(f"== {arguments.threads} client threads over {len(PATHS)} pages and API addresses")

        with Traffic(base_url, arguments.threads) as traffic:
            time.sleep(arguments.before)
            log(f"== pg_ctlcluster {version} {name} restart")
            restart_began = time.monotonic()
            pg_ctlcluster(version, name, "restart")
            if not wait_for_postgresql(pg, 60):
                log("FAIL: PostgreSQL did not come back within 60 s")
                return 1
            postgres_back = time.monotonic()
            time.sleep(arguments.after)
        ok = summarise(traffic.records, restart_began, postgres_back, arguments.recovery_limit)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not pg_isready(pg):
            pg_ctlcluster(version, name, "start")
        if wait_for_postgresql(pg, 60):
            psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", pg)
            log(f"== PostgreSQL is running; {DATABASE} dropped")
        else:
            log("PostgreSQL is NOT running")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
