"""The public pages in a real browser: axe-core, the keyboard, the language switcher, a phone.

Headless Debian Chromium (/usr/bin/chromium) driven by Playwright against pytest-django's live
server with the demo content. Playwright's own browser downloads are never used. Without Chromium
(or without Playwright) the whole module is skipped. Screenshots go to tests/artifacts/.
"""

import io
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.management import call_command

if os.environ.get("BROWSER_TESTS") == "skip":
    pytest.skip(
        "BROWSER_TESTS=skip: the browser tests run once per CI run, on the other database",
        allow_module_level=True,
    )
CHROMIUM = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
if not CHROMIUM:
    pytest.skip(
        "Chromium not found: apt-get install -y chromium (Debian) to run the browser tests",
        allow_module_level=True,
    )

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="Playwright is not installed: pip install -r requirements-dev.txt",
)
axe_sync = pytest.importorskip(
    "axe_playwright_python.sync_playwright",
    reason="axe-playwright-python is not installed: pip install -r requirements-dev.txt",
)

# The live server flushes the database after each test; the serialized rollback brings back what
# the migrations made (the default Site and its root page), which the demo loader builds on.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
ARTIFACTS = Path(__file__).parent / "artifacts"
SERIOUS = {"serious", "critical"}
CALL_TIMEOUT = 300  # seconds for one test's work in the browser (a group of pages)

PL_ANNOUNCEMENT = "/ogloszenia/spotkania-branzowe-dla-trzeciego-sektora-2026/"
EN_ANNOUNCEMENT = "/en/announcements/consultation-meetings-third-sector-2026/"
UK_ANNOUNCEMENT = "/uk/oholoshennia/haluzevi-zustrichi-dlia-tretoho-sektoru-2026/"
SPHERE_SLUG = "dzieci-i-mlodziez"
SPHERE_NAME_PL = "działalność na rzecz dzieci i młodzieży, w tym wypoczynek dzieci i młodzieży"

PAGES = {
    "home-pl": "/",
    "announcement-pl": PL_ANNOUNCEMENT,
    "schedule-pl": "/harmonogram/",
    "sphere-pl": f"/harmonogram/sfera/{SPHERE_SLUG}/",
    "home-en": "/en/",
    "announcement-en": EN_ANNOUNCEMENT,
    "schedule-en": "/en/schedule/",
    "sphere-en": f"/en/schedule/sphere/{SPHERE_SLUG}/",
    "announcements-pl": "/ogloszenia/",
    "search-pl": "/szukaj/?q=zdrowia",
    "search-empty-pl": "/szukaj/?q=zdrowie+xyzzy",
    "search-en": "/en/search/?q=children",
    "statement-pl": "/deklaracja-dostepnosci/",
    "statement-en": "/en/accessibility-statement/",
    "privacy-pl": "/ochrona-danych/",
    "home-uk": "/uk/",
    "announcement-uk": UK_ANNOUNCEMENT,
    "schedule-uk": "/uk/hrafik/",
    "sphere-uk": f"/uk/hrafik/sfera/{SPHERE_SLUG}/",
    "search-uk": "/uk/poshuk/?q=екології",
    "statement-uk": "/uk/deklaratsiia-dostupnosti/",
}


class Browser:
    """One headless Chromium, driven in a thread of its own.

    Playwright's sync API marks its asyncio loop as running on the thread that calls it, and
    Django then gives that thread a second database connection and refuses ORM calls there as
    "async". In its own thread Playwright leaves the test's thread, with pytest-django's database
    set-up, the demo loader and the live server, as Django expects it.
    """

    def __init__(self):
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="playwright")
        self._call(self._start)

    def _call(self, function, *args):
        return self._thread.submit(function, *args).result(timeout=CALL_TIMEOUT)

    def _start(self):
        self._playwright = sync_api.sync_playwright().start()
        self._chromium = self._playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )

    def _stop(self):
        self._chromium.close()
        self._playwright.stop()

    def _in_new_page(self, check, viewport):
        context = self._chromium.new_context(viewport=viewport)
        context.set_default_timeout(15_000)
        try:
            return check(context.new_page())
        finally:
            context.close()

    def run(self, check, *, viewport=DESKTOP):
        """Call check(page) in the browser's thread with a fresh page; its failures are raised
        here."""
        return self._call(self._in_new_page, check, viewport)

    def close(self):
        try:
            self._call(self._stop)
        finally:
            self._thread.shutdown()


