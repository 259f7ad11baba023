#!/usr/bin/env python3
"""Install the plugin into a new Wagtail site, as an integrator would, and check it over HTTP.

Builds the wheel of ``meetings`` with the project's .venv, makes a new virtualenv with the
system's python3, installs the wheel with the pinned Django and Wagtail, runs ``wagtail start``
outside this repository, applies the steps of docs/plugin.md to the generated settings and
URLs (the block "The integration" below, one entry per step), migrates, runs
``meetings_setup --parent / --roles``, publishes an announcement with two meetings through
the models, serves the site with ``runserver`` on a free loopback port and checks its pages,
API, feed, admin and system checks. One line per check, ``ok ...`` or ``FAIL ...``, then
``N passed, N failed``; exits 1 on any failure. Temporary directories are removed and the
server stopped (``--keep`` keeps the directory for a look afterwards).

    python scripts/fresh_site_check.py [--django VERSION] [--wagtail VERSION]

Without versions it installs the pins of requirements.txt. ``make fresh-site`` runs every
declared pair of versions.
"""

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PYTHON = ROOT / ".venv" / "bin" / "python"
DOC = ROOT / "docs" / "plugin.md"
SITE_NAME = "freshsite"
ADMIN_USER = "admin"
STEP_TIMEOUT = 600
# What the build needs of this repository: the plugin, its metadata, its readme and licence.
SOURCES = ["pyproject.toml", "LICENSE", "docs/plugin.md", "meetings"]
# Variables of this repository's own environment that must not reach the fresh site.
HOST_ENVIRONMENT = [
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONSTARTUP",
    "VIRTUAL_ENV",
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "WAGTAILADMIN_BASE_URL",
]

# ---------------------------------------------------------------------------------------------
# The integration: exactly the edits that docs/plugin.md lists, one entry per step of the doc.
# Each snippet must appear verbatim in the doc (the first check says so).
# ---------------------------------------------------------------------------------------------

# docs/plugin.md, step 2 (INSTALLED_APPS): the plugin and what it needs, above Wagtail's apps.
INSTALLED_APPS = """\
    "meetings",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.routable_page",
"""
# docs/plugin.md, step 3 (MIDDLEWARE): LocaleMiddleware after SessionMiddleware, and the API's
# validators.
LOCALE_MIDDLEWARE = """\
    "django.middleware.locale.LocaleMiddleware",
    "meetings.middleware.ApiValidatorsMiddleware",
"""
SESSION_MIDDLEWARE = '    "django.contrib.sessions.middleware.SessionMiddleware",\n'
# docs/plugin.md, step 4 (settings): languages, time zone, moderated translations.
SETTINGS = """\
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", "Polski"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Warsaw"
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
"""
# docs/plugin.md, step 5 (urls.py): the API, and the plugin's files before Wagtail's pages,
# in i18n_patterns without a prefix for the source language.
URL_IMPORTS = """\
from django.conf.urls.i18n import i18n_patterns
from meetings.api.views import api as meetings_api
"""
URL_PATTERNS = """\
urlpatterns += [
    path("api/v1/", meetings_api.urls),
]
urlpatterns += i18n_patterns(
    path("", include("meetings.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
"""
# The generated catch-all that step 5 replaces (the last statement of wagtail start's urls.py).
GENERATED_CATCH_ALL = re.compile(r"^urlpatterns = urlpatterns \+ \[\n.*\Z", re.S | re.M)
# docs/plugin.md, step 7: the plugin's set-up command.
SETUP_COMMAND = ["meetings_setup", "--parent", "/", "--roles"]
SNIPPETS = [INSTALLED_APPS, LOCALE_MIDDLEWARE, SETTINGS, URL_IMPORTS, URL_PATTERNS]


