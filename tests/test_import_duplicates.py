"""A second import of an announcement already on the site: the editor sees it and chooses to
update it (a new draft revision, never published here), to create a new draft anyway, or to
stop."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext_lazy
from wagtail.log_actions import registry as log_registry
from wagtail.models import GroupPagePermission, Revision, Workflow

from meetings.models import Meeting, MeetingAnnouncementPage
from tests.factories import english, member_of, warsaw
from tests.test_translation import translate_tree

CORPUS = Path(__file__).parent / "import_corpus"
REFERENCE = (CORPUS / "reference.txt").read_text()
OTHER = (CORPUS / "01_kultura_word_bullets.txt").read_text()
URL = "/admin/meetings/import/"
TITLE = "Spotkania branżowe dla trzeciego sektora - założenia do Programu Współpracy na rok 2026"
# The second meeting one hour earlier: the same announcement, corrected by its department.
CORRECTED = REFERENCE.replace(
    "24 czerwca 2025 roku (wtorek), w godzinach 17:00-19:00 ",
    "24 czerwca 2025 roku (wtorek), w godzinach 16:00-18:00 ",
)
NEXT_YEAR = (
    REFERENCE.replace("na rok 2026", "na rok 2027")
    .replace("2025-06-10", "2026-06-09")
    .replace("10 czerwca 2025 roku (wtorek)", "9 czerwca 2026 roku (wtorek)")
    .replace("24 czerwca 2025 roku (wtorek)", "23 czerwca 2026 roku (wtorek)")
)
FIRST_STARTS = [warsaw(2025, 6, 10), warsaw(2025, 6, 24)]
CORRECTED_STARTS = [warsaw(2025, 6, 10), warsaw(2025, 6, 24, 16)]


def in_polish(message) -> str:
    """A text as the Polish admin shows it, whether or not the catalogue translates it yet."""
    with translation.override("pl"):
        return translation.gettext(message) if isinstance(message, str) else str(message)


CHOOSE = in_polish(
    "Choose what to do: update the existing announcement, create a draft anyway or stop."
)
REFUSED = in_polish("You may not update this announcement: choose another option.")
DUPLICATE = 'class="meetings-import__duplicate"'
UPDATE_BUTTON = 'name="duplicate" value="update"'
NEW_BUTTON = 'name="duplicate" value="new"'
STOP_BUTTON = 'name="duplicate" value="stop"'


@pytest.fixture
def editor(client, editor, index):
    """The editor, signed in."""
    client.force_login(editor)
    return editor


@pytest.fixture
def first(client, editor):
    """The reference announcement, imported once: a draft."""
    response = client.post(URL, {"text": REFERENCE, "action": "save"})
    assert response.status_code == 302
    return MeetingAnnouncementPage.objects.get()


@pytest.fixture
def published(first, moderator):
    first.get_latest_revision().publish(user=moderator)
    first.refresh_from_db()
    return first


def counts():
    return (
        MeetingAnnouncementPage.objects.count(),
        Meeting.objects.count(),
        Revision.page_revisions.count(),
    )


def starts(meetings) -> list:
    return sorted(m.start for m in meetings)


def latest_draft(page):
    return MeetingAnnouncementPage.objects.get(pk=page.pk).get_latest_revision_as_object()


@pytest.mark.django_db
def test_the_second_import_of_the_same_text_shows_the_announcement_already_there(
    client, editor, first
):
    before = counts()

    html = client.post(URL, {"text": REFERENCE, "action": "review"}).content.decode()

    assert counts() == before
    section = html.split(DUPLICATE)[1].split("</section>")[0]
    assert TITLE in section
    assert in_polish(pgettext_lazy("existing announcement", "draft")) in section
    assert "10 czerwca 2025 r. (wtorek), godz. 17:00–19:00" in section
    assert "24 czerwca 2025 r. (wtorek), godz. 17:00–19:00" in section
    assert reverse("wagtailadmin_pages:edit", args=(first.pk,)) in section
    assert UPDATE_BUTTON in section and NEW_BUTTON in section and STOP_BUTTON in section
    assert 'value="save"' not in html


@pytest.mark.django_db
def test_a_live_announcement_shows_as_published(client, editor, published):
    html = client.post(URL, {"text": REFERENCE, "action": "review"}).content.decode()

    section = html.split(DUPLICATE)[1].split("</section>")[0]
    assert in_polish(pgettext_lazy("existing announcement", "published")) in section


@pytest.mark.django_db
def test_saving_without_a_choice_saves_nothing_and_asks_for_one(client, editor, first):
    before = counts()

    response = client.post(URL, {"text": REFERENCE, "action": "save"})

    assert response.status_code == 200
    assert counts() == before
    assert CHOOSE in response.content.decode()


@pytest.mark.django_db
def test_update_puts_the_text_into_a_new_revision_of_the_live_page_and_publishes_nothing(
    client, editor, published
):
    published_revision = published.live_revision_id
    english_page = translate_tree(published)

    response = client.post(URL, {"text": CORRECTED, "duplicate": "update"})

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(published.pk,))
    page = MeetingAnnouncementPage.objects.get(locale__language_code="pl")
    assert page.pk == published.pk
    assert page.slug == published.slug
    assert page.live is True
    assert page.has_unpublished_changes is True
    assert page.live_revision_id == published_revision
    assert starts(page.meetings.all()) == FIRST_STARTS
    draft = latest_draft(page)
    assert page.get_latest_revision().user == editor
    assert starts(draft.meetings.all()) == CORRECTED_STARTS
    assert all(meeting.venue.street_address == "ul. Dekerta 24" for meeting in draft.meetings.all())
    assert [sorted(s.number for s in m.spheres.all()) for m in draft.meetings.all()] == [
        sorted(["5", "5a", "9", "13", "15", "22", "26", "33"]),
        sorted(["13", "7", "29", "10", "15", "31", "6", "32"]),
    ]
    assert page.get_translation(english()).pk == english_page.pk


@pytest.mark.django_db
def test_update_is_logged_as_an_edit_by_the_editor(client, editor, published):
    client.post(URL, {"text": CORRECTED, "duplicate": "update"})

    entry = log_registry.get_logs_for_instance(published).first()
    assert entry.action == "wagtail.edit"
    assert entry.user == editor
    assert entry.revision_id == MeetingAnnouncementPage.objects.get().latest_revision_id


@pytest.mark.django_db
def test_once_published_the_update_keeps_each_unchanged_meeting_paired_with_its_translation(
    client, editor, moderator, published
):
    translate_tree(published)
    keys = {m.start: m.translation_key for m in published.meetings.all()}

    client.post(URL, {"text": CORRECTED, "duplicate": "update"})
    MeetingAnnouncementPage.objects.get(pk=published.pk).get_latest_revision().publish(
        user=moderator
    )

    page = MeetingAnnouncementPage.objects.get(pk=published.pk)
    assert starts(page.meetings.all()) == CORRECTED_STARTS
    kept = page.meetings.get(start=FIRST_STARTS[0])
    assert kept.translation_key == keys[FIRST_STARTS[0]]
    assert Meeting.objects.filter(translation_key=kept.translation_key, locale=english()).exists()


@pytest.mark.django_db
def test_update_of_a_draft_adds_a_revision_and_leaves_it_a_draft(client, editor, first):
    revisions = first.revisions.count()

    client.post(URL, {"text": CORRECTED, "duplicate": "update"})

    page = MeetingAnnouncementPage.objects.get()
    assert page.live is False
    assert page.revisions.count() == revisions + 1
    assert starts(latest_draft(page).meetings.all()) == CORRECTED_STARTS


@pytest.mark.django_db
def test_new_creates_a_second_draft(client, editor, first):
    response = client.post(URL, {"text": REFERENCE, "duplicate": "new"})

    second = MeetingAnnouncementPage.objects.exclude(pk=first.pk).get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=(second.pk,))
    assert second.live is False
    assert second.slug != first.slug
    assert second.meetings.count() == 2


@pytest.mark.django_db
def test_stop_saves_nothing_and_keeps_the_text_in_the_form(client, editor, first):
    before = counts()

    response = client.post(URL, {"text": REFERENCE, "duplicate": "stop"})

    html = response.content.decode()
    assert response.status_code == 200
    assert counts() == before
    assert in_polish("Nothing was saved. The text is kept below.") in html
    textarea = html.split("<textarea")[1].split("</textarea>")[0]
    assert "Oba spotkania odbędą się" in textarea
    assert DUPLICATE not in html


@pytest.mark.django_db
@pytest.mark.parametrize("text", [OTHER, NEXT_YEAR], ids=["another-department", "next-year"])
def test_a_different_announcement_is_not_flagged(client, editor, first, text):
    html = client.post(URL, {"text": text, "action": "review"}).content.decode()

    assert DUPLICATE not in html
    assert 'value="save"' in html


@pytest.mark.django_db
def test_the_title_matches_whatever_its_case_spacing_and_diacritics(client, editor, first):
    retyped = REFERENCE.replace(
        TITLE,
        "SPOTKANIA  BRANZOWE dla trzeciego sektora – zalozenia do programu wspolpracy na rok 2026",
    )

    html = client.post(URL, {"text": retyped, "action": "review"}).content.decode()

    assert DUPLICATE in html


@pytest.mark.django_db
def test_a_similar_title_with_the_same_meetings_is_flagged(client, editor, first):
    renamed = REFERENCE.replace(TITLE, TITLE.replace("Spotkania branżowe", "Spotkanie branżowe"))

    html = client.post(URL, {"text": renamed, "action": "review"}).content.decode()

    assert DUPLICATE in html


@pytest.fixture
def author(db, index):
    """Someone who may add announcements below the index, and edit only their own."""
    group = Group.objects.create(name="Autorzy")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    GroupPagePermission.objects.create(
        group=group, page=index, permission=Permission.objects.get(codename="add_page")
    )
    return member_of("Autorzy", "autorka")


@pytest.mark.django_db
def test_who_cannot_edit_the_existing_page_is_not_offered_update(client, first, author):
    client.force_login(author)

    html = client.post(URL, {"text": REFERENCE, "action": "review"}).content.decode()

    section = html.split(DUPLICATE)[1].split("</section>")[0]
    assert TITLE in section
    assert UPDATE_BUTTON not in section
    assert NEW_BUTTON in section and STOP_BUTTON in section
    assert reverse("wagtailadmin_pages:edit", args=(first.pk,)) not in section


@pytest.mark.django_db
def test_a_forged_update_by_who_cannot_edit_the_page_is_refused(client, first, author):
    client.force_login(author)
    before = counts()

    response = client.post(URL, {"text": CORRECTED, "duplicate": "update"})

    assert response.status_code == 200
    assert counts() == before
    assert REFUSED in response.content.decode()
    assert starts(latest_draft(first).meetings.all()) == FIRST_STARTS


@pytest.mark.django_db
def test_a_page_waiting_for_moderation_is_not_updated_from_the_import(client, editor, first):
    Workflow.objects.get(name="Akceptacja moderatora").start(first, editor)
    before = counts()

    review = client.post(URL, {"text": CORRECTED, "action": "review"}).content.decode()
    forged = client.post(URL, {"text": CORRECTED, "duplicate": "update"})

    assert UPDATE_BUTTON not in review
    assert NEW_BUTTON in review
    assert counts() == before
    assert REFUSED in forged.content.decode()


@pytest.mark.django_db
def test_a_moderator_may_update_the_page_they_review(client, editor, moderator, first):
    Workflow.objects.get(name="Akceptacja moderatora").start(first, editor)
    client.force_login(moderator)

    response = client.post(URL, {"text": CORRECTED, "duplicate": "update"})

    assert response.status_code == 302
    page = MeetingAnnouncementPage.objects.get()
    assert page.live is False
    assert starts(latest_draft(page).meetings.all()) == CORRECTED_STARTS
