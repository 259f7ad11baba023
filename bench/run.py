"""make bench: the site under load on PostgreSQL at three data sizes, as production runs it.

For each size (1,000 / 10,000 / 100,000 meetings, 10 per announcement, each in Polish and
English) a database ``<name>_<size>`` is created, migrated and seeded once and reused after
that. The site runs under gunicorn with the production settings; Debian's ``wrk`` drives it.
The full table is measured at 10,000 meetings; the other sizes measure the endpoints whose
latency should not grow with the data. Writes docs/benchmarks.md and
docs/benchmark-latency.svg.

Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/spotkania_bench),
BENCH_QUICK=1 (3 s runs, 1,000 and 10,000 meetings only), BENCH_DURATION (seconds per run,
10), BENCH_WARMUP (seconds of the same load before each uncached run, 2),
BENCH_SCALING_ROUNDS (alternating rounds for the data-size target, 3), BENCH_WORKERS
(gunicorn workers, 4), REDIS_URL (the site's shared cache; without it, a
local Redis on database 9 if one answers, as production has one).
"""

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import server  # noqa: E402
import svg  # noqa: E402

QUICK = os.environ.get("BENCH_QUICK") == "1"
SIZES = (1_000, 10_000) if QUICK else (1_000, 10_000, 100_000)
TARGET_SIZE = 10_000
MEETINGS_PER = 10
DURATION = int(os.environ.get("BENCH_DURATION", "3" if QUICK else "10"))
# Seconds of the same load before each uncached row is measured, so that every worker has
# served the URL (its first request in a process compiles templates, opens a connection).
WARMUP = int(os.environ.get("BENCH_WARMUP", "1" if QUICK else "2"))
THREADS, CONNECTIONS = 2, 16
# Measured at every size, for the latency plot.
SCALING = (
    "API meetings list, filtered",
    "API meetings list",
    "API announcement",
    "Announcement page",
    "feed.ics, one sphere",
)
# The data-size target compares this row's p95 at the smallest and largest sizes, measured
# again in rounds of alternating order so that the machine's drift during the run does not
# pass for growth (or hide it): the median of the rounds counts.
SCALED = "API meetings list, filtered"
SCALING_ROUNDS = int(os.environ.get("BENCH_SCALING_ROUNDS", "1" if QUICK else "3"))
DOCS = server.ROOT / "docs"


def log(message: str):
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


def prepare(size: int) -> str:
    url = server.database_url(size)
    if server.ensure_database(url):
        log(f"created database for {size} meetings")
    server.manage(url, "migrate", "--noinput")
    server.manage(url, "load_demo_content")
    out = server.manage(
        url,
        "seed_bench",
        f"--announcements={size // MEETINGS_PER}",
        f"--meetings-per={MEETINGS_PER}",
        "--reuse",
        "--quiet",
    )
    log(out.strip().splitlines()[-1])
    return url


