"""Editors write in the admin, moderators approve, and only then does the public see it."""

import re
import runpy
from pathlib import Path

import polib
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from meetings import selectors
from meetings.models import MeetingAnnouncementPage, Venue
from tests.factories import (
    OrganizerFactory,
    VenueFactory,
    announcement,
    polish,
    spheres,
    warsaw,
)


def meeting_form(*, topic, start, end, venue, sphere_numbers):
    return {
        "topic": topic,
        "start": start,
        "end": end,
        "attendance_mode": "in_person",
        "venue": venue.pk,
        "online_url": "",
        "spheres": sphere_numbers,
        "registration": "not_required",
        "registration_url": "",
        "registration_email": "",
        "registration_deadline": "",
        "status": "planned",
        "status_note": "",
    }


def announcement_form(*, meetings, organizer, **extra):
    """The page editor's POST data; a multiple choice is a list value, not nested fields."""
    sphere_choices = {
        f"meetings-{i}-spheres": [s.pk for s in spheres(*m.pop("spheres"))]
        for i, m in enumerate(meetings)
    }
    data = {
        "title": "Spotkania branżowe 2058",
        "slug": "spotkania-branzowe-2058",
        "lead": "Zapraszamy organizacje na dwa spotkania.",
        "publication_date": "",
        "consultation": "",
        "organizer_links": inline_formset([{"organizer": organizer.pk}], min=1),
        "meetings": inline_formset(meetings),
        "body": streamfield([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(extra)
    return {**nested_form_data(data), **sphere_choices}


def two_meetings(venue):
    return [
        meeting_form(
            topic="Pierwsze spotkanie",
            start="2058-06-10 17:00",
            end="2058-06-10 19:00",
            venue=venue,
            sphere_numbers=("5", "15"),
        ),
        meeting_form(
            topic="Drugie spotkanie",
            start="2058-06-24 17:00",
            end="2058-06-24 19:00",
            venue=venue,
            sphere_numbers=("7", "15"),
        ),
    ]


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("meetings", "meetingannouncementpage", index.pk))


@pytest.mark.django_db
def test_groups_and_the_moderation_workflow_exist():
    workflow = Workflow.objects.get(name="Akceptacja moderatora")
    task = workflow.tasks.get().specific

    assert list(task.groups.values_list("name", flat=True)) == ["Moderatorzy"]
    assert Group.objects.filter(name="Redaktorzy").exists()


@pytest.mark.django_db
def test_an_editor_cannot_publish_directly(client, editor, index):
    client.force_login(editor)
    venue, organizer = VenueFactory(), OrganizerFactory()

    client.post(
        add_url(index),
        announcement_form(
            meetings=two_meetings(venue), organizer=organizer, **{"action-publish": "1"}
        ),
    )

    page = MeetingAnnouncementPage.objects.get(slug="spotkania-branzowe-2058")
    assert page.live is False
    assert list(selectors.public_meetings(locale=polish())) == []


@pytest.mark.django_db
def test_moderation_reads_in_polish(client, editor, moderator, index):
    """Wagtail's Polish says "Wyślij do Akceptacja moderatora" (the workflow's name where Polish
    needs another case) and "Wyślij do" for "Sent to": the plugin translates them again."""
    client.force_login(editor)
    client.post(add_url(index), announcement_form(meetings=[], organizer=OrganizerFactory()))
    page = MeetingAnnouncementPage.objects.get(slug="spotkania-branzowe-2058")
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    draft = client.get(edit_url).content.decode()
    page.get_workflow().start(page, editor)
    submitted = client.get(edit_url).content.decode()
    client.force_login(moderator)
    reviewing = client.get(edit_url).content.decode()
    assert "Akceptuj i opublikuj" in reviewing and "Poproś o zmiany" in reviewing
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "reject", page.current_workflow_task_state.pk),
        ),
        {"comment": "Popraw godziny."},
    )
    client.force_login(editor)
    rejected = client.get(edit_url).content.decode()

    assert "Wyślij do procesu „Akceptacja moderatora”" in draft
    assert "Wyślij ponownie do zadania „Akceptacja przez moderatorów”" in rejected
    assert "Wysłano do zadania „Akceptacja przez moderatorów”" in submitted
    assert "Ta treść (strona) czeka na moderację." in submitted
    assert "Tylko osoby weryfikujące to zadanie mogą zmieniać tę treść (strona)." in submitted
    assert "Wyślij do Akceptacja" not in draft + submitted + rejected
    assert "Ten strona" not in draft + submitted + rejected


