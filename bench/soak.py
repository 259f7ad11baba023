"""make soak: mixed traffic for several minutes while announcements are published, edited and
unpublished, on PostgreSQL under gunicorn as production runs it.

Every title and meeting topic the editor writes carries a unique marker (``soak`` and 12 hex
digits). The editor records when each marker became public and when it stopped being public
(edited away or unpublished); some markers are only ever drafts. The traffic threads record
every marker in every response body. Afterwards:

- no response may carry a marker that was not public at some moment while the request was in
  flight (allowing ``RACE_SECONDS`` either side for the commit and the clock);
- every announcement still published must show its latest title on its page and in the API;
- no response may be a 5xx.

Environment: SOAK_SECONDS (300), SOAK_CLIENTS (8 threads), BENCH_DATABASE_URL as for
``make bench`` (uses the database of 1,000 meetings, seeded if needed), REDIS_URL (passed on).
"""

import os
import random
import re
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import server  # noqa: E402

SECONDS = int(os.environ.get("SOAK_SECONDS", "300"))
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "8"))
SIZE = 1_000
RACE_SECONDS = 1.0
MARKER = re.compile(rb"soak[0-9a-f]{12}")
# Slugs never change on edit, so they carry no marker.
SLUG_PREFIX = "soak-page-"


def log(message: str):
    print(f"[soak {datetime.now():%H:%M:%S}] {message}", flush=True)


class Ledger:
    """When each marker was public: {marker: [[from, until or None], ...]}; drafts: a set."""

    def __init__(self):
        self.lock = threading.Lock()
        self.public: dict[str, list[list]] = {}
        self.drafts: set[str] = set()

    def published(self, marker: str, at: float):
        with self.lock:
            self.public.setdefault(marker, []).append([at, None])

    def withdrawn(self, marker: str, at: float):
        with self.lock:
            self.public[marker][-1][1] = at

    def draft(self, marker: str):
        with self.lock:
            self.drafts.add(marker)

    def violates(self, marker: str, start: float, end: float) -> bool:
        with self.lock:
            spans = [list(span) for span in self.public.get(marker, [])]
        for since, until in spans:
            if since - RACE_SECONDS <= end and (until is None or until + RACE_SECONDS >= start):
                return False
        # Unknown to the ledger: not ours (or written before this soak began).
        return bool(spans) or marker in self.drafts


class Editor(threading.Thread):
    """Publishes, edits, drafts and unpublishes soak announcements through Wagtail."""

    def __init__(self, ledger: Ledger, stop: threading.Event):
        super().__init__(daemon=True)
        self.ledger, self.stop = ledger, stop
        self.live: dict[int, str] = {}  # page id -> its public marker
        self.actions = {"publish": 0, "edit": 0, "draft": 0, "unpublish": 0}
        self.error: BaseException | None = None
        self.rng = random.Random(7)  # noqa: S311 (test data, not secrets)

    def run(self):
        from django.db import close_old_connections

        try:
            while not self.stop.is_set():
                action = self.rng.choices(
                    ["publish", "edit", "draft", "unpublish"],
                    weights=[3, 4, 2, 2] if self.live else [1, 0, 0, 0],
                )[0]
                getattr(self, action)()
                self.actions[action] += 1
                close_old_connections()
                self.stop.wait(0.3)
        except BaseException as error:  # reported by the main thread
            self.error = error
            self.stop.set()

    def _marker(self) -> str:
        return f"soak{uuid.uuid4().hex[:12]}"

    def _meeting(self, marker):
        from meetings.models import Meeting, Sphere, Venue

        start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=self.rng.randint(1, 20))
        return Meeting(
            topic=f"Spotkanie {marker}",
            start=start,
            end=start + timedelta(hours=2),
            venue=Venue.objects.filter(locale__language_code="pl").first(),
            spheres=list(Sphere.objects.filter(locale__language_code="pl")[:2]),
        )

    def publish(self):
        from meetings.models import (
            AnnouncementIndexPage,
            AnnouncementOrganizer,
            MeetingAnnouncementPage,
            Organizer,
        )

        marker = self._marker()
        index = AnnouncementIndexPage.objects.get(locale__language_code="pl")
        page = MeetingAnnouncementPage(
            title=f"Ogłoszenie {marker}",
            slug=f"{SLUG_PREFIX}{uuid.uuid4().hex[:10]}",
            lead=f"Zaproszenie {marker}",
            live=False,
            organizer_links=[
                AnnouncementOrganizer(
                    organizer=Organizer.objects.filter(locale__language_code="pl").first()
                )
            ],
            meetings=[self._meeting(marker)],
        )
        index.add_child(instance=page)
        # Drafts first: a page never published must not be seen.
        self.ledger.draft(marker)
        revision = page.save_revision()
        self.ledger.published(marker, time.time())
        revision.publish()
        self.live[page.pk] = marker

    def edit(self):
        from meetings.models import MeetingAnnouncementPage

        page_id, old = self.rng.choice(list(self.live.items()))
        page = MeetingAnnouncementPage.objects.get(pk=page_id)
        marker = self._marker()
        page.title = f"Ogłoszenie {marker}"
        page.lead = f"Zaproszenie {marker}"
        meetings = list(page.meetings.all())
        for meeting in meetings:
            meeting.topic = f"Spotkanie {marker}"
        page.meetings = meetings
        revision = page.save_revision()
        self.ledger.published(marker, time.time())
        revision.publish()
        self.ledger.withdrawn(old, time.time())
        self.live[page_id] = marker

    def draft(self):
        """A draft over a live page: its marker must never be served."""
        from meetings.models import MeetingAnnouncementPage

        page_id = self.rng.choice(list(self.live))
        page = MeetingAnnouncementPage.objects.get(pk=page_id)
        marker = self._marker()
        self.ledger.draft(marker)
        page.title = f"Szkic {marker}"
        page.save_revision()

    def unpublish(self):
        from meetings.models import MeetingAnnouncementPage

        page_id = self.rng.choice(list(self.live))
        marker = self.live.pop(page_id)
        MeetingAnnouncementPage.objects.get(pk=page_id).unpublish()
        self.ledger.withdrawn(marker, time.time())


