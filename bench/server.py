"""Run the site under gunicorn as production does, for the benchmark and the soak test."""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = os.environ.get("BENCH_PYTHON", sys.executable)
HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = int(os.environ.get("BENCH_PORT") or _free_port())
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
BASE_URL = f"http://{HOST}:{PORT}"
# Logs and raw results, outside the working tree.
OUT = Path(tempfile.gettempdir()) / "spotkania-bench"
# The proxy in front of production terminates TLS and says so in this header.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
# Requests with credentials are never answered from (nor stored in) the shared response cache:
# the "uncached" measurements send this, which nothing else in the stack reads.
UNCACHED_HEADERS = {"Authorization": "Bench uncached"}
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/9"


def redis_url() -> str:
    """REDIS_URL, or a local Redis on database 9 if one answers: production has one."""
    url = os.environ.get("REDIS_URL")
    if url:
        return url
    try:
        import redis

        redis.Redis.from_url(DEFAULT_REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001 - no Redis: measure without the shared cache
        return ""
    return DEFAULT_REDIS_URL


def database_url(size: int | None = None) -> str:
    """BENCH_DATABASE_URL (or postgres://…/spotkania_bench), with ``_<size>`` after the name."""
    url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/spotkania_bench")
    if size is None:
        return url
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{size}"))


def site_env(db_url: str) -> dict:
    """Production settings with what a deployment would put in the environment."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DATABASE_URL=db_url,
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},localhost",
        WAGTAILADMIN_BASE_URL=f"https://{HOST}:{PORT}",
        # One load generator on one address is not the crowd the rate limits are for.
        RATE_LIMIT_API="0",
        RATE_LIMIT_SEARCH="0",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    if redis := redis_url():
        # Each database gets keys of its own in the shared cache.
        env.update(REDIS_URL=redis, CACHE_KEY_PREFIX=f"bench-{urlsplit(db_url).path.strip('/')}")
    return env


def manage(db_url: str, *args: str, env: dict | None = None) -> str:
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env or site_env(db_url),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def ensure_database(db_url: str) -> bool:
    """Create the database if missing; True if it was created."""
    import psycopg

    parts = urlsplit(db_url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(f'CREATE DATABASE "{name}"')  # the name comes from our own settings
        return True


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    try:
        return [int(pid) for pid in children.read_text().split()]
    except OSError:
        return []


def memory_kib(pid: int) -> dict:
    """VmRSS and VmHWM (peak resident set) of a process, in KiB."""
    found = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in {"VmRSS", "VmHWM"}:
                found[key] = int(value.split()[0])
    except OSError:
        pass
    return found


def get(path: str, headers: dict | None = None, timeout: float = 60) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(  # noqa: S310 (our own http:// address)
        BASE_URL + path, headers={**PROXY_HEADERS, **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class Server:
    def __init__(self, process: subprocess.Popen):
        self.process = process

    @property
    def workers(self) -> list[int]:
        return worker_pids(self.process.pid)

    def memory(self) -> dict[int, dict]:
        return {pid: memory_kib(pid) for pid in self.workers}


@contextmanager
def gunicorn(db_url: str, *, workers: int = WORKERS, extra_env: dict | None = None):
    """gunicorn serving cms.wsgi on 127.0.0.1:BENCH_PORT until the block ends."""
    env = {**site_env(db_url), **(extra_env or {})}
    OUT.mkdir(exist_ok=True)
    log = open(OUT / "gunicorn.log", "ab")  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603
        [
            PYTHON,
            "-m",
            "gunicorn",
            "cms.wsgi",
            f"--bind={HOST}:{PORT}",
            f"--workers={workers}",
            "--worker-class=sync",
            "--timeout=120",
            "--keep-alive=5",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {OUT / 'gunicorn.log'}")
            try:
                if (
                    get("/healthz", timeout=2)[0] == 200
                    and len(worker_pids(process.pid)) >= workers
                ):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer /healthz within 60 s")
            time.sleep(0.3)
        yield Server(process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