def integrate(site: Path) -> None:
    """Apply docs/plugin.md's steps 2-5 to the files ``wagtail start`` generated."""
    settings = site / SITE_NAME / "settings" / "base.py"
    text = settings.read_text()
    text = replace_once(text, "INSTALLED_APPS = [\n", "INSTALLED_APPS = [\n" + INSTALLED_APPS)
    text = replace_once(text, SESSION_MIDDLEWARE, SESSION_MIDDLEWARE + LOCALE_MIDDLEWARE)
    text += "\n\n" + SETTINGS
    settings.write_text(text)

    urls = site / SITE_NAME / "urls.py"
    text = urls.read_text()
    if not GENERATED_CATCH_ALL.search(text):
        raise StepError("urls.py: the generated catch-all of Wagtail's pages is not where expected")
    text = URL_IMPORTS + GENERATED_CATCH_ALL.sub(URL_PATTERNS, text)
    urls.write_text(text)


# ---------------------------------------------------------------------------------------------
# Content, as a host's data migration would make it: a venue, an organiser, spheres from the
# loaded list, an announcement with two meetings, published; and a superuser.
# ---------------------------------------------------------------------------------------------
TOPICS = [
    "Priorytety Programu Współpracy na rok 2027 (sprawdzian instalacji)",
    "Małe granty dla organizacji pozarządowych (sprawdzian instalacji)",
]
CONTENT = """
import json, os
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from meetings.models import (
    AnnouncementIndexPage, AnnouncementOrganizer, Meeting, MeetingAnnouncementPage, Organizer,
    SchedulePage, Sphere, Venue,
)

topics = json.loads(os.environ["FRESH_TOPICS"])
polish = Locale.objects.get(language_code="pl")
warsaw = ZoneInfo("Europe/Warsaw")
today = timezone.localdate()


def at(days, hour):
    return datetime.combine(today + timedelta(days=days), time(hour), tzinfo=warsaw)


venue = Venue.objects.create(
    locale=polish, name="Urząd Miasta Krakowa, Sala Obrad",
    street_address="pl. Wszystkich Świętych 3-4", room="Sala Obrad", floor="I piętro",
)
organizer = Organizer.objects.create(
    locale=polish, name="Wydział Polityki Społecznej i Zdrowia", email="ngo@example.org"
)
spheres = list(Sphere.objects.filter(locale=polish).order_by("sort_order", "pk")[:3])
assert len(spheres) == 3, "the spheres were not loaded"
index = AnnouncementIndexPage.objects.get(locale=polish)
schedule = SchedulePage.objects.get(locale=polish)
meetings = [
    Meeting(topic=topics[0], start=at(7, 17), end=at(7, 19), venue=venue, spheres=spheres[:2],
            sort_order=0),
    Meeting(topic=topics[1], start=at(14, 10), end=at(14, 12), venue=venue, spheres=spheres[1:],
            sort_order=1),
]
page = MeetingAnnouncementPage(
    title="Spotkania branżowe – sprawdzian instalacji",
    slug="sprawdzian-instalacji",
    locale=polish,
    lead="Prezydent Miasta Krakowa zaprasza organizacje pozarządowe na spotkania branżowe.",
    organizer_links=[AnnouncementOrganizer(organizer=organizer, sort_order=0)],
    meetings=meetings,
    body=[("paragraph", "<p>Zapraszamy.</p>")],
)
index.add_child(instance=page)
page.save_revision().publish()
page = MeetingAnnouncementPage.objects.get(pk=page.pk)
assert page.live and page.meetings.count() == 2

get_user_model().objects.create_superuser(
    os.environ["FRESH_ADMIN_USER"], "admin@example.org", os.environ["FRESH_ADMIN_PASSWORD"]
)
print(json.dumps({
    "announcement_id": page.pk,
    "announcement_url": page.url,
    "schedule_url": schedule.url,
    "sphere_url": schedule.sphere_url(spheres[0]),
    "snippets": ["sphere", "venue", "organizer", "consultation"],
}))
"""
PARSE_FEED = """
import json, sys
import icalendar
calendar = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
print(json.dumps([str(event.get("summary")) for event in calendar.walk("VEVENT")]))
"""


