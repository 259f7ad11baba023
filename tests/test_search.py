"""Search finds words in any grammatical form, in spheres, venues, topics and announcements."""

import re

import pytest

from meetings.search import lemmas


def search(client, query, prefix=""):
    response = client.get(f"{prefix}/{'search' if prefix else 'szukaj'}/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    status = re.search(r'role="status">([^<]*)<', html)
    return {
        "html": html,
        "status": status.group(1) if status else "",
        "meetings": re.findall(r'<article class="meeting-summary[^"]*"', html),
        "spheres": re.findall(r'class="tag" href="[^"]*/(?:sfera|sphere)/([-a-z0-9]+)/"', html),
        "announcements": re.findall(r'<li><h3><a href="([^"]+)"', html),
    }


def spheres_section(result) -> list[str]:
    section = result["html"].split('id="found-spheres"')[1].split("</section>")[0]
    return re.findall(r"/(?:sfera|sphere)/([-a-z0-9]+)/", section)


def test_polish_words_are_reduced_to_their_dictionary_forms():
    assert lemmas("zdrowia zdrowiu Zdrowie", "pl") == ["zdrowie"]
    assert lemmas("dzieci dzieciom", "pl") == ["dziecko"]
    assert lemmas("children", "en") == ["child"]


def test_a_language_without_a_dictionary_keeps_its_words():
    assert lemmas("Kinder und Jugend", "xx") == ["kinder", "und", "jugend"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["zdrowie", "zdrowia", "ZDROWIU"])
def test_any_form_of_a_word_finds_the_sphere_and_its_meetings(client, demo, query):
    result = search(client, query)

    assert "ochrona-promocja-zdrowia" in spheres_section(result)
    assert len(result["meetings"]) == 2
    assert result["status"] == "1 ogłoszenie, 2 spotkania, 1 sfera."


@pytest.mark.django_db
def test_dzieci_finds_the_sphere_of_children_and_youth(client, demo):
    result = search(client, "dzieci")

    assert "dzieci-i-mlodziez" in spheres_section(result)
    assert len(result["meetings"]) == 2


@pytest.mark.django_db
def test_past_meetings_are_found_and_marked_as_past(client, demo):
    result = search(client, "dzieci")

    assert all("meeting-summary--past" in article for article in result["meetings"])
    assert result["html"].count('<span class="badge badge--past">odbyło się</span>') == 2
    assert "Dodaj do kalendarza" not in result["html"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Reformacka", "reformackiej", "ul. Reformacka 3"])
def test_a_street_finds_the_meetings_held_there(client, demo, query):
    result = search(client, query)

    assert len(result["meetings"]) == 2
    assert result["status"].startswith("1 ogłoszenie, 2 spotkania")


@pytest.mark.django_db
def test_english_words_find_english_spheres_and_meetings(client, demo):
    result = search(client, "children", prefix="/en")

    assert "dzieci-i-mlodziez" in spheres_section(result)
    assert len(result["meetings"]) == 2
    assert result["status"].startswith("1 announcement, 2 meetings")


@pytest.mark.django_db
def test_the_counts_match_what_is_listed(client, demo):
    result = search(client, "spotkanie")

    counts = [int(n) for n in re.findall(r"\d+", result["status"])]
    assert counts[0] == len(result["announcements"])
    assert counts[1] == len(result["meetings"])


@pytest.mark.django_db
def test_every_word_must_match(client, demo):
    assert search(client, "dzieci Reformacka")["meetings"] == []


@pytest.mark.django_db
def test_nothing_found_suggests_spheres_and_the_schedule(client, demo):
    result = search(client, "zdrowie xyzzy")

    assert result["status"] == "0 ogłoszeń, 0 spotkań."
    assert "Nic nie pasuje do wszystkich słów" in result["html"]
    assert "ochrona-promocja-zdrowia" in result["spheres"]
    assert 'href="/harmonogram/">Zobacz wszystkie spotkania w harmonogramie' in result["html"]


@pytest.mark.django_db
def test_a_draft_is_never_found(client, demo):
    from meetings.models import MeetingAnnouncementPage

    page = MeetingAnnouncementPage.objects.get(slug="demo-spotkania-konsultacyjne")
    page.unpublish()

    assert search(client, "Reformacka")["meetings"] == []


TEXTS = [
    ("działalność na rzecz dzieci i młodzieży 15", "pl"),
    ("Children and young people 15", "en"),
    ("Діяльність на користь дітей і молоді 15", "uk"),
    ("Kinder und Jugend", "xx"),  # no dictionary: the words as written
]


def test_kept_lemmas_are_the_texts_lemmas_and_are_read_back_from_the_cache():
    from django.core.cache import cache

    from meetings.search import kept_lemmas, lemmas_key

    expected = [lemmas(text, language) for text, language in TEXTS]

    assert kept_lemmas(TEXTS) == expected
    assert "dziecko" in expected[0]
    assert [cache.get(lemmas_key(text, language)) for text, language in TEXTS] == expected
    # What the cache holds is what the next page gets, without the dictionary.
    cache.set(lemmas_key(*TEXTS[0]), ["kept"])
    assert kept_lemmas(TEXTS[:2]) == [["kept"], expected[1]]


def test_kept_lemmas_are_worked_out_when_the_cache_fails(settings):
    from meetings.search import kept_lemmas

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6390/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }

    assert kept_lemmas(TEXTS) == [lemmas(text, language) for text, language in TEXTS]
