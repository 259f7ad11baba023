"""After a meeting: its minutes and outcome, and a consultation's report, once published."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar
from wagtail.documents.models import Document

from meetings.models import Consultation, Meeting
from tests import factories

MINUTES_TEXT = "Zebrano 14 propozycji organizacji."
OUTCOME = "Propozycje trafią do projektu programu."


@pytest.fixture
def minutes_file(db):
    document = Document(title="Protokół ze spotkania 10 czerwca")
    document.file.save("protokol.pdf", ContentFile(b"%PDF-1.4 minutes"), save=False)
    document.save()
    return document


def add_minutes_in_a_draft(page, document):
    """What an editor does after the meeting: edits the live page and saves a draft."""
    page = page.specific
    meeting = page.meetings.get()
    meeting.outcome = OUTCOME
    meeting.minutes_document = document
    meeting.minutes = f"<p>{MINUTES_TEXT}</p>"
    page.meetings = [meeting]
    return page.save_revision()


def outputs(client, page):
    """Everything the public can read about the page's meeting, as text."""
    meeting = Meeting.objects.get(page=page)
    api = client.get(f"/api/v1/meetings/{meeting.pk}/").json()
    announcement_api = client.get(f"/api/v1/announcements/{page.pk}/").json()
    return {
        "page": client.get(page.url).content.decode(),
        "api": api,
        "announcement_api": announcement_api,
        "ics": client.get(f"{page.url}{meeting.translation_key}.ics").content.decode(),
        "rss": client.get("/ogloszenia/rss.xml").content.decode(),
    }


@pytest.mark.django_db
def test_minutes_saved_in_a_draft_stay_private_until_published(client, index, minutes_file):
    page = factories.announcement(index)

    add_minutes_in_a_draft(page, minutes_file)
    before = outputs(client, page)

    assert MINUTES_TEXT not in before["page"]
    assert OUTCOME not in before["page"]
    assert minutes_file.url not in before["page"]
    assert before["api"]["minutes"] is None
    assert before["api"]["outcome"] == ""
    assert before["announcement_api"]["meetings"][0]["minutes"] is None
    assert minutes_file.url not in before["ics"]
    assert minutes_file.url not in before["rss"]


@pytest.mark.django_db
def test_published_minutes_appear_on_the_page_in_the_api_and_in_the_feeds(
    client, index, minutes_file
):
    page = factories.announcement(index)

    add_minutes_in_a_draft(page, minutes_file).publish()
    after = outputs(client, page)

    assert MINUTES_TEXT in after["page"]
    assert OUTCOME in after["page"]
    assert f'href="{minutes_file.url}"' in after["page"]
    assert "Protokół ze spotkania" in after["page"]
    minutes = after["api"]["minutes"]
    assert minutes["document_url"] == f"http://localhost{minutes_file.url}"
    assert minutes["file_extension"] == "pdf"
    assert MINUTES_TEXT in minutes["text_html"]
    assert after["api"]["outcome"] == OUTCOME
    assert after["announcement_api"]["meetings"][0]["minutes"] == minutes
    event = Calendar.from_ical(after["ics"]).walk("VEVENT")[0]
    assert f"http://localhost{minutes_file.url}" in str(event["DESCRIPTION"])
    assert OUTCOME in str(event["DESCRIPTION"])
    assert f"http://localhost{minutes_file.url}" in after["rss"]


@pytest.mark.django_db
def test_publishing_minutes_makes_subscribed_calendars_update_the_event(index, minutes_file):
    page = factories.announcement(index)
    sequence = Meeting.objects.get(page=page).sequence

    add_minutes_in_a_draft(page, minutes_file).publish()

    assert Meeting.objects.get(page=page).sequence == sequence + 1


@pytest.mark.django_db
def test_text_minutes_without_a_file_link_to_the_meeting_on_its_page(client, index):
    page = factories.announcement(index)
    meeting = page.meetings.get()
    meeting.minutes = f"<p>{MINUTES_TEXT}</p>"
    page.meetings = [meeting]
    page.save_revision().publish()

    ics = client.get(f"{page.url}{meeting.translation_key}.ics").content.decode()
    description = str(Calendar.from_ical(ics).walk("VEVENT")[0]["DESCRIPTION"])

    assert f"http://localhost{page.url}#{meeting.anchor}" in description
    assert client.get(f"/api/v1/meetings/{meeting.pk}/").json()["minutes"]["document_url"] == ""


@pytest.mark.django_db
def test_a_consultation_report_shows_on_its_announcements(client, index, minutes_file):
    consultation = Consultation.objects.create(
        title="Program współpracy na rok 2026",
        locale=factories.polish(),
        report_document=minutes_file,
        report="<p>Raport z konsultacji: 40 uwag.</p>",
    )
    page = factories.announcement(index, consultation=consultation)

    html = client.get(page.url).content.decode()
    api = client.get(f"/api/v1/announcements/{page.pk}/").json()

    assert "Raport z konsultacji: 40 uwag." in html
    assert f'href="{minutes_file.url}"' in html
    assert api["consultation"]["report"]["document_url"] == f"http://localhost{minutes_file.url}"
    assert "40 uwag" in api["consultation"]["report"]["text_html"]


@pytest.mark.django_db
def test_minutes_add_no_queries_per_meeting_to_the_meeting_list(client, index, minutes_file):
    def queries_for(n):
        meetings = [
            factories.meeting(
                start=factories.warsaw(2058, 1, day + 1), minutes_document=minutes_file
            )
            for day in range(n)
        ]
        factories.announcement(index, title=f"Ogłoszenie {n}", meetings=meetings)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/meetings/?limit=100").status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(12)