class StepError(Exception):
    """A step without which the later checks cannot run."""


def replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise StepError(f"expected {old.strip()!r} once in the generated file")
    return text.replace(old, new)


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        if ok:
            self.passed += 1
            print(f"ok {what}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {what}" + (f": {detail}" if detail else ""), flush=True)
        return ok


def tail(text: str, lines: int = 25) -> str:
    return "\n    " + "\n    ".join(text.strip().splitlines()[-lines:])


def run(command: list, *, cwd: Path, env: dict, what: str) -> str:
    result = subprocess.run(  # noqa: S603
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
    )
    if result.returncode:
        raise StepError(f"{what} exited {result.returncode}:{tail(result.stdout + result.stderr)}")
    return result.stdout


def requirement_pins() -> dict:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        name, _, version = line.partition("==")
        if version:
            pins[name.strip().lower()] = version.strip()
    return pins


def base_python() -> str:
    """The system's python3: the first on PATH that is not inside a virtualenv."""
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        candidate = Path(directory) / "python3"
        if not candidate.is_file() or not os.access(candidate, os.X_OK):
            continue
        probe = subprocess.run(  # noqa: S603
            [candidate, "-c", "import sys; print(sys.prefix == sys.base_prefix)"],
            capture_output=True,
            text=True,
            cwd="/",
        )
        if probe.stdout.strip() == "True":
            return str(candidate)
    raise StepError("no python3 outside a virtualenv on PATH")


