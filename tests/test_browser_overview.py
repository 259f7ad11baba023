"""The meetings overview in a real browser: it fits a 1280 px wide screen and passes axe-core.

Headless Debian Chromium (/usr/bin/chromium) driven by Playwright against pytest-django's live
server, with the demo content and a few years of seeded announcements, as tests/test_browser.py
does for the public pages. Without Chromium (or without Playwright) the module is skipped.
Screenshots go to tests/artifacts/.
"""

import io

import pytest
from django.core.management import call_command

# The Chromium, its skip when missing and the axe helpers of the public pages' browser tests.
from tests.test_browser import ARTIFACTS, SERIOUS, axe_sync, browser  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OVERVIEW = "/admin/meetings/overview/"
USERNAME, PASSWORD = "przeglad-admin", "haslo-przegladu-spotkan"


@pytest.fixture
def site(live_server, django_user_model):
    """The live server's base URL: the demo site, announcements of several years (past and
    coming meetings, cancelled ones, both languages), a Polish draft with long names, and a
    superuser."""
    from meetings.models import AnnouncementIndexPage
    from tests.factories import announcement, meeting, warsaw

    call_command("load_demo_content", stdout=io.StringIO())
    call_command("seed_bench", announcements=12, meetings_per=3, quiet=True, stdout=io.StringIO())
    announcement(
        AnnouncementIndexPage.objects.get(locale__language_code="pl"),
        title="Spotkania branżowe dotyczące zieleni miejskiej, klimatu i ochrony środowiska",
        slug="zielen-szkic",
        publish=False,
        meetings=[
            meeting(
                start=warsaw(2058, 9, 14),
                topic="Zieleń w dzielnicach: propozycje organizacji pozarządowych do programu "
                "współpracy na rok 2059",
                sphere_numbers=("5", "5a", "9", "13", "15", "22", "26", "33"),
            )
        ],
    )
    django_user_model.objects.create_superuser(USERNAME, "przeglad@example.org", PASSWORD)
    return live_server.url


def sign_in_and_open_overview(page, site):
    page.goto(site + "/admin/login/?next=" + OVERVIEW)
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url("**" + OVERVIEW)
    page.wait_for_load_state("networkidle")


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_the_overview_fits_a_1280_px_screen_without_sideways_scrolling(browser, site):  # noqa: F811
    def check(page):
        sign_in_and_open_overview(page, site)
        screenshot(page, "admin-meetings-overview")
        return page.evaluate(
            """() => ({
                scroll: document.documentElement.scrollWidth,
                inner: window.innerWidth,
                rows: document.querySelectorAll("table.listing tbody tr").length,
                tableRight: document.querySelector("table.listing").getBoundingClientRect().right,
            })"""
        )

    widths = browser.run(check)

    assert widths["rows"] > 20, widths
    assert widths["scroll"] <= 1280, f"the overview scrolls sideways: {widths}"
    assert widths["tableRight"] <= widths["inner"], f"the table runs off the screen: {widths}"


def test_axe_finds_no_serious_violations_on_the_overview(browser, site):  # noqa: F811
    def check(page):
        sign_in_and_open_overview(page, site)
        return axe_sync.Axe().run(page).response["violations"]

    violations = browser.run(check)

    serious = [v for v in violations if v["impact"] in SERIOUS]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"])
        for v in serious
    )
    if serious:
        pytest.fail(f"axe-core finds serious or critical violations on {OVERVIEW}:\n{report}")