class Client(threading.Thread):
    def __init__(self, paths, ledger: Ledger, stop: threading.Event, seed: int):
        super().__init__(daemon=True)
        self.paths, self.ledger, self.stop = paths, ledger, stop
        self.rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.leaks: list[tuple[str, str]] = []

    def run(self):
        while not self.stop.is_set():
            path, headers = self.rng.choice(self.paths)
            start = time.time()
            try:
                status, _headers, body = server.get(path, headers, timeout=60)
            except OSError:
                status, body = 0, b""
            end = time.time()
            self.latencies.append(end - start)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            for found in set(MARKER.findall(body)):
                marker = found.decode()
                if self.ledger.violates(marker, start, end):
                    self.leaks.append((path, marker, round(start, 2), round(end, 2)))


def traffic_paths() -> list[tuple[str, dict]]:
    """(path, headers): anonymous GETs, and API lists that pass by the response cache to what
    the API keeps of its own renders (meetings.api)."""
    uncached = [
        "/api/v1/meetings/?upcoming=true&limit=50",
        "/api/v1/meetings/?upcoming=true&limit=50&locale=en",
        "/api/v1/meetings/?sphere=pomoc-spoleczna&limit=50",
    ]
    return [(path, {}) for path in plain_paths()] + [
        (path, server.UNCACHED_HEADERS) for path in uncached
    ]


def plain_paths() -> list[str]:
    return [
        "/api/v1/meetings/?upcoming=true&limit=50",
        "/api/v1/meetings/?ordering=-start&limit=50",
        "/api/v1/meetings/?upcoming=true&limit=50&locale=en",
        "/api/v1/announcements/?limit=20",
        "/api/v1/schedule/",
        "/api/v1/spheres/",
        "/",
        "/en/",
        "/ogloszenia/",
        "/ogloszenia/rss.xml",
        "/harmonogram/",
        "/harmonogram/feed.ics",
        "/harmonogram/sfera/pomoc-spoleczna/",
        "/szukaj/?q=soak",
        "/szukaj/?q=spotkanie",
        "/sitemap.xml",
    ]


def final_check(editor: Editor) -> list[str]:
    """Every announcement still published shows its latest marker on its page and in the API."""
    from meetings.models import MeetingAnnouncementPage

    problems = []
    for page_id, marker in editor.live.items():
        page = MeetingAnnouncementPage.objects.get(pk=page_id)
        for path in (page.url, f"/api/v1/announcements/{page_id}/"):
            status, _headers, body = server.get(path)
            if status != 200 or marker.encode() not in body:
                problems.append(f"{path}: {status}, latest marker {marker} missing")
    return problems


