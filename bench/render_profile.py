"""Where a from-scratch render's time goes: each endpoint run in this process through the
site's WSGI handler (every middleware, as gunicorn runs it) with the production settings,
past the response cache (credentials) and with nothing kept of earlier renders
(``RENDER_CACHE=0``).

    python bench/render_profile.py                 # ms per request, queries, database ms,
                                                   # Python function calls per request
    python bench/render_profile.py --profile NAME  # and cProfile's output for the endpoints
                                                   # whose name contains NAME
    python bench/render_profile.py --summary       # where the time goes (for make bench)

Run with the site's environment (bench/run.py gives it: DATABASE_URL of a seeded bench
database, DJANGO_SETTINGS_MODULE=cms.settings.production, …). One line per endpoint goes to
stderr; cProfile's output to stdout, and the results as JSON on its last line.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

os.environ["RENDER_CACHE"] = "0"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from probe import from_scratch_endpoints  # noqa: E402

HANDLER = WSGIHandler()


def environ(path: str) -> dict:
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "443",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_AUTHORIZATION": "Bench uncached",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def request(path: str) -> tuple[str, int]:
    status = []
    body = HANDLER(environ(path), lambda s, headers, exc_info=None: status.append(s))
    size = sum(len(chunk) for chunk in body)
    if hasattr(body, "close"):
        body.close()
    return status[0], size


def measure(path: str, seconds: float) -> dict:
    for _ in range(3):
        status, size = request(path)
    queries = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(time.perf_counter() - started)

    with connection.execute_wrapper(timed):
        for _ in range(5):
            request(path)
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds or count < 5:
        request(path)
        count += 1
    return {
        "status": status,
        "bytes": size,
        "queries": len(queries) // 5,
        "ms": elapsed * 1000 / count,
        "database_ms": sum(queries) * 1000 / 5,
        "calls": calls(path),
    }


def calls(path: str) -> int:
    """The Python function calls of one request (cProfile's count): the work of a render in a
    figure that, unlike its time, does not move with the machine's load."""
    profiler = cProfile.Profile()
    profiler.enable()
    request(path)
    profiler.disable()
    return pstats.Stats(profiler).total_calls


# Where a request's time goes, as cumulative times of cProfile: these steps, then the
# project's own functions that take longest.
STEPS = {
    "Wagtail's routing (site, page by path)": ("pages.py", "route_for_request"),
    "template rendering": ("response.py", "rendered_content"),
    "API rendering (django-ninja)": ("operation.py", "run"),
}
OWN = ("/meetings/", "/home/", "/cms/")
SKIP = ("middleware", "ratelimit", "http_cache", "db_unavailable", "render_profile")


def profile(path: str, repeat: int = 20) -> dict:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        request(path)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # {(file, line, name): (cc, nc, tt, ct, callers)}
    total = sum(tt for _cc, _nc, tt, _ct, _callers in stats.values())
    steps = {}
    for label, (filename, name) in STEPS.items():
        times = [
            ct
            for (f, _l, n), (_cc, _nc, _tt, ct, _c) in stats.items()
            if n == name and f.endswith("/" + filename)
        ]
        if times and max(times) > 0:
            steps[label] = max(times) / total
    own = sorted(
        (
            (ct / total, f"{f.rsplit('/work/', 1)[-1].split('/', 1)[-1]}:{n}", nc / repeat)
            for (f, _l, n), (_cc, nc, _tt, ct, _c) in stats.items()
            if any(part in f for part in OWN) and not any(part in f for part in SKIP)
        ),
        reverse=True,
    )
    return {"steps": steps, "own": own[:8]}


def cprofile_text(path: str, repeat: int = 30) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        request(path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(int(os.environ.get("PROFILE_LINES", "40")))
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default=None, help="cProfile's summary for these")
    parser.add_argument("--summary", action="store_true", help="where the time goes, as JSON")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    results = []
    for endpoint in from_scratch_endpoints():
        result = {**endpoint, **measure(endpoint["path"], args.seconds)}
        results.append(result)
        print(
            f"{endpoint['name']:40} {result['ms']:8.2f} ms  {result['queries']:3} queries  "
            f"{result['calls']:7} calls  {result['bytes']:8} B  {result['status']}",
            file=sys.stderr,
            flush=True,
        )
        if args.summary:
            result["profile"] = profile(endpoint["path"])
        if args.profile and args.profile.lower() in endpoint["name"].lower():
            print(f"## {endpoint['name']} {endpoint['path']}\n{cprofile_text(endpoint['path'])}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