def wrk(
    path: str,
    *,
    uncached: bool,
    expect: int = 200,
    headers: dict | None = None,
    duration: int = DURATION,
) -> dict:
    headers = {
        **server.PROXY_HEADERS,
        **(server.UNCACHED_HEADERS if uncached else {}),
        **(headers or {}),
    }
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{duration}s",
        "--timeout=30s",
        "-s",
        str(server.ROOT / "bench" / "wrk.lua"),
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(server.BASE_URL + path)
    env = {**os.environ, "BENCH_EXPECT": str(expect)}
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout  # noqa: S603
    line = next(line for line in out.splitlines() if line.startswith("BENCH_JSON "))
    result = json.loads(line.removeprefix("BENCH_JSON "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def run_script(url: str, *args: str):
    """A bench script run with the site's environment on this database: its last line's JSON."""
    out = subprocess.run(  # noqa: S603
        [server.PYTHON, *args],
        cwd=server.ROOT,
        env=server.site_env(url),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def probe(url: str) -> dict:
    return run_script(url, "bench/probe.py")


def peak_rss(srv) -> int:
    """The largest peak resident set (VmHWM) of the workers, in KiB."""
    return max((m.get("VmHWM", 0) for m in srv.memory().values()), default=0)


def warm_up(path: str) -> None:
    """One request (renditions, caches), then WARMUP seconds of the measured load."""
    server.get(path, timeout=300)
    if WARMUP > 0:
        wrk(path, uncached=True, duration=WARMUP)


def measure(url: str, size: int, *, full: bool) -> dict:
    found = probe(url)
    rows = []
    with server.gunicorn(url) as srv:
        # One whole feed on fresh workers: how far it raises a worker's peak memory.
        feed = next(e for e in found["endpoints"] if e["name"] == "feed.ics, whole")
        before = peak_rss(srv)
        server.get(feed["path"], timeout=600)
        feed_rss = {"before_kib": before, "after_kib": peak_rss(srv)}
        for endpoint in found["endpoints"]:
            if not full and endpoint["name"] not in SCALING:
                continue
            warm_up(endpoint["path"])
            log(f"{size}: {endpoint['name']}")
            result = wrk(endpoint["path"], uncached=True)
            rows.append({**endpoint, "mode": "uncached", **result})
        if full:
            rows += cached_rows(found["endpoints"])
        memory = srv.memory()
    profiled = []
    if full:
        log("profiles of the renders from scratch")
        profiled = render_profile(url)
        rows += afresh_rows(url, found["endpoints"], profiled)
    return {
        "profiles": profiled,
        "size": size,
        "rows": rows,
        "feed_rss": feed_rss,
        "worker_rss_kib": [m.get("VmRSS", 0) for m in memory.values()],
        "redis": found["redis"],
        "redis_url": server.redis_url(),
    }


def scaling(urls: dict[int, str], paths: dict[int, str]) -> dict[str, list[int]]:
    """{size: p95 in µs of each round} for the SCALED row, sizes alternating in order."""
    p95 = {str(size): [] for size in urls}
    for round_ in range(SCALING_ROUNDS):
        order = list(urls) if round_ % 2 == 0 else list(reversed(urls))
        for size in order:
            with server.gunicorn(urls[size]):
                warm_up(paths[size])
                log(f"scaling, round {round_ + 1}: {size}")
                p95[str(size)].append(wrk(paths[size], uncached=True)["p95_us"])
    return p95


# Measured once more on a server that keeps nothing of its own renders (RENDER_CACHE=0), with
# requests the response cache never answers: what each page, feed and list costs right after a
# publication, rendered from scratch, beside the plain page and the baselines in the same run.
AFRESH = ("API meetings list", "API meetings list, filtered", "feed.ics, one sphere")


def render_profile(url: str) -> list[dict]:
    """bench/render_profile.py --summary on this database: each from-scratch endpoint's time
    and queries in one process, and where its time goes."""
    return run_script(url, "bench/render_profile.py", "--summary", "--seconds", "2")


def afresh_rows(url: str, endpoints: list[dict], profiled: list[dict]) -> list[dict]:
    rows = []
    measured = [e for e in endpoints if e["name"] in AFRESH]
    measured += [e for e in profiled if e["name"] not in AFRESH]
    with server.gunicorn(url, extra_env={"RENDER_CACHE": "0"}):
        for endpoint in measured:
            warm_up(endpoint["path"])
            log(f"rendered from scratch: {endpoint['name']}")
            result = wrk(endpoint["path"], uncached=True)
            queries = endpoint.get("queries_cold", endpoint.get("queries"))
            rows.append({**endpoint, "mode": "afresh", "queries": queries, **result})
    return rows


def conditional_get(path: str) -> dict:
    """``wrk`` of GETs with the ETag that ``path`` answers now."""
    _status, headers, _body = server.get(path)
    return wrk(path, uncached=False, expect=304, headers={"If-None-Match": headers.get("ETag")})


def cached_rows(endpoints: list[dict]) -> list[dict]:
    """Conditional GETs answered 304, and repeated GETs that a shared cache may answer."""
    rows = []
    for endpoint in endpoints:
        if not endpoint["path"].startswith("/api/v1/") or "etag" not in endpoint:
            continue
        log(f"304: {endpoint['name']}")
        result = conditional_get(endpoint["path"])
        if result["unexpected_status"]:
            # The ETag changed during the run: its time bucket (five minutes) turned. Once
            # more, with the new one.
            log(f"304 again, with the ETag of the new time bucket: {endpoint['name']}")
            result = conditional_get(endpoint["path"])
        rows.append({**endpoint, "mode": "304", "queries": endpoint.get("queries_304"), **result})
        log(f"repeat GET: {endpoint['name']}")
        server.get(endpoint["path"])  # fills the shared cache, if there is one
        result = wrk(endpoint["path"], uncached=False)
        mode = "shared cache" if endpoint.get("x_cache") == "hit" else "repeat"
        rows.append({**endpoint, "mode": mode, "queries": endpoint.get("queries_repeat"), **result})
    return rows


def main():
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk (make bench does it).")
    started = time.monotonic()
    load_before = os.getloadavg()
    urls = {}
    for size in SIZES:
        log(f"preparing {size} meetings")
        urls[size] = prepare(size)
    log("collectstatic")
    server.manage(urls[SIZES[0]], "collectstatic", "--noinput")
    runs = {}
    for size in SIZES:
        runs[size] = measure(urls[size], size, full=size == TARGET_SIZE)
    paths = {
        size: next(r["path"] for r in runs[size]["rows"] if r["name"] == SCALED) for size in SIZES
    }
    scaled = scaling({size: urls[size] for size in (SIZES[0], SIZES[-1])}, paths)
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "duration": DURATION,
        "warmup": WARMUP,
        "threads": THREADS,
        "connections": CONNECTIONS,
        "workers": server.WORKERS,
        "databases": urlsplit(server.database_url()).path.strip("/") + "_<meetings>",
        "quick": QUICK,
        "runs": runs,
        "scaling": {"name": SCALED, "p95_us": scaled},
        "elapsed_s": round(time.monotonic() - started),
        "load": [round(x, 1) for x in (*load_before, *os.getloadavg())],
    }
    server.OUT.mkdir(exist_ok=True)
    out = server.OUT / "results.json"
    out.write_text(json.dumps(results, indent=1, default=str))
    import report

    text = report.markdown(results)
    print(text)
    report.update_section(DOCS / "benchmarks.md", "bench", report.document(results, text))
    (DOCS / "benchmark-latency.svg").write_text(svg.latency_plot(results, SCALING))
    log(f"done in {results['elapsed_s']} s: docs/benchmarks.md, docs/benchmark-latency.svg")


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    pg = subprocess.run(  # noqa: S603
        [
            server.PYTHON,
            "-c",
            "import psycopg,sys;c=psycopg.connect(sys.argv[1]);"
            "print(c.execute('show server_version').fetchone()[0])",
            server.database_url(SIZES[0]),
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return (
        f"{os.cpu_count()} × {cpu}, {int(memory) // 1024 // 1024} GiB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"PostgreSQL {pg or '?'}"
    )


if __name__ == "__main__":
    main()
