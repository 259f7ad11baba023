"""The pages render in both languages, with meetings generated from the data."""

import re
from datetime import date

import pytest
from django.utils import timezone
from wagtail.models import Locale

from home.demo_text import REFERENCE_SLUG
from meetings import formatting
from meetings.models import Sphere
from tests.factories import announcement

POLISH_ANNOUNCEMENT = "/ogloszenia/spotkania-branzowe-dla-trzeciego-sektora-2026/"
ENGLISH_ANNOUNCEMENT = "/en/announcements/consultation-meetings-third-sector-2026/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/", "/ogloszenia/", "/harmonogram/", "/deklaracja-dostepnosci/", POLISH_ANNOUNCEMENT],
)
def test_polish_pages_render_in_polish(client, demo, url):
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert "Przejdź do treści" in html
    assert 'hreflang="en"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/announcements/",
        "/en/schedule/",
        "/en/accessibility-statement/",
        ENGLISH_ANNOUNCEMENT,
    ],
)
def test_english_pages_render_in_english(client, demo, url):
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert 'hreflang="pl"' in html


@pytest.mark.django_db
def test_ukrainian_pages_render_in_ukrainian(client, demo):
    from wagtail.models import Locale, Page

    pages = Page.objects.filter(locale=Locale.objects.get(language_code="uk"), depth__gt=1)
    pages = pages.live().specific()
    assert len(pages) == 7

    for page in pages:
        response = client.get(page.url)

        assert response.status_code == 200, page.url
        assert page.url.startswith("/uk/")
        html = response.content.decode()
        assert '<html lang="uk">' in html
        assert "Перейти до основного вмісту" in html
        assert 'hreflang="pl"' in html and 'hreflang="en"' in html


def text_of(response_or_html) -> str:
    """What a reader sees: the page without its tags."""
    html = getattr(response_or_html, "content", response_or_html)
    html = html.decode() if isinstance(html, bytes) else html
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.django_db
def test_the_announcement_lists_its_meetings_with_polish_dates(client, demo):
    html = text_of(client.get(POLISH_ANNOUNCEMENT))

    assert "10 czerwca 2025 r. (wtorek), godz. 17:00–19:00" in html
    assert "24 czerwca 2025 r. (wtorek), godz. 17:00–19:00" in html
    assert "działalność na rzecz integracji cudzoziemców" in html
    assert "ul. Dekerta 24" in html


@pytest.mark.django_db
def test_the_english_announcement_has_english_dates_and_spheres(client, demo):
    html = text_of(client.get(ENGLISH_ANNOUNCEMENT))

    assert "Tuesday 10 June 2025, 17:00–19:00" in html
    assert "Activities for the integration of foreigners" in html
    assert "3rd floor" in html


@pytest.mark.django_db
def test_the_ukrainian_announcement_has_ukrainian_dates_and_spheres(client, demo):
    from meetings.models import MeetingAnnouncementPage
    from tests.factories import polish

    source = MeetingAnnouncementPage.objects.get(locale=polish(), slug=REFERENCE_SLUG)
    page = source.get_translation(Locale.objects.get(language_code="uk"))
    html = client.get(page.url).content.decode()

    assert "10 червня 2025 р. (вівторок), 17:00–19:00" in text_of(html)
    assert "24 червня 2025 р. (вівторок), 17:00–19:00" in text_of(html)
    assert 'lang="pl"' not in html.split("<main")[1]
    assert Sphere.objects.get(locale=page.locale, number="9").display_name in html


@pytest.mark.django_db
def test_the_schedule_shows_upcoming_meetings_and_marks_a_cancelled_one(client, demo):
    html = client.get("/harmonogram/").content.decode()
    upcoming, archive = (text_of(part) for part in html.split('id="archive-heading"'))

    assert "spotkanie przykładowe" in upcoming
    assert '<span class="badge badge--cancelled">odwołane</span>' in html
    assert "10 czerwca 2025" not in upcoming
    assert "10 czerwca 2025 r. (wtorek), godz. 17:00–19:00" in archive


@pytest.mark.django_db
def test_an_unknown_address_gets_a_friendly_404_in_its_language(client, demo):
    polish = client.get("/nie-ma-takiej-strony/")
    english = client.get("/en/no-such-page/")
    ukrainian = client.get("/uk/no-such-page/")

    assert polish.status_code == 404
    assert "Nie znaleziono strony" in polish.content.decode()
    assert english.status_code == 404
    assert "Page not found" in english.content.decode()
    assert ukrainian.status_code == 404
    assert "Сторінку не знайдено" in ukrainian.content.decode()


@pytest.mark.django_db
def test_an_untranslated_page_switches_to_the_other_languages_home(client, demo):
    from meetings.models import AnnouncementIndexPage
    from tests.factories import announcement, polish

    index = AnnouncementIndexPage.objects.get(locale=polish())
    page = announcement(index, title="Tylko po polsku")

    html = client.get(page.url).content.decode()

    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in html
    assert '<link rel="alternate" hreflang="en"' not in html