def cleanup():
    from wagtail.models import Page

    for page in Page.objects.filter(slug__startswith=SLUG_PREFIX):
        page.delete()


def main():
    import run

    url = run.prepare(SIZE)
    if not (server.ROOT / "staticfiles" / "staticfiles.json").exists():
        server.manage(url, "collectstatic", "--noinput")
    os.environ.update(server.site_env(url))
    sys.path.insert(0, str(server.ROOT))
    import django

    django.setup()
    cleanup()
    ledger, stop = Ledger(), threading.Event()
    with server.gunicorn(url) as srv:
        paths = traffic_paths()
        for path, headers in paths:
            server.get(path, headers, timeout=120)
        memory_start = {pid: m.get("VmRSS", 0) for pid, m in srv.memory().items()}
        log(f"{SECONDS} s of traffic from {CLIENTS} clients while an editor publishes")
        clients = [Client(paths, ledger, stop, seed=n) for n in range(CLIENTS)]
        editor = Editor(ledger, stop)
        started = time.monotonic()
        for thread in [editor, *clients]:
            thread.start()
        stop.wait(SECONDS)
        stop.set()
        for thread in [editor, *clients]:
            thread.join(timeout=120)
        elapsed = time.monotonic() - started
        if editor.error:
            raise editor.error
        problems = final_check(editor)
        memory_end = {pid: m.get("VmRSS", 0) for pid, m in srv.memory().items()}
    cleanup()
    latencies = sorted(x for c in clients for x in c.latencies)
    statuses: dict[int, int] = {}
    for c in clients:
        for status, n in c.statuses.items():
            statuses[status] = statuses.get(status, 0) + n
    leaks = [leak for c in clients for leak in c.leaks]
    errors = sum(n for status, n in statuses.items() if status >= 500 or status == 0)
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else 0
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(elapsed),
        "clients": CLIENTS,
        "requests": len(latencies),
        "statuses": dict(sorted(statuses.items())),
        "errors_5xx": errors,
        "p50_ms": latencies[len(latencies) // 2] * 1000 if latencies else 0,
        "p99_ms": p99 * 1000,
        "editor_actions": editor.actions,
        "leaks": leaks[:20],
        "leak_count": len(leaks),
        "final_problems": problems,
        "rss_start_mib": sorted(v // 1024 for v in memory_start.values()),
        "rss_end_mib": sorted(v // 1024 for v in memory_end.values()),
    }
    text = markdown(report)
    print(text)
    for path, marker, *_times in report["leaks"]:
        print(f"leak: {marker} in {path}; public: {ledger.public.get(marker)}", file=sys.stderr)
    import report as bench_report

    bench_report.update_section(server.ROOT / "docs" / "benchmarks.md", "soak", text)
    ok = errors == 0 and not leaks and not problems
    log("passed" if ok else "FAILED")
    sys.exit(0 if ok else 1)


def markdown(r: dict) -> str:
    actions = ", ".join(f"{n} {name}" for name, n in r["editor_actions"].items())
    return f"""## Soak test

`make soak` (`bench/soak.py`), {r["date"]}: {r["seconds"]} s of mixed traffic (API, pages,
feeds, search, sitemap, and API lists sent past the response cache to the API's own kept
renders) from {r["clients"]} client threads on loopback against gunicorn
({server.WORKERS} workers, production settings, 1,000 bench meetings), while an editor thread
of the soak process published, edited, drafted and unpublished announcements through
Wagtail's revisions in the same database ({actions}). Shared response cache:
{server.redis_url() or "none (no Redis)"}.

| measure | value |
| --- | --- |
| requests | {r["requests"]} |
| responses by status | {", ".join(f"{s}: {n}" for s, n in r["statuses"].items())} |
| 5xx (must be 0) | {r["errors_5xx"]} |
| p50 / p99 latency | {r["p50_ms"]:.0f} ms / {r["p99_ms"]:.0f} ms |
| worker RSS at start | {", ".join(f"{v} MiB" for v in r["rss_start_mib"])} |
| worker RSS at end | {", ".join(f"{v} MiB" for v in r["rss_end_mib"])} |
| responses with content not public at the time (must be 0) | {r["leak_count"]} |
| published edits not visible afterwards (must be 0) | {len(r["final_problems"])} |
"""


if __name__ == "__main__":
    main()