def clean_environment(venv: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in HOST_ENVIRONMENT}
    path = [p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT))]
    env["PATH"] = os.pathsep.join([str(venv / "bin"), *path])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """urllib with a cookie jar; returns (status, body) and never raises on an HTTP status."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.cookies if c.name == name), "")


def wait_for(client: Client, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise StepError(f"runserver exited {server.returncode}")
        try:
            client.get("/admin/login/")
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise StepError(f"runserver did not answer within {seconds:.0f} s")


def build_wheel(work: Path, report: Report) -> Path:
    source = work / "src"
    source.mkdir()
    for name in SOURCES:
        origin = ROOT / name
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(origin, target)
    python = PROJECT_PYTHON if PROJECT_PYTHON.exists() else Path(sys.executable)
    run(
        [python, "-m", "build", "--wheel", "--outdir", work / "dist", source],
        cwd=work,
        env=os.environ.copy(),
        what="python -m build --wheel",
    )
    wheel = next((work / "dist").glob("wagtail_spotkania-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    wanted = [
        "meetings/templates/meetings/schedule_page.html",
        "meetings/locale/pl/LC_MESSAGES/django.mo",
        "meetings/data/spheres.json",
        "meetings/static/meetings/widget.js",
        "meetings/migrations/0001_initial.py",
    ]
    missing = [name for name in wanted if name not in names]
    foreign = sorted(
        {n.split("/")[0] for n in names if not n.startswith(("meetings/", "wagtail_"))}
    )
    report.check(
        not missing and not foreign,
        f"wheel {wheel.name} built, with templates, catalogues, data and migrations, "
        "and nothing of the example host",
        f"missing {missing}, foreign {foreign}",
    )
    return wheel


def main() -> int:
    pins = requirement_pins()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--django", default=pins["django"], help="Django version to install")
    parser.add_argument("--wagtail", default=pins["wagtail"], help="Wagtail version to install")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    started = time.monotonic()
    report = Report()
    print(f"fresh site with Django {args.django}, Wagtail {args.wagtail}", flush=True)
    doc = DOC.read_text() if DOC.exists() else ""
    absent = [s.splitlines()[0].strip() for s in SNIPPETS if s not in doc]
    report.check(
        not absent, "docs/plugin.md shows every edit this check makes", f"not in it: {absent}"
    )

    work = Path(tempfile.mkdtemp(prefix="fresh-site-"))
    server = None
    try:
        server = fresh_site(work, args, report)
    except StepError as error:
        report.check(False, "the site could be set up", str(error))
    except subprocess.TimeoutExpired as error:
        report.check(False, "the site could be set up", f"{error.cmd} timed out")
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.monotonic() - started
    print(f"{report.passed} passed, {report.failed} failed ({elapsed:.0f} s)", flush=True)
    return 1 if report.failed else 0


def fresh_site(work: Path, args, report: Report) -> subprocess.Popen:
    wheel = build_wheel(work, report)

    # docs/plugin.md, step 1: pip install the wheel into the site's environment.
    venv = work / "venv"
    env = clean_environment(venv)
    run([base_python(), "-m", "venv", venv], cwd=work, env=env, what="python3 -m venv")
    python = venv / "bin" / "python"
    run(
        [python, "-m", "pip", "install", "--quiet", wheel]
        + [f"Django=={args.django}", f"wagtail=={args.wagtail}"],
        cwd=work,
        env=env,
        what="pip install",
    )
    installed = json.loads(
        run(
            [
                python,
                "-c",
                "import importlib.metadata as m, json; print(json.dumps("
                "{n: m.version(n) for n in ('Django', 'wagtail', 'wagtail-localize', "
                "'wagtail-spotkania')}))",
            ],
            cwd=work,
            env=env,
            what="pip show",
        )
    )
    report.check(
        installed["Django"] == args.django and installed["wagtail"] == args.wagtail,
        "installed " + ", ".join(f"{name} {version}" for name, version in installed.items()),
    )

    site = work / "site"
    site.mkdir()
    run(
        [venv / "bin" / "wagtail", "start", SITE_NAME, site],
        cwd=work,
        env=env,
        what="wagtail start",
    )
    origin = run(
        [
            python,
            "-c",
            "import meetings, importlib.util as u; print(meetings.__file__);"
            "print(u.find_spec('cms') is None and u.find_spec('home.demo') is None)",
        ],
        cwd=site,
        env=env,
        what="import meetings",
    ).split()
    report.check(
        origin[0].startswith(str(venv)) and origin[1] == "True",
        "wagtail start made a site that imports the plugin from the wheel, not this repository",
        " ".join(origin),
    )

    integrate(site)
    manage = [python, "manage.py"]
    run([*manage, "migrate", "--noinput"], cwd=site, env=env, what="migrate")
    run([*manage, *SETUP_COMMAND], cwd=site, env=env, what="meetings_setup")
    password = secrets.token_urlsafe(16)
    content_env = {
        **env,
        "FRESH_TOPICS": json.dumps(TOPICS),
        "FRESH_ADMIN_USER": ADMIN_USER,
        "FRESH_ADMIN_PASSWORD": password,
    }
    output = run([*manage, "shell", "-c", CONTENT], cwd=site, env=content_env, what="content")
    made = json.loads(output.strip().splitlines()[-1])
    report.check(True, "migrate, meetings_setup --parent / --roles, an announcement published")

    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [*map(str, manage), "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    client = Client(f"http://127.0.0.1:{port}")
    wait_for(client, server)
    check_public(client, made, site, python, env, report)
    check_admin(client, made, password, report)
    check_deploy(manage, site, env, report)
    return server


def in_host_layout(html: str) -> bool:
    """Only the base.html that wagtail start generated links the project's own stylesheet."""
    return f"css/{SITE_NAME}.css" in html and f"js/{SITE_NAME}.js" in html


def head(html: str) -> str:
    return html.split("</head>", 1)[0]