@pytest.fixture(scope="module")
def browser():
    chromium = Browser()
    yield chromium
    chromium.close()


@pytest.fixture
def site(live_server):
    """The live server's base URL, with the demo site loaded."""
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url


def visit(page, site, path):
    response = page.goto(site + path)
    assert response is not None and response.status == 200, (
        f"{path}: {response and response.status}"
    )
    return response


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, *, limit=120):
    """Press Tab, as a keyboard user would, until the element has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if is_focused(locator):
            return
    active = page.evaluate("document.activeElement && document.activeElement.outerHTML")
    pytest.fail(f"{limit} presses of Tab never reached the element; focus is on {active}")


# Every page on a desktop; on a phone, one of each page type.
PHONE_PAGES = [
    "home-pl",
    "announcement-pl",
    "schedule-pl",
    "search-pl",
    "statement-pl",
    "home-en",
    "announcement-uk",
]
# Grouped, as each test loads the demo site afresh (seconds): a group's report names every
# page with a serious violation.
AXE_GROUPS = {
    f"desktop-{language}": (DESKTOP, [name for name in PAGES if name.endswith(f"-{language}")])
    for language in ("pl", "en", "uk")
} | {"phone": (PHONE, PHONE_PAGES)}


@pytest.mark.parametrize("group", AXE_GROUPS)
def test_axe_finds_no_serious_violations(browser, site, group):
    viewport, names = AXE_GROUPS[group]

    def check(page):
        found = {}
        for name in names:
            visit(page, site, PAGES[name])
            screenshot(page, f"{name}-{viewport['width']}")
            found[name] = axe_sync.Axe().run(page).response["violations"]
        return found

    reports = []
    for name, violations in browser.run(check, viewport=viewport).items():
        reports += [
            f"{PAGES[name]}: {v['id']} ({v['impact']}): {v['help']} — "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"])
            for v in violations
            if v["impact"] in SERIOUS
        ]
    if reports:
        pytest.fail("axe-core finds serious or critical violations:\n" + "\n".join(reports))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_schedule_can_be_filtered_by_keyboard_alone(browser, site, viewport):
    def check(page):
        visit(page, site, "/harmonogram/")
        filters = page.locator("details.filters")
        assert filters.evaluate("details => details.open")  # open until a filter is in use

        # A sphere found by another form of a word in its name, then ticked from the keyboard.
        tab_to(page, page.locator("#sphere-find"))
        page.keyboard.type("dziecko")
        page.keyboard.press("Enter")
        checkbox = page.get_by_label(SPHERE_NAME_PL, exact=True)
        assert is_focused(checkbox)
        page.keyboard.press("Space")
        assert checkbox.is_checked()

        tab_to(page, page.get_by_role("button", name="Pokaż spotkania"))
        with page.expect_navigation():
            page.keyboard.press("Enter")

        assert page.url.endswith(f"/harmonogram/?sphere={SPHERE_SLUG}")  # no empty fields
        results = page.locator("#results")
        assert is_focused(results)
        announced = page.locator("[role=status]#results").aria_snapshot()
        assert "0 nadchodzących spotkań, 2 minione spotkania" in announced
        assert SPHERE_NAME_PL in announced
        assert not filters.evaluate("details => details.open")
        chip = page.get_by_role("link", name=f"Usuń filtr: {SPHERE_NAME_PL}")
        tab_to(page, chip)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("/harmonogram/")
        screenshot(page, f"schedule-after-removing-a-filter-{viewport['width']}")

    browser.run(check, viewport=viewport)


def test_the_sphere_finder_finds_a_sphere_by_other_forms_of_its_words(browser, site):
    def check(page):
        visit(page, site, "/harmonogram/")
        shown = {}
        for typed in (
            *("dzieci", "dziećmi", "rodzinom", "kulturę", "zdrowiem"),
            *("osobom", "pracą", "wojną", "kobietom", "sztuką"),
        ):
            page.locator("#sphere-find").fill(typed)
            shown[typed] = page.eval_on_selector_all(
                "[data-words]:not([hidden]) input", "inputs => inputs.map(i => i.value)"
            )
        return shown

    shown = browser.run(check)

    # "dzieci" is in the name of point 15 and another form of "dziecka" in that of point 31; it
    # is not a form of "dzień" ("z dnia …") in points 6 and 29a.
    assert set(shown["dzieci"]) == {"dzieci-i-mlodziez", "rodzina-macierzynstwo-prawa-dziecka"}
    assert set(shown["dziećmi"]) == set(shown["dzieci"])
    assert {"wspieranie-rodziny-piecza-zastepcza", "rodzina-macierzynstwo-prawa-dziecka"} <= set(
        shown["rodzinom"]
    )
    assert {"kultura-sztuka-dziedzictwo", "kultura-fizyczna"} <= set(shown["kulturę"])
    assert "ochrona-promocja-zdrowia" in shown["zdrowiem"]
    # Short stems: a word's ending less, four letters are enough.
    assert {"pomoc-spoleczna", "osoby-niepelnosprawne", "osoby-w-wieku-emerytalnym"} <= set(
        shown["osobom"]
    )
    assert "promocja-zatrudnienia" in shown["pracą"]
    assert "pomoc-ofiarom-katastrof" in shown["wojną"]
    assert shown["kobietom"] == ["rowne-prawa-kobiet-i-mezczyzn"]
    assert shown["sztuką"] == ["kultura-sztuka-dziedzictwo"]


CONTRAST = """
(element) => {
  const rgb = (text) => (text.match(/rgba?\\(([^)]+)\\)/) || [null, "0,0,0,0"])[1]
    .split(",").map(Number);
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  let node = element.parentElement, background = [255, 255, 255];
  while (node) {
    const colour = rgb(getComputedStyle(node).backgroundColor);
    if (colour.length < 4 || colour[3] > 0) { background = colour.slice(0, 3); break; }
    node = node.parentElement;
  }
  const style = getComputedStyle(element);
  const rings = [rgb(style.outlineColor).slice(0, 3)];
  if (style.boxShadow && style.boxShadow !== "none") rings.push(rgb(style.boxShadow).slice(0, 3));
  return {
    best: Math.max(...rings.map((ring) => ratio(ring, background))),
    width: parseFloat(style.outlineWidth),
    style: style.outlineStyle,
  };
}
"""


@pytest.mark.parametrize(
    "selector",
    [".brand", ".main-nav a", ".language-switcher a", "main a", ".site-footer a"],
    ids=["header-brand", "navigation", "language", "main", "footer"],
)
def test_the_keyboard_focus_stands_out_at_3_to_1_on_every_background(browser, site, selector):
    def check(page):
        visit(page, site, "/harmonogram/")
        target = page.locator(selector).first
        tab_to(page, target)
        return target.evaluate(CONTRAST)

    focus = browser.run(check)

    assert focus["style"] == "solid"
    assert focus["width"] >= 2
    assert focus["best"] >= 3, focus


def test_controls_are_at_least_24_pixels_tall(browser, site):
    def check(page):
        visit(page, site, "/harmonogram/")
        page.locator(".filters__more > summary").click()
        selectors = [
            ".main-nav a",
            ".language-switcher a",
            "a.tag",
            ".checkbox input",
            "details.filters > summary",
            ".filters button",
            ".site-footer li a",
        ]
        visible_boxes = (
            "nodes => nodes.filter(n => n.offsetParent).map(n => n.getBoundingClientRect())"
        )
        return {
            selector: min(
                box["height"] for box in page.locator(selector).evaluate_all(visible_boxes)
            )
            for selector in selectors
        }

    heights = browser.run(check, viewport=PHONE)

    assert {selector: h for selector, h in heights.items() if h < 24} == {}


def test_reduced_motion_turns_smooth_scrolling_off(browser, site):
    def check(page):
        page.emulate_media(reduced_motion="reduce")
        visit(page, site, "/")
        return page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")

    assert browser.run(check) == "auto"


def test_an_ngo_finds_the_meetings_of_its_two_spheres_on_a_phone_in_three_actions(browser, site):
    def check(page):
        visit(page, site, "/harmonogram/")
        spheres = page.locator(".filters__spheres .checkboxes").first.locator("input")
        spheres.nth(0).click()  # 1
        spheres.nth(1).click()  # 2
        with page.expect_navigation():
            page.get_by_role("button", name="Pokaż spotkania").click()  # 3
        screenshot(page, "schedule-two-spheres-375")
        summary = page.locator("#results").inner_text()
        return page.url, page.locator("#upcoming article").count(), summary

    url, found, summary = browser.run(check, viewport=PHONE)

    assert url.count("sphere=") == 2
    assert "=&" not in url and not url.endswith("=")
    assert found >= 1
    assert summary.startswith(f"{found} nadchodzące spotkani")


def test_the_schedule_lists_spheres_with_upcoming_meetings_first_with_counts(browser, site):
    def check(page):
        visit(page, site, "/harmonogram/")
        first = page.locator(".filters__spheres .checkboxes").first.locator("label")
        labels = first.all_inner_texts()
        assert labels and all("(1 spotkanie)" in label for label in labels)
        assert not page.locator(".filters__others").evaluate("details => details.open")
        screenshot(page, "schedule-filter-open")

    browser.run(check, viewport=PHONE)


def test_pages_of_upcoming_meetings_are_reached_by_keyboard_on_a_phone(browser, site, monkeypatch):
    from meetings import views

    monkeypatch.setattr(views, "UPCOMING_PER_PAGE", 1)

    def check(page):
        visit(page, site, "/harmonogram/")
        pages = page.get_by_role("navigation", name="Strony nadchodzących spotkań")
        later = pages.get_by_role("link", name="Późniejsze")
        assert pages.locator('[aria-current="page"]').inner_text().startswith("Strona 1 z ")

        tab_to(page, later)
        with page.expect_navigation():
            page.keyboard.press("Enter")

        assert page.url.endswith("?upcoming=2#upcoming")
        assert pages.locator('[aria-current="page"]').inner_text().startswith("Strona 2 z ")
        assert pages.get_by_role("link", name="Wcześniejsze").is_visible()
        widths = page.evaluate(
            "({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
        )
        assert widths["scroll"] <= widths["inner"], f"the schedule scrolls sideways: {widths}"
        screenshot(page, "schedule-pl-upcoming-page-2-phone")
        return axe_sync.Axe().run(page).response["violations"]

    violations = browser.run(check, viewport=PHONE)

    assert [v["id"] for v in violations if v["impact"] in SERIOUS] == []


@pytest.mark.parametrize(
    ("path", "label"), [("/", "Przejdź do treści"), ("/en/", "Skip to content")]
)
def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_main(browser, site, path, label):
    def check(page):
        visit(page, site, path)

        page.keyboard.press("Tab")
        skip_link = page.get_by_role("link", name=label)
        assert is_focused(skip_link)
        box = skip_link.bounding_box()
        assert box is not None and box["y"] >= 0, "the focused skip link is off screen"

        page.keyboard.press("Enter")
        page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
        assert page.evaluate("document.activeElement.tagName") == "MAIN"

    browser.run(check)


def test_the_language_switcher_leads_to_the_translation_and_back(browser, site):
    def check(page):
        visit(page, site, PL_ANNOUNCEMENT)
        assert page.locator("html").get_attribute("lang") == "pl"

        with page.expect_navigation():
            page.locator('a[hreflang="en"]').click()
        assert page.url == site + EN_ANNOUNCEMENT
        assert page.locator("html").get_attribute("lang") == "en"

        with page.expect_navigation():
            page.locator('a[hreflang="pl"]').click()
        assert page.url == site + PL_ANNOUNCEMENT
        assert page.locator("html").get_attribute("lang") == "pl"

    browser.run(check)


def test_a_phone_sized_screen_needs_no_sideways_scrolling(browser, site):
    def check(page):
        visit(page, site, PL_ANNOUNCEMENT)
        widths = page.evaluate(
            "({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
        )
        assert widths["scroll"] <= widths["inner"], f"the announcement scrolls sideways: {widths}"
        date_heading = page.locator(".meeting h3").first
        assert date_heading.is_visible()
        assert date_heading.locator("time[datetime]").count() == 1
        box = date_heading.bounding_box()
        assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= widths["inner"]
        screenshot(page, "announcement-pl-phone")

        visit(page, site, "/harmonogram/")
        screenshot(page, "schedule-pl-phone")

    browser.run(check, viewport=PHONE)


def test_the_widget_shows_a_spheres_upcoming_meetings(browser, site):
    def check(page):
        visit(page, site, "/widget/")
        widget = page.locator("[data-spotkania-widget]")
        page.wait_for_selector('[data-spotkania-widget][data-state="loaded"]')
        items = widget.locator(".spotkania-widget__item")
        assert items.count() == 1
        assert "Kultura i dziedzictwo" in items.first.inner_text()
        assert (
            widget.locator("time[datetime]")
            .first.inner_text()
            .startswith(("1", "2", "3", "4", "5", "6", "7", "8", "9"))
        )
        assert widget.locator("section[aria-labelledby] h3").count() == 1
        violations = axe_sync.Axe().run(page).response["violations"]
        assert [v["id"] for v in violations if v["impact"] in SERIOUS] == []
        screenshot(page, "widget-pl")

    browser.run(check)


def test_the_widget_keeps_its_link_to_the_schedule_when_the_api_fails(browser, site):
    def check(page):
        page.route("**/api/v1/**", lambda route: route.abort())
        visit(page, site, "/widget/")
        page.wait_for_selector('[data-spotkania-widget][data-state="fallback"]')
        widget = page.locator("[data-spotkania-widget]")
        fallback = widget.locator("a")
        assert fallback.count() == 1
        assert fallback.get_attribute("href").endswith("/harmonogram/")
        assert widget.get_attribute("aria-busy") is None

    browser.run(check)


def test_an_editor_imports_the_reference_announcement_as_a_draft(browser, site, django_user_model):
    from django.contrib.auth.models import Group

    from meetings.models import MeetingAnnouncementPage

    editor = django_user_model.objects.create_user("redaktorka", password="haslo-redaktorki")
    editor.groups.add(Group.objects.get(name="Redaktorzy"))
    text = (Path(__file__).parent / "import_corpus" / "reference.txt").read_text()
    before = set(MeetingAnnouncementPage.objects.values_list("pk", flat=True))

    def check(page):
        visit(page, site, "/admin/login/?next=/admin/meetings/import/")
        page.fill("#id_username", "redaktorka")
        page.fill("#id_password", "haslo-redaktorki")
        page.get_by_role("button", name="Zaloguj się").click()
        page.wait_for_url("**/admin/meetings/import/")
        page.get_by_label("Tekst ogłoszenia").fill(text)
        page.get_by_role("button", name="Sprawdź tekst").click()
        page.get_by_role("heading", name="Co rozpoznano").wait_for()
        headings = page.locator(".meetings-import__meeting h3").all_inner_texts()
        assert headings == [
            "Spotkanie 1: 10 czerwca 2025 r. (wtorek), godz. 17:00–19:00",
            "Spotkanie 2: 24 czerwca 2025 r. (wtorek), godz. 17:00–19:00",
        ]
        assert page.locator(".meetings-import__unmatched").count() == 0
        screenshot(page, "admin-import-review")
        page.get_by_role("button", name="Utwórz szkic").click()
        page.wait_for_url("**/admin/pages/*/edit/")
        assert "Utworzono szkic" in page.locator(".messages").inner_text()
        screenshot(page, "admin-import-draft")

    browser.run(check)

    [created] = MeetingAnnouncementPage.objects.exclude(pk__in=before)
    assert created.live is False
    assert created.meetings.count() == 2


def test_public_pages_and_the_admin_work_under_the_content_security_policy(
    browser, site, django_user_model
):
    from meetings.models import MeetingAnnouncementPage

    django_user_model.objects.create_superuser("csp-admin", "csp@example.org", "haslo-csp-admina")
    announcement = MeetingAnnouncementPage.objects.get(
        url_path__endswith="-2026/", locale__language_code="pl"
    )
    public = [
        PL_ANNOUNCEMENT,
        f"/harmonogram/?sphere={SPHERE_SLUG}&mode=in_person",
        "/en/schedule/?from=2025-01-01",
        "/szukaj/?q=spotkania",
        "/widget/",
    ]
    admin = [
        "/admin/",
        f"/admin/pages/{announcement.pk}/edit/",
        "/admin/meetings/import/",
        "/admin/meetings/overview/",
    ]

    def check(page):
        violations = []
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text
                and violations.append(f"{page.url}: {message.text}")
            ),
        )
        for path in public:
            response = visit(page, site, path)
            assert "script-src 'self';" in response.headers["content-security-policy"] + ";"
        page.locator(".spotkania-widget").wait_for()
        visit(page, site, "/admin/login/")
        page.fill("#id_username", "csp-admin")
        page.fill("#id_password", "haslo-csp-admina")
        page.get_by_role("button", name="Zaloguj się").click()
        page.wait_for_url("**/admin/")
        for path in admin:
            visit(page, site, path)
            page.wait_for_load_state("networkidle")
        visit(page, site, f"/admin/pages/{announcement.pk}/edit/")
        page.get_by_role("tab", name="Spotkania").click()
        page.locator("button[data-side-panel-toggle='preview']").click()
        page.frame_locator("#w-preview-iframe").locator("h1").wait_for()
        assert violations == []

    browser.run(check)


def test_the_widget_shows_hostile_meeting_data_as_text_and_runs_none_of_it(browser, site):
    from datetime import timedelta

    from django.utils import timezone

    from meetings.models import AnnouncementIndexPage, Sphere
    from tests.factories import VenueFactory, announcement, meeting, warsaw

    payload = (
        '<img src=x onerror=alert(1)><script>alert(2)</script>"></a><a href="javascript:alert(3)">'
    )
    sphere = Sphere.objects.get(slug="kultura-sztuka-dziedzictwo", locale__language_code="pl")
    tomorrow = timezone.localdate() + timedelta(days=1)
    announcement(
        AnnouncementIndexPage.objects.get(locale__language_code="pl"),
        title=f"Ogłoszenie {payload}",
        slug="wrogie-ogloszenie",
        meetings=[
            meeting(
                start=warsaw(tomorrow.year, tomorrow.month, tomorrow.day, 7),
                sphere_numbers=(sphere.number,),
                topic=f"Temat {payload}",
                status="postponed",
                status_note=f"Nota {payload}",
                venue=VenueFactory(name=f"Sala {payload}", street_address=f"ul. {payload}"),
            )
        ],
    )

    def check(page):
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        visit(page, site, "/widget/")
        page.wait_for_selector('[data-spotkania-widget][data-state="loaded"]')
        widget = page.locator("[data-spotkania-widget]")
        first = widget.locator(".spotkania-widget__item").first
        assert first.locator(".spotkania-widget__topic").inner_text() == f"Temat {payload}"
        assert first.locator(".spotkania-widget__status").inner_text().endswith(f"Nota {payload}")
        assert payload in first.locator(".spotkania-widget__place").inner_text()
        assert widget.locator("img, script, a[href^='javascript']").count() == 0
        page.wait_for_timeout(300)
        assert dialogs == []

    browser.run(check)


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/szukaj/", "zdrowia", "ochrona i promocja zdrowia"),
        ("/szukaj/", "Reformackiej", "Kultura i dziedzictwo w programie współpracy"),
        ("/en/search/", "children", "Activities for children and young people"),
    ],
)
def test_a_resident_finds_meetings_by_any_form_of_a_word(browser, site, path, query, expected):
    def check(page):
        visit(page, site, path)
        tab_to(page, page.get_by_role("searchbox"))
        page.keyboard.type(query)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        return page.locator("main").inner_text()

    text = browser.run(check, viewport=PHONE)

    assert expected in text
