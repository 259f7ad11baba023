"""Every kind of public page, in every language, is valid HTML to the W3C Nu HTML Checker.

The checker (vnu-jar, from npm in tests/js, run on Java) reads the pages the site serves with
the demo content: every live page of every language, a sphere page, the schedule filtered and
with bad input, the search with results, with none and with bad input, and the error pages.
It runs once for all of them (about 10 s, most of it the JVM starting) and must report
nothing, neither an error nor a warning.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from meetings.models import SchedulePage, Sphere

VNU = Path(__file__).parent / "js" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

pytestmark = [
    pytest.mark.skipif(
        not (JAVA and VNU.exists()),
        reason="The Nu HTML Checker needs Java and vnu-jar: apt-get install -y "
        "default-jre-headless nodejs npm, then make install-dev (npm ci in tests/js).",
    ),
    pytest.mark.skipif(
        os.environ.get("BROWSER_TESTS") == "skip",
        reason="BROWSER_TESTS=skip: the page checks run once per CI run, on the other database",
    ),
]

# Query strings each page of its kind is also checked with: what people type, and bad input.
VARIANTS = {
    "schedule": [
        "",
        "?sphere=1&sphere=24",
        "?from=2025-13-45&to=wczoraj&status=zle",
        "?page=999",
    ],
    "search": ["?q=zdrowie", "?q=kwzxyq", "?q=" + "x" * 300, "?q="],
}


def pages_to_check(client) -> dict[str, str]:
    """{a file name: the HTML the site answers at that address} for every kind of page."""
    urls = []
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        url = page.get_url()
        if url:
            kind = "schedule" if isinstance(page, SchedulePage) else None
            urls += [url + variant for variant in VARIANTS.get(kind, [""])]
            sphere = Sphere.objects.filter(locale=page.locale).first()
            if kind and sphere:
                urls.append(page.sphere_url(sphere))
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            search = reverse("search")
            widget = reverse("widget_demo")
        urls += [search + variant for variant in VARIANTS["search"]]
        urls += [widget, f"/{code}/nie-ma-takiej-strony/" if code != "pl" else "/nie-ma-takiej/"]
    found = {url: _html(client.get(url), url) for url in urls}
    # A search past its rate limit answers with a page of its own.
    with override_settings(RATE_LIMIT_SEARCH=1):
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                search = reverse("search") + "?q=rada"
            client.get(search)
            found[f"{search} (429)"] = _html(client.get(search), search, 429)
    # What the site answers when it fails, or while the database cannot be reached.
    found["500"] = render_to_string("500.html")
    found["503"] = render_to_string("503.html")
    return found


def _html(response, url, status=None) -> str:
    assert response.status_code == status or (
        status is None and response.status_code in {200, 400, 404}
    ), (url, response.status_code)
    assert response["Content-Type"].startswith("text/html"), url
    return b"".join(response).decode() if response.streaming else response.content.decode()


@pytest.fixture(scope="module")
def site_pages(demo_content):
    return pages_to_check(Client())


def test_every_public_page_is_valid_html(site_pages, db, tmp_path):
    names = {}
    for number, (url, html) in enumerate(sorted(site_pages.items())):
        path = tmp_path / f"page-{number:03}.html"
        path.write_text(html)
        names[path.as_uri()] = url
    result = subprocess.run(  # noqa: S603 -- the JVM on the pages written above
        [
            JAVA,
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--stdout",
            *map(str, sorted(tmp_path.iterdir())),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    reported = [
        f"{names.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['type']}"
        f"{'/' + m['subType'] if m.get('subType') else ''}: {m['message']} [{m.get('extract', '')}]"
        for m in messages
    ]
    assert len(site_pages) >= 38
    assert reported == []