@pytest.mark.django_db
def test_messages_naming_a_snippet_read_in_polish(client, moderator):
    """Wagtail's "Czy na pewno chcesz usunąć ten miejsce?" and "Miejsce 'Sala Obrad' usunięte."
    give every model one gender."""
    venue = VenueFactory(name="Sala Obrad")
    client.force_login(moderator)

    listing = client.get(reverse("wagtailsnippets_meetings_venue:list")).content.decode()
    deleting = client.get(reverse("wagtailsnippets_meetings_venue:delete", args=(venue.pk,)))
    deleted = client.post(
        reverse("wagtailsnippets_meetings_venue:delete", args=(venue.pk,)), follow=True
    )

    adding = client.get(reverse("wagtailsnippets_meetings_venue:add")).content.decode()
    assert "Dodaj: miejsce" in listing
    assert "<title>Nowa pozycja: Miejsce" in adding and "Nowy" not in adding
    assert "Czy na pewno usunąć: miejsce?" in deleting.content.decode()
    assert "Usunięto: Miejsce „Sala Obrad, " in deleted.content.decode()


@pytest.mark.django_db
def test_the_venue_chooser_and_bulk_deletion_read_in_polish(client, moderator, index):
    """Wagtail's "Wybierz inny miejsce", its chooser's filter named "Locale" after its field,
    and "3 Miejsca usunięty"."""
    page = announcement(index)
    venues = [VenueFactory(name=f"Sala {n}") for n in range(3)]
    client.force_login(moderator)

    editor = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    adding = client.get(
        reverse("wagtailadmin_pages:add", args=("meetings", "meetingannouncementpage", index.pk))
    ).content.decode()
    chooser = client.get(reverse("wagtailsnippetchoosers_meetings_venue:choose")).json()["html"]
    bulk = reverse("wagtail_bulk_action", args=("meetings", "venue", "delete"))
    query = f"?next={reverse('wagtailsnippets_meetings_venue:list')}"
    query += "".join(f"&id={venue.pk}" for venue in venues)
    confirming = client.get(bulk + query).content.decode()
    deleted = client.post(bulk + query, follow=True).content.decode()

    assert "Zmień wybór: miejsce" in editor and "Edytuj: miejsce" in editor
    assert "<title>Nowa pozycja: Ogłoszenie o spotkaniach" in adding
    assert re.search(r"<label[^>]*>\s*Lokalizacja\s*</label>", chooser), chooser
    assert ">Locale<" not in chooser
    assert "Czy na pewno usunąć zaznaczone (3): miejsca?" in confirming
    assert "Usunięto 3 pozycje (Miejsca)." in deleted
    assert not Venue.objects.filter(pk__in=[venue.pk for venue in venues]).exists()


def test_every_message_translated_again_has_its_polish():
    """Each message of Wagtail's that the plugin translates again (``RETRANSLATED`` in
    ``scripts/admin_catalogue.py``) reads in Polish as the plugin's catalogue says."""
    root = Path(__file__).parent.parent
    script = runpy.run_path(str(root / "scripts" / "admin_catalogue.py"))
    plugin = polib.pofile(str(root / "meetings/locale/pl/LC_MESSAGES/django.po"))

    assert len(script["RETRANSLATED"]) >= 78
    with translation.override("pl"):
        for message in script["RETRANSLATED"]:
            if isinstance(message, tuple):  # one, two to four, five and more
                polish = plugin.find(message[0]).msgstr_plural
                for form, number in enumerate((1, 3, 5)):
                    assert translation.ngettext(*message, number) == polish[form] != ""
            else:
                assert translation.gettext(message) == plugin.find(message).msgstr != ""


