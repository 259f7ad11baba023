"""The benchmark's endpoints on one database: their addresses and queries per request.

Run by bench/run.py with the site's environment; prints JSON. Queries are counted by running
each request through Django's test client in this process, against the same database and
shared cache the server uses, so the server itself runs without DEBUG: twice with credentials
(which the response cache never answers; the first finds nothing kept by the API, the second
its rendered meetings and counts), then twice plainly (the second may be a cache hit), then
conditionally with the ETag. Also writes the static file the
benchmark compares the meetings list with: the list's own body, under STATIC_ROOT.
"""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from meetings.models import (  # noqa: E402
    AnnouncementIndexPage,
    MeetingAnnouncementPage,
    SchedulePage,
    Sphere,
)

FILTER_SPHERES = ("pomoc-spoleczna", "kultura-sztuka-dziedzictwo", "dzieci-i-mlodziez")
UNCACHED = {"HTTP_AUTHORIZATION": "Bench uncached"}
STATIC_NAME = "bench/meetings-50.json"


def first_bench_announcement(locale):
    return (
        MeetingAnnouncementPage.objects.live()
        .filter(locale=locale, slug__startswith="bench-")
        .order_by("path")
        .first()
    )


def endpoints() -> list[dict]:
    """[{name, path, group}]: what the benchmark loads, on this database."""
    polish = Locale.objects.get(language_code="pl")
    spheres = Sphere.objects.filter(locale=polish, slug__in=FILTER_SPHERES)
    assert spheres.count() == len(FILTER_SPHERES), "unknown sphere slug in FILTER_SPHERES"  # noqa: S101
    today = timezone.localdate()
    window = f"from={today - timedelta(days=5 * 365)}&to={today + timedelta(days=365)}"
    sphere_query = "&".join(f"sphere={slug}" for slug in FILTER_SPHERES)
    announcement = first_bench_announcement(polish)
    index = AnnouncementIndexPage.objects.get(locale=polish)
    return [
        {"name": "API meetings list", "path": "/api/v1/meetings/?limit=50"},
        {
            "name": "API meetings list, filtered",
            "path": f"/api/v1/meetings/?limit=50&{sphere_query}&{window}",
        },
        {
            "name": "API meetings list, filtered, English",
            "path": f"/api/v1/meetings/?limit=50&{sphere_query}&{window}&locale=en",
        },
        {"name": "API announcement", "path": f"/api/v1/announcements/{announcement.pk}/"},
        {"name": "Schedule page", "path": "/harmonogram/"},
        {"name": "Announcement page", "path": announcement.url},
        {"name": "feed.ics, whole", "path": "/harmonogram/feed.ics"},
        {
            "name": "feed.ics, one sphere",
            "path": f"/harmonogram/feed.ics?sphere={FILTER_SPHERES[0]}",
        },
        {
            "name": "Wagtail API v2 listing",
            "path": "/api/v2/pages/?type=meetings.MeetingAnnouncementPage"
            f"&child_of={index.pk}&fields=*&limit=5",
            "baseline": True,
        },
        {"name": "Trivial view (/healthz)", "path": "/healthz", "baseline": True},
        {"name": "Static file", "path": settings.STATIC_URL + STATIC_NAME, "baseline": True},
    ]


def from_scratch_endpoints() -> list[dict]:
    """[{name, path}]: the pages and lists as they are rendered right after a publication,
    with the baselines their ratios are taken to."""
    from home.models import StandardPage

    polish = Locale.objects.get(language_code="pl")
    announcement = first_bench_announcement(polish)
    index = AnnouncementIndexPage.objects.get(locale=polish)
    schedule = SchedulePage.objects.get(locale=polish)
    sphere = Sphere.objects.get(locale=polish, slug=FILTER_SPHERES[0])
    plain = StandardPage.objects.get(slug="bench-plain-page")
    return [
        {"name": "Trivial view (/healthz)", "path": "/healthz"},
        {"name": "Plain Wagtail page", "path": plain.url},
        {"name": "Schedule page", "path": schedule.url},
        {"name": "Announcement page", "path": announcement.url},
        {"name": "Sphere page", "path": schedule.sphere_url(sphere)},
        {"name": "feed.ics, one sphere", "path": f"{schedule.url}feed.ics?sphere={sphere.slug}"},
        {"name": "API meetings list", "path": "/api/v1/meetings/?limit=50"},
        {
            "name": "Wagtail API v2 listing",
            "path": "/api/v2/pages/?type=meetings.MeetingAnnouncementPage"
            f"&child_of={index.pk}&fields=*&limit=5",
        },
    ]


def count(client: Client, path: str, **headers) -> tuple[int, int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, secure=True, **headers)
    return len(queries), response.status_code, response


def main():
    client = Client(HTTP_HOST="127.0.0.1")
    found = endpoints()
    for endpoint in found:
        path = endpoint["path"]
        if path.startswith(settings.STATIC_URL):
            continue
        # The first time, nothing is kept yet (the API renders every meeting and counts); the
        # second is what a server under steady load runs.
        endpoint["queries_cold"] = count(client, path, **UNCACHED)[0]
        queries, code, response = count(client, path, **UNCACHED)
        endpoint.update(
            queries=queries,
            status=code,
            bytes=len(response.content if not response.streaming else b"".join(response)),
        )
        if not path.startswith("/api/v1/"):
            continue
        # The first plain request may fill a response cache; the second may be answered by it.
        count(client, path)
        endpoint["queries_repeat"], _code, again = count(client, path)
        endpoint["x_cache"] = again.headers.get("X-Cache", "")
        etag = again.headers.get("ETag")
        if etag:
            endpoint["etag"] = etag
            endpoint["queries_304"], endpoint["status_304"], _ = count(
                client, path, HTTP_IF_NONE_MATCH=etag
            )
    # The static baseline: the plain meetings list's own bytes.
    response = client.get(found[0]["path"], secure=True, **UNCACHED)
    target = Path(settings.STATIC_ROOT) / STATIC_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(response.content)
    static = next(e for e in found if e["path"].startswith(settings.STATIC_URL))
    static.update(queries=0, status=response.status_code, bytes=len(response.content))
    print(
        json.dumps(
            {
                "endpoints": found,
                "static_file": str(target),
                "redis": bool(os.environ.get("REDIS_URL")),
            }
        )
    )


if __name__ == "__main__":
    main()