@pytest.mark.django_db
def test_the_language_switcher_links_the_translation(client, demo):
    html = client.get(POLISH_ANNOUNCEMENT).content.decode()

    assert f'<a href="{ENGLISH_ANNOUNCEMENT}" hreflang="en" lang="en">English</a>' in html
    assert re.search(
        rf'<link rel="alternate" hreflang="en" href="https?://[^/"]+{ENGLISH_ANNOUNCEMENT}">', html
    )


@pytest.mark.django_db
def test_a_cancelled_meeting_offers_no_calendar_or_online_link(client, demo):
    html = client.get("/ogloszenia/demo-spotkania-konsultacyjne/").content.decode()
    cancelled = html.split('<span class="badge badge--cancelled">odwołane</span>')[1]
    cancelled = cancelled.split("</article>")[0]

    assert "Dodaj do kalendarza" not in cancelled
    assert "spotkania.example.org/online" not in cancelled
    assert "line-through" not in client.get("/static/css/portal.css").getvalue().decode()


@pytest.mark.django_db
def test_past_meetings_say_they_took_place_and_offer_no_actions(client, demo):
    html = client.get(POLISH_ANNOUNCEMENT).content.decode()

    assert html.count('<span class="badge badge--past">odbyło się</span>') == 2
    assert "Dodaj do kalendarza" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stated", "updated"),
    [
        (date(2025, 6, 10), True),  # published later than the date the notice states
        (None, False),  # dated by its publication
        (date(2099, 1, 15), False),  # dated ahead: not updated since
    ],
)
def test_an_announcement_shows_its_update_date_only_after_its_publication_date(
    client, index, stated, updated
):
    page = announcement(index, publication_date=stated)
    html = client.get(page.url).content.decode()
    today = formatting.format_date(timezone.localdate(), weekday=False)

    assert ("<dt>Data aktualizacji</dt>" in html) is updated
    assert (f"<dt>Data aktualizacji</dt><dd>{today}</dd>" in html) is updated
    if stated:
        stated_date = formatting.format_date(stated, weekday=False)
        assert f"<dt>Data publikacji</dt><dd>{stated_date}</dd>" in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_translated_announcements_button_leads_to_the_schedule_in_its_language(
    client, demo, language
):
    """The body's page links point to the page in the announcement's language where it is
    published in it, on the page and in the API, whichever page the translation kept."""
    from meetings.models import MeetingAnnouncementPage, SchedulePage
    from tests.factories import polish

    locale = Locale.objects.get(language_code=language)
    source = MeetingAnnouncementPage.objects.get(locale=polish(), slug=REFERENCE_SLUG)
    page = source.get_translation(locale)
    schedule = SchedulePage.objects.get(locale=locale)

    html = client.get(page.url).content.decode()
    body = client.get(f"/api/v1/announcements/{page.pk}/", {"locale": language}).json()["body"]

    assert f'<a class="button" href="{schedule.url}">' in html
    assert 'href="/harmonogram/"' not in html.split("<main")[1]
    (button,) = [block for block in body if block["type"] == "call_to_action"]
    assert button["url"] == schedule.get_full_url()


@pytest.mark.django_db
def test_a_translated_button_keeps_the_source_page_where_the_public_may_not_see_its_translation(
    client, demo
):
    """A translation under a password is live, and yet the public cannot see it."""
    from wagtail.models import PageViewRestriction

    from meetings.models import MeetingAnnouncementPage, SchedulePage
    from tests.factories import english, polish

    source = MeetingAnnouncementPage.objects.get(locale=polish(), slug=REFERENCE_SLUG)
    page = source.get_translation(english())
    PageViewRestriction.objects.create(
        page=SchedulePage.objects.get(locale=english()),
        restriction_type=PageViewRestriction.PASSWORD,
        password="haslo",  # noqa: S106
    )

    html = client.get(page.url).content.decode()

    assert '<a class="button" href="/harmonogram/">' in html


@pytest.mark.django_db
def test_announcement_lists_go_by_the_date_each_notice_shows(client, index, schedule):
    """A notice published with the earlier date it states (an imported one) sorts by that
    date, below one published before it but dated later: on the list, the home page, the
    sphere's page and in the API."""
    today = announcement(index, title="Ogłoszenie z dzisiaj")
    imported = announcement(index, title="Ogłoszenie z czerwca", publication_date=date(2025, 6, 10))
    sphere = Sphere.objects.get(locale__language_code="pl", number="15")
    expected = [today.title, imported.title]

    for url in ["/ogloszenia/", "/", f"/harmonogram/sfera/{sphere.slug}/"]:
        html = client.get(url).content.decode()
        assert html.index(today.title) < html.index(imported.title), url
    items = client.get("/api/v1/announcements/").json()["items"]
    assert [item["title"] for item in items] == expected
