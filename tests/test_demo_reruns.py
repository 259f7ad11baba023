"""`make run` on a database with editors' work in it: the demo content and the administrator
are made once, and a second or a tenth run changes nothing of what editors did since."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from home.demo import load_demo_content
from meetings.importing import drafts
from meetings.models import (
    Consultation,
    Meeting,
    MeetingAnnouncementPage,
    Organizer,
    Venue,
)
from tests.factories import announcement, english, polish

REFERENCE = (Path(__file__).parent / "import_corpus" / "reference.txt").read_text()


def run(command: str, **env) -> str:
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def everything():
    """Every page, revision, meeting and snippet as it stands, to compare before and after."""
    pages = list(
        Page.objects.order_by("path").values_list(
            "path",
            "slug",
            "locale__language_code",
            "live",
            "title",
            "draft_title",
            "latest_revision_id",
            "live_revision_id",
            "has_unpublished_changes",
        )
    )
    meetings = list(
        Meeting.objects.order_by("pk").values_list("pk", "page_id", "topic", "start", "venue_id")
    )
    snippets = [
        list(model.objects.order_by("pk").values()) for model in (Venue, Organizer, Consultation)
    ]
    revisions = list(Revision.objects.order_by("pk").values_list("pk", "object_id", "user_id"))
    sites = list(Site.objects.values_list("hostname", "port", "root_page_id"))
    return pages, meetings, snippets, revisions, sites


def page(slug: str, locale=None) -> MeetingAnnouncementPage | Page:
    return Page.objects.get(slug=slug, locale=locale or polish()).specific


@pytest.fixture
def used_site(db, editor, moderator):
    """The demo, then a week of editors' work on it."""
    load_demo_content()
    index = page("ogloszenia")
    # An import of the reference text, saved as a draft (the import that once stopped `make run`).
    imported = drafts.create_draft(drafts.parse(REFERENCE), parent=index, user=editor)
    # A draft change to the live demo announcement, not yet published.
    demo = page("demo-spotkania-konsultacyjne")
    demo.title = "Spotkania konsultacyjne — poprawiony tytuł"
    demo.save_revision(user=editor)
    # The schedule's introduction rewritten and published by a moderator.
    schedule = page("harmonogram")
    schedule.intro = "Wszystkie spotkania, także te, które się odbyły."
    schedule.save_revision(user=moderator).publish(user=moderator)
    # The English reference announcement unpublished, the accessibility statement deleted.
    page("consultation-meetings-third-sector-2026", english()).unpublish(user=moderator)
    page("deklaracja-dostepnosci").delete()
    page("accessibility-statement", english()).delete()
    # The English demo announcement deleted, a demo venue renamed, and their own venue and
    # announcement.
    page("demo-consultation-meetings", english()).delete()
    Venue.objects.filter(name="Centrum Obywatelskie [DEMO]").update(name="Centrum Obywatelskie")
    Venue.objects.create(locale=polish(), name="Sala Obrad", street_address="pl. Wszystkich 3")
    own = announcement(index, title="Spotkania branżowe 2027")
    # The home page retitled.
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.title = "Konsultacje z organizacjami"
    home.save_revision(user=moderator).publish(user=moderator)
    return {"imported": imported, "own": own}


@pytest.mark.django_db
def test_the_demo_again_and_again_changes_nothing_editors_did(used_site):
    before = everything()

    outputs = [str(load_demo_content()) for _ in range(3)]

    assert everything() == before
    assert outputs == ["Demo content is complete; nothing changed."] * 3


@pytest.mark.django_db
def test_the_demo_command_runs_on_a_used_site_and_says_nothing_changed(used_site):
    before = everything()

    output = run("load_demo_content")

    assert "nothing changed" in output
    assert everything() == before
    assert MeetingAnnouncementPage.objects.filter(pk=used_site["imported"].pk).exists()


@pytest.mark.django_db
def test_a_demo_page_deleted_by_an_editor_stays_deleted(used_site):
    load_demo_content()

    assert not Page.objects.filter(slug="deklaracja-dostepnosci").exists()
    assert not Page.objects.filter(slug="demo-consultation-meetings").exists()
    assert Venue.objects.filter(name="Centrum Obywatelskie").count() == 1
    assert not Venue.objects.filter(name="Centrum Obywatelskie [DEMO]").exists()


@pytest.mark.django_db
def test_an_editors_page_is_never_translated_by_the_demo(used_site):
    load_demo_content()

    assert not used_site["imported"].get_translations().exists()
    assert not used_site["own"].get_translations().exists()


@pytest.mark.django_db
def test_a_database_filled_by_an_earlier_demo_is_recognised_not_doubled(db):
    """A database whose demo content was made before the demo kept records of it."""
    from home.models import DemoRecord

    load_demo_content()
    DemoRecord.objects.all().delete()
    before = everything()

    load_demo_content()

    assert everything() == before
    assert DemoRecord.objects.filter(key="announcement:reference").exists()


@pytest.mark.django_db
def test_ensure_admin_on_a_site_with_an_administrator_changes_nothing(db, monkeypatch):
    User = get_user_model()
    User.objects.create_superuser("kierownik", "k@example.org", "stare-haslo-123")
    monkeypatch.setenv("ADMIN_PASSWORD", "nowe-haslo-456")

    output = run("ensure_admin")

    admin = User.objects.get(username="kierownik")
    assert admin.check_password("stare-haslo-123")
    assert User.objects.filter(is_superuser=True).count() == 1
    assert "ADMIN_PASSWORD was not applied" in output
    assert "python manage.py changepassword kierownik" in output


@pytest.mark.django_db
def test_ensure_admin_on_a_new_site_uses_admin_password(db, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "haslo-z-env-789")

    first = run("ensure_admin")
    second = run("ensure_admin")

    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("haslo-z-env-789")
    assert "Created the administrator 'admin' with ADMIN_PASSWORD." in first
    assert "exists already ('admin')" in second


@pytest.mark.django_db
def test_ensure_admin_without_a_password_prints_the_one_it_made_once(db, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)

    output = run("ensure_admin")

    password = output.split("with the password: ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert password not in run("ensure_admin")


@pytest.mark.django_db
def test_the_demo_reports_in_english_what_it_translated(db):
    output = run("load_demo_content")

    assert "English homepage" in output
    assert "Ukrainian homepage" in output
    assert "angielski" not in output
