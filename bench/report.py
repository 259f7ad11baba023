"""The benchmark's results as Markdown: one table per run, the targets, and the document."""

import os
import statistics

TARGETS_AT = 10_000


def _row(rows, name, mode="uncached"):
    return next((r for r in rows if r["name"] == name and r["mode"] == mode), None)


def _ms(us) -> str:
    return f"{us / 1000:.1f}"


def _ratio(a, b) -> str:
    return f"{a['rps'] / b['rps']:.2f}" if a and b and b["rps"] else "–"


MODES = {
    "uncached": "uncached",
    "304": "conditional GET → 304",
    "shared cache": "shared cache hit (Redis)",
    "repeat": "repeat GET, no cache hit",
    "afresh": "from scratch (`RENDER_CACHE=0`)",
}


def table(run: dict) -> str:
    rows = run["rows"]
    static = _row(rows, "Static file")
    trivial = _row(rows, "Trivial view (/healthz)")
    v2 = _row(rows, "Wagtail API v2 listing")
    lines = [
        "| endpoint | answered | req/s | p50 ms | p95 ms | p99 ms | queries/req | bytes/resp. "
        "| × static | × trivial view | × API v2 | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        if r["mode"] == "afresh":
            continue
        bad = r["errors"] + r["unexpected_status"]
        lines.append(
            f"| {r['name']} | {MODES[r['mode']]} | {r['rps']:.0f} | {_ms(r['p50_us'])} | "
            f"{_ms(r['p95_us'])} | {_ms(r['p99_us'])} | "
            f"{'–' if r.get('queries') is None else r['queries']} | "
            f"{r['bytes'] // max(r['requests'], 1)} | {_ratio(r, static)} | "
            f"{_ratio(r, trivial)} | {_ratio(r, v2)} | {bad} |"
        )
    return "\n".join(lines)


SCRATCH_BASELINES = {
    "plain": "Plain Wagtail page",
    "trivial": "Trivial view (/healthz)",
    "v2": "Wagtail API v2 listing",
}


def scratch_table(run: dict) -> str:
    """The rows rendered from scratch, each with its ratio to the plain page, the trivial view
    and Wagtail's API v2 in the same run, and the in-process figures of render_profile.py."""
    rows = [r for r in run["rows"] if r["mode"] == "afresh"]
    base = {key: _row(rows, name, "afresh") for key, name in SCRATCH_BASELINES.items()}
    profiles = {p["name"]: p for p in run.get("profiles", [])}
    lines = [
        "| endpoint | req/s | p50 ms | p95 ms | queries/req | ms per request in one process "
        "(of it in the database) | Python calls/req | × plain page | × trivial view | × API v2 "
        "| errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        p = profiles.get(r["name"])
        alone = f"{p['ms']:.1f} ({p['database_ms']:.1f})" if p else "–"
        calls = f"{p['calls']:,}" if p and "calls" in p else "–"
        lines.append(
            f"| {r['name']} | {r['rps']:.0f} | {_ms(r['p50_us'])} | {_ms(r['p95_us'])} | "
            f"{'–' if r.get('queries') is None else r['queries']} | {alone} | {calls} | "
            f"{_ratio(r, base['plain'])} | {_ratio(r, base['trivial'])} | {_ratio(r, base['v2'])} "
            f"| {r['errors'] + r['unexpected_status']} |"
        )
    return "\n".join(lines)


def profile_summaries(run: dict) -> str:
    """Where each from-scratch render's time goes (cProfile, cumulative shares)."""
    parts = []
    for p in run.get("profiles", []):
        prof = p.get("profile") or {}
        steps = "; ".join(f"{label} {share:.0%}" for label, share in prof.get("steps", {}).items())
        own = ", ".join(f"`{name}` {share:.0%}" for share, name, _calls in prof.get("own", [])[:6])
        parts.append(
            f"- **{p['name']}** (`{p['path']}`): {p['ms']:.1f} ms, {p['queries']} queries taking "
            f"{p['database_ms']:.1f} ms"
            + (f". {steps}" if steps else "")
            + (f". Longest of the project's own: {own}" if own else "")
            + "."
        )
    return "\n".join(parts)


def scratch_targets(rows: list[dict]) -> list[tuple[str, str, bool | None]]:
    def ratio(name, baseline):
        a, b = _row(rows, name, "afresh"), _row(rows, baseline, "afresh")
        return a["rps"] / b["rps"] if a and b and b["rps"] else None

    plain, trivial, v2 = SCRATCH_BASELINES.values()
    wanted = [
        ("schedule page (50 upcoming) ÷ plain Wagtail page", "Schedule page", plain, 0.5),
        ("announcement page (10 meetings) ÷ plain Wagtail page", "Announcement page", plain, 0.8),
        ("plain Wagtail page ÷ trivial view", plain, trivial, 0.1),
        ("`/api/v1/meetings/?limit=50` ÷ Wagtail API v2 listing", "API meetings list", v2, 3),
        ("`feed.ics` of one sphere ÷ plain Wagtail page", "feed.ics, one sphere", plain, 0.5),
    ]
    found = []
    for text, name, baseline, target in wanted:
        value = ratio(name, baseline)
        found.append(
            (
                f"from scratch: {text} ≥ {target}×",
                "–" if value is None else f"{value:.2f}×",
                None if value is None else value >= target,
            )
        )
    return found


def targets(results: dict) -> list[tuple[str, str, bool | None]]:
    runs = results["runs"]
    full = runs.get(TARGETS_AT) or runs.get(str(TARGETS_AT))
    rows = full["rows"]
    found = []
    v1 = _row(rows, "API meetings list")
    v2 = _row(rows, "Wagtail API v2 listing")
    ratio = v1["rps"] / v2["rps"]
    found.append(
        (
            "`/api/v1/meetings/?limit=50` uncached, its meetings kept, ≥ 3× Wagtail API v2's "
            "listing",
            f"{ratio:.2f}×",
            ratio >= 3,
        )
    )
    found += scratch_targets(rows)
    not_modified = _row(rows, "API meetings list", "304")
    trivial = _row(rows, "Trivial view (/healthz)")
    ratio = not_modified["rps"] / trivial["rps"]
    found.append(("conditional GET (304) ≥ 0.8× the trivial view", f"{ratio:.2f}×", ratio >= 0.8))
    repeat = _row(rows, "API meetings list", "shared cache") or _row(
        rows, "API meetings list", "repeat"
    )
    static = _row(rows, "Static file")
    ratio = repeat["rps"] / static["rps"]
    if repeat["mode"] == "shared cache":
        found.append(("shared-cache hits ≥ 0.5× the static file", f"{ratio:.2f}×", ratio >= 0.5))
    else:
        found.append(
            (
                "shared-cache hits ≥ 0.5× the static file",
                f"{ratio:.2f}× — no response cache answered: a repeat GET runs "
                f"{repeat.get('queries')} queries"
                + ("" if full["redis"] else " (no Redis: REDIS_URL unset)"),
                False,
            )
        )
    sizes = sorted(runs, key=int)
    rounds = results.get("scaling", {}).get("p95_us", {})
    if rounds:
        a, b = (statistics.median(rounds[str(s)]) for s in (sizes[0], sizes[-1]))
        how = f"median of {len(rounds[str(sizes[0])])} alternating rounds: "
    else:
        name = "API meetings list, filtered"
        a, b = (_row(runs[s]["rows"], name)["p95_us"] for s in (sizes[0], sizes[-1]))
        how = ""
    found.append(
        (
            f"filtered list p95 at {int(sizes[-1]):,} meetings ≤ 1.5× at {int(sizes[0]):,}",
            f"{how}{_ms(a)} → {_ms(b)} ms ({b / a:.2f}×)",
            b / a <= 1.5 if int(sizes[-1]) >= 100_000 else None,
        )
    )
    feeds = {int(s): runs[s].get("feed_rss") for s in sizes}
    if all(feeds.values()):
        growth = {s: (f["after_kib"] - f["before_kib"]) for s, f in feeds.items()}
        text = ", ".join(
            f"{s:,}: peak {feeds[s]['after_kib'] // 1024} MiB (+{growth[s] // 1024} MiB)"
            for s in sorted(feeds)
        )
        # Ten times the meetings (and the feed's bytes) may cost at most twice the memory: a
        # feed built whole in memory grows with it, a streamed one levels off.
        base = TARGETS_AT if TARGETS_AT in growth else min(growth)
        largest = max(growth)
        bounded = growth[largest] <= max(growth[base], 8 * 1024) * 2 if largest > base else None
        found.append(
            (
                "`feed.ics` (whole) in bounded memory: worker peak RSS "
                f"(at {largest:,} ≤ 2× the growth at {base:,})",
                text,
                bounded,
            )
        )
    return found


def markdown(results: dict) -> str:
    parts = []
    for size in sorted(results["runs"], key=int):
        run = results["runs"][size]
        parts.append(
            f"### {int(size):,} meetings ({int(size) // 10:,} announcements), "
            "each in Polish and English\n\n" + table(run)
        )
        if any(r["mode"] == "afresh" for r in run["rows"]):
            parts.append(
                f"### Rendered from scratch, {int(size):,} meetings\n\n"
                "As right after a publication: past the response cache, with nothing kept of "
                "earlier renders (`RENDER_CACHE=0`). What a publication does not change is "
                "kept per publication version all the same (the navigation, a page's "
                "languages and breadcrumbs).\n\n" + scratch_table(run)
            )
        if run.get("profiles"):
            parts.append(
                "### Where the time goes\n\n"
                "`bench/render_profile.py --summary`: each endpoint rendered from scratch in "
                "one process through the site's WSGI handler, under cProfile (shares of the "
                "time, cumulative, so that nested steps overlap).\n\n" + profile_summaries(run)
            )
    lines = ["| target (PostgreSQL, 10,000 meetings) | measured | met |", "| --- | --- | --- |"]
    for text, measured, met in targets(results):
        verdict = "n/a" if met is None else ("met" if met else "**not met**")
        lines.append(f"| {text} | {measured} | {verdict} |")
    parts.append("### Targets\n\n" + "\n".join(lines))
    return "\n\n".join(parts)


def update_section(path, name: str, text: str):
    """Replace one generated section of ``path`` (``make bench`` and ``make soak`` each own
    one), keeping the others."""
    begin, end = f"<!-- {name}: begin -->", f"<!-- {name}: end -->"
    block = f"{begin}\n{text.strip()}\n{end}\n"
    current = path.read_text() if path.exists() else HEADER
    if begin in current and end in current:
        before, rest = current.split(begin, 1)
        after = rest.split(end, 1)[1].lstrip("\n")
        current = before + block + ("\n" + after if after else "")
    else:
        current = current.rstrip("\n") + "\n\n" + block
    path.write_text(current)


HEADER = """# Benchmarks

Generated by `make bench` (`bench/run.py`) and `make soak` (`bench/soak.py`); run them again
rather than editing by hand.
"""


def document(results: dict, tables: str) -> str:
    return f"""## Load test

- Date: {results["date"]}
- Machine: {results["machine"]}
- Server: gunicorn, {results["workers"]} sync workers, `cms.settings.production` (DEBUG off,
  whitenoise, `DB_CONN_MAX_AGE` 60), on 127.0.0.1 with `X-Forwarded-Proto: https` as the
  proxy sends it; rate limits off (`RATE_LIMIT_API=0`, `RATE_LIMIT_SEARCH=0`), since one
  load generator on one address is not what they are for.
- Load: `wrk -t{results["threads"]} -c{results["connections"]} -d{results["duration"]}s` per
  row (an uncached row after {results.get("warmup", 0)} s of the same load), with
  `bench/wrk.lua` (p50/p95/p99; counts responses with an unexpected status as errors).
  "uncached" rows send `Authorization: Bench uncached`: requests with credentials
  are never answered from (nor stored in) the shared response cache (`cms/http_cache.py`),
  and nothing else reads that header.
- Shared cache: {results["runs"][next(iter(results["runs"]))].get("redis_url") or "none (no Redis)"}
  (`REDIS_URL`; the response cache of `cms/http_cache.py` runs only on a shared cache).
- Data: `python manage.py seed_bench --announcements N --meetings-per 10`: ten years of
  meetings, every sphere, venues, cancelled and postponed meetings, online and hybrid ones,
  StreamField bodies with an image; every announcement in Polish and English. Each size lives
  in its own database (`{results.get("databases", "spotkania_bench_<meetings>")}`), reused
  across runs.
- Queries per request: each URL run through Django's test client with
  `CaptureQueriesContext`, in a separate process on the same database and settings, as a
  server under steady load runs it. On the shared cache the API and the feeds keep each
  meeting's JSON or calendar event, and each filter's count, under the publication version
  (`RENDER_CACHE`), so a list or a feed renders only what changed since a publication; the
  rows "from scratch" come from a server with that off, as right after a publication, and
  count the queries of a render from scratch (for the pages, in `bench/render_profile.py`).
- Data size: the target compares the filtered list's p95 at the smallest and the largest
  size, measured again in alternating rounds (smallest first, then largest first, …) after the
  tables, each on a fresh server: the median of the rounds counts, so that the machine
  slowing down or speeding up during the run does not pass for growth. The tables and the plot
  show the first measurement.
- Baselines: a static file of the same bytes as the meetings list (whitenoise), the trivial
  view `/healthz`, and Wagtail's API v2 listing of 5 announcements (≈ 50 meetings) with
  `fields=*`.
- Took {results["elapsed_s"]} s{" (BENCH_QUICK=1)" if results["quick"] else ""}. Load average
  of the machine (1, 5, 15 min) before: {", ".join(map(str, results["load"][:3]))}; after:
  {", ".join(map(str, results["load"][3:]))}. On {os.cpu_count()} cores, anything above that
  is other work competing with the server and `wrk`, and lowers every figure.

![p95 latency against data size](benchmark-latency.svg)

{tables}
"""