@pytest.mark.django_db
def test_editor_submits_two_meetings_moderator_approves_and_they_reach_the_schedule(
    client, editor, moderator, index, schedule
):
    venue, organizer = VenueFactory(), OrganizerFactory()
    client.force_login(editor)

    response = client.post(
        add_url(index),
        announcement_form(
            meetings=two_meetings(venue), organizer=organizer, **{"action-submit": "1"}
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    page = MeetingAnnouncementPage.objects.get(slug="spotkania-branzowe-2058")
    assert page.live is False
    assert page.workflow_in_progress
    assert [m.topic for m in page.meetings.all()] == ["Pierwsze spotkanie", "Drugie spotkanie"]
    assert "Pierwsze spotkanie" not in client.get(schedule.url).content.decode()

    client.force_login(moderator)
    task_state = page.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
        {"comment": ""},
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live is True
    public = list(selectors.public_meetings(locale=polish()))
    assert [m.topic for m in public] == ["Pierwsze spotkanie", "Drugie spotkanie"]
    html = client.get(schedule.url).content.decode()
    assert "Pierwsze spotkanie" in html
    assert "Drugie spotkanie" in html


@pytest.mark.django_db
def test_meeting_times_are_the_citys_whatever_zone_the_editors_account_keeps(client, editor, index):
    """Wagtail reads and shows the admin's times in the zone an editor chose in their
    account; a meeting's time is the one its announcement states in Kraków."""
    profile = UserProfile.get_for_user(editor)
    profile.current_time_zone = "America/New_York"
    profile.save()
    client.force_login(editor)

    client.post(
        add_url(index),
        announcement_form(meetings=two_meetings(VenueFactory()), organizer=OrganizerFactory()),
    )
    page = MeetingAnnouncementPage.objects.get(slug="spotkania-branzowe-2058")
    first = page.meetings.get(topic="Pierwsze spotkanie")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    assert (first.start, first.end) == (warsaw(2058, 6, 10, 17), warsaw(2058, 6, 10, 19))
    assert 'name="meetings-0-start" value="2058-06-10 17:00"' in html
    assert 'name="meetings-0-end" value="2058-06-10 19:00"' in html


@pytest.mark.django_db
def test_a_meeting_without_spheres_is_refused_with_a_polish_message(client, editor, index):
    venue, organizer = VenueFactory(), OrganizerFactory()
    meetings = two_meetings(venue)
    meetings[1]["spheres"] = []
    meetings[1]["end"] = "2058-06-24 16:00"
    client.force_login(editor)

    with translation.override("pl"):
        response = client.post(
            add_url(index), announcement_form(meetings=meetings, organizer=organizer)
        )

    assert response.status_code == 200
    assert not MeetingAnnouncementPage.objects.filter(slug="spotkania-branzowe-2058").exists()
    child = response.context["form"].formsets["meetings"].forms[1]
    assert child.errors["spheres"] == ["To pole jest wymagane."]
    assert child.errors["end"] == ["Spotkanie musi zakończyć się po rozpoczęciu."]
    assert "Pierwsze spotkanie" in response.content.decode()


@pytest.mark.django_db
def test_the_announcement_editor_has_polish_tabs_and_a_venue_chooser(client, moderator, index):
    client.force_login(moderator)

    html = client.get(add_url(index)).content.decode()

    # Wagtail shows the settings tab only when it has a field to show.
    tabs = re.findall(r'role="tab"[^>]*>\s*([^<]+?)\s*<', html)
    assert tabs[:3] == ["Treść", "Spotkania", "Promocja"]
    with translation.override("pl"):
        headings = [str(tab.heading) for tab in MeetingAnnouncementPage.edit_handler.children]
    assert headings == ["Treść", "Spotkania", "Promocja", "Ustawienia"]
    assert 'id="id_meetings-__prefix__-venue"' in html
    assert "wspieranie rodziny i systemu pieczy zastępczej" in html


@pytest.mark.django_db
def test_an_editor_previews_a_draft_with_its_meetings(client, editor, index):
    venue, organizer = VenueFactory(), OrganizerFactory()
    client.force_login(editor)
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("meetings", "meetingannouncementpage", index.pk),
    )

    posted = client.post(
        preview_url, announcement_form(meetings=two_meetings(venue), organizer=organizer)
    )
    shown = client.get(preview_url)

    assert posted.json()["is_valid"] is True
    html = re.sub(r"<[^>]+>", "", shown.content.decode())  # the text a reader sees
    assert "10 czerwca 2058 r. (poniedziałek), godz. 17:00–19:00" in html
    assert "działalność na rzecz mniejszości narodowych" in html
    assert not MeetingAnnouncementPage.objects.filter(slug="spotkania-branzowe-2058").exists()


@pytest.mark.django_db
def test_editors_search_the_sphere_list(client, editor):
    client.force_login(editor)

    response = client.get(reverse("wagtailsnippets_meetings_sphere:list"), {"q": "cudzoziemców"})

    html = response.content.decode()
    assert "integracji cudzoziemców" in html
    assert "pomoc społeczna" not in html