def api_validators(url: str) -> tuple[bool, str, str]:
    """The API's ETag, Last-Modified and Cache-Control, and a 304 for a conditional GET."""
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310
        headers = response.headers
    etag = headers.get("ETag", "")
    request = urllib.request.Request(url, headers={"If-None-Match": etag})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            again = response.status
    except urllib.error.HTTPError as error:
        again = error.code
    request = urllib.request.Request(url, method="HEAD")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            head_status, head_etag = response.status, response.headers.get("ETag", "")
    except urllib.error.HTTPError as error:
        head_status, head_etag = error.code, ""
    ok = bool(etag and headers.get("Last-Modified")) and again == 304
    ok = ok and headers.get("Cache-Control", "").startswith("public")
    ok = ok and head_status == 200 and head_etag == etag
    return (
        ok,
        "the API sends ETag, Last-Modified, Cache-Control, answers 304 and answers HEAD",
        f"conditional GET {again}, HEAD {head_status}",
    )


def check_public(client, made, site, python, env, report) -> None:
    status, html = client.get(made["schedule_url"])
    report.check(
        status == 200 and in_host_layout(html) and all(t in html for t in TOPICS),
        f"schedule {made['schedule_url']} answers 200 in the host's base.html with both meetings",
        f"status {status}",
    )
    report.check(
        'type="text/calendar"' in head(html),
        "schedule links its calendar feed in the head (block extra_css)",
    )
    status, html = client.get(made["announcement_url"])
    report.check(
        status == 200 and in_host_layout(html) and all(t in html for t in TOPICS),
        f"announcement {made['announcement_url']} answers 200 in the host's base.html with "
        "both meetings",
        f"status {status}",
    )
    report.check(
        "application/ld+json" in head(html),
        "announcement carries its JSON-LD in the head (block extra_css)",
    )
    status, html = client.get(made["sphere_url"])
    report.check(
        status == 200 and in_host_layout(html) and TOPICS[0] in html,
        f"sphere page {made['sphere_url']} answers 200 in the host's base.html",
        f"status {status}",
    )

    status, body = client.get("/api/v1/meetings/")
    topics = []
    if status == 200:
        topics = [item.get("topic") for item in json.loads(body).get("items", [])]
    report.check(
        sorted(topics) == sorted(TOPICS),
        "/api/v1/meetings/ lists both meetings",
        f"status {status}, topics {topics}",
    )
    report.check(*api_validators(client.base + "/api/v1/meetings/"))

    feed_url = made["schedule_url"] + "feed.ics"
    status, body = client.get(feed_url)
    summaries = []
    if status == 200:
        feed = site.parent / "feed.ics"
        feed.write_text(body)
        summaries = json.loads(
            run([python, "-c", PARSE_FEED, feed], cwd=site, env=env, what="icalendar")
        )
    # An event's title names the kind of meeting and its topic ("Spotkanie branżowe 1 z 2: …").
    report.check(
        len(summaries) == len(TOPICS)
        and all(sum(s.endswith(": " + t) for s in summaries) == 1 for t in TOPICS),
        f"{feed_url} parses with icalendar and has both events",
        f"status {status}, events {summaries}",
    )


def check_admin(client, made, password, report) -> None:
    status, html = client.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    form = {
        "csrfmiddlewaretoken": token.group(1) if token else "",
        "username": ADMIN_USER,
        "password": password,
        "next": "/admin/",
    }
    status, html = client.get("/admin/login/", form)
    report.check(
        status == 200 and client.cookie("sessionid") != "",
        "a superuser signs in through the admin's login form",
        f"status {status}",
    )
    paths = [f"/admin/pages/{made['announcement_id']}/edit/"] + [
        f"/admin/snippets/meetings/{model}/" for model in made["snippets"]
    ]
    for path in paths:
        status, html = client.get(path)
        report.check(
            status == 200 and 'name="password"' not in html,
            f"{path} answers 200 to the superuser",
            f"status {status}",
        )


def check_deploy(manage, site, env, report) -> None:
    result = subprocess.run(  # noqa: S603
        [*map(str, manage), "check", "--deploy"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
    )
    ours = re.findall(r"\(meetings\.[EW]\d+\)[^\n]*", result.stdout + result.stderr)
    report.check(
        not ours,
        "manage.py check --deploy reports nothing with an id meetings.*",
        "; ".join(ours),
    )


if __name__ == "__main__":
    sys.exit(main())
