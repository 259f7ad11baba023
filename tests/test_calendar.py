"""The calendar feeds, read back with the icalendar parser."""

import pytest
from icalendar import Calendar

from meetings.models import Meeting
from tests.factories import announcement, meeting, warsaw


def feed(client, schedule, query=""):
    response = client.get(f"{schedule.url}feed.ics{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar):
    return list(calendar.walk("VEVENT"))


def publish_change(page, **changes):
    draft = page.get_latest_revision_as_object()
    meetings = list(draft.meetings.all())
    for name, value in changes.items():
        setattr(meetings[0], name, value)
    draft.meetings = meetings
    draft.save_revision().publish()
    page.refresh_from_db()


@pytest.mark.django_db
def test_events_carry_warsaw_time_with_its_vtimezone(client, index, schedule):
    announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10, 17), hours=2)])

    calendar = feed(client, schedule)
    (event,) = events(calendar)

    assert event.decoded("dtstart") == warsaw(2058, 6, 10, 17)
    assert event["dtstart"].params["TZID"] == "Europe/Warsaw"
    assert event["dtend"].params["TZID"] == "Europe/Warsaw"
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Warsaw"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


@pytest.mark.django_db
def test_each_event_describes_the_meeting(client, index, schedule):
    page = announcement(
        index,
        meetings=[
            meeting(start=warsaw(2058, 6, 10), sphere_numbers=("5", "15"), topic="Konsultacje")
        ],
    )

    (event,) = events(feed(client, schedule))

    assert str(event["summary"]) == "Spotkanie branżowe: Konsultacje"
    description = str(event["description"])
    assert "Sfery: działalność na rzecz mniejszości" in description
    assert "Zapisy: niewymagane." in description
    assert page.full_url in description
    assert "ul. Dekerta 24" in str(event["location"])
    assert str(event["url"]).startswith(page.full_url)
    assert str(event["status"]) == "CONFIRMED"
    categories = event["categories"].cats
    assert categories[0].startswith("działalność na rzecz mniejszości")
    assert len(categories) == 2


@pytest.mark.django_db
def test_meetings_of_one_announcement_on_one_topic_are_told_apart(client, index, schedule):
    announcement(
        index,
        meetings=[
            meeting(start=warsaw(2058, 6, 10), topic="Propozycje do programu"),
            meeting(start=warsaw(2058, 6, 24), topic="Propozycje do programu"),
        ],
    )

    titles = [str(event["summary"]) for event in events(feed(client, schedule))]

    assert titles == [
        "Spotkanie branżowe 1 z 2: Propozycje do programu",
        "Spotkanie branżowe 2 z 2: Propozycje do programu",
    ]


@pytest.mark.django_db
def test_a_cancelled_meeting_says_so_in_its_title(client, index, schedule):
    announcement(
        index,
        meetings=[
            meeting(
                start=warsaw(2058, 6, 10),
                topic="Konsultacje",
                status=Meeting.Status.CANCELLED,
                status_note="Choroba prowadzącej.",
            )
        ],
    )

    (event,) = events(feed(client, schedule))

    assert str(event["summary"]) == "ODWOŁANE: Spotkanie branżowe: Konsultacje"
    assert str(event["status"]) == "CANCELLED"


@pytest.mark.django_db
def test_the_description_says_how_to_register(client, index, schedule):
    announcement(
        index,
        meetings=[
            meeting(
                start=warsaw(2058, 6, 10, 17),
                registration=Meeting.Registration.REQUIRED,
                registration_email="zapisy@example.org",
                registration_deadline=warsaw(2058, 6, 9, 12),
            )
        ],
    )

    (event,) = events(feed(client, schedule))

    assert "Zapisy: wymagane — zapisy@example.org (do 9 czerwca 2058 r., godz. 12:00)." in str(
        event["description"]
    )


@pytest.mark.django_db
def test_the_uid_stays_and_the_sequence_grows_when_a_meeting_changes(client, index, schedule):
    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))])
    (before,) = events(feed(client, schedule))

    publish_change(page, start=warsaw(2058, 6, 11), end=warsaw(2058, 6, 11, 19))
    (after,) = events(feed(client, schedule))

    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert after.decoded("dtstart") == warsaw(2058, 6, 11)


@pytest.mark.django_db
def test_the_sequence_stays_when_nothing_a_calendar_shows_changed(client, index, schedule):
    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))])
    draft = page.get_latest_revision_as_object()
    draft.title = "Nowy tytuł ogłoszenia"
    draft.save_revision().publish()

    (event,) = events(feed(client, schedule))

    assert int(event["sequence"]) == 0


@pytest.mark.django_db
def test_drafts_before_the_first_publication_leave_the_sequence_at_zero(client, index, schedule):
    """No calendar could have subscribed to a time that was never public."""
    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))], publish=False)
    publish_change(page, start=warsaw(2058, 6, 11), end=warsaw(2058, 6, 11, 19))

    (event,) = events(feed(client, schedule))
    assert event.decoded("dtstart") == warsaw(2058, 6, 11)
    assert int(event["sequence"]) == 0

    publish_change(page, start=warsaw(2058, 6, 12), end=warsaw(2058, 6, 12, 19))
    (event,) = events(feed(client, schedule))
    assert int(event["sequence"]) == 1


@pytest.mark.django_db
def test_a_republished_meeting_counts_changes_made_while_it_was_withdrawn(client, index, schedule):
    """Subscribers kept the time they saw before the page was unpublished."""
    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))])
    page.unpublish()

    publish_change(page, start=warsaw(2058, 6, 11), end=warsaw(2058, 6, 11, 19))
    (event,) = events(feed(client, schedule))

    assert int(event["sequence"]) == 1


@pytest.mark.django_db
def test_a_cancelled_meeting_is_cancelled_in_calendars(client, index, schedule):
    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))])

    publish_change(page, status=Meeting.Status.CANCELLED, status_note="Choroba prowadzącej.")
    (event,) = events(feed(client, schedule))

    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1
    assert "Choroba prowadzącej." in str(event["description"])


@pytest.mark.django_db
def test_commas_semicolons_and_newlines_are_escaped(client, index, schedule):
    tricky = "Sala A, piętro II; wejście\r\nBEGIN:VEVENT\nSUMMARY:wstrzyknięte"
    announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10), topic=tricky)])

    response = client.get(f"{schedule.url}feed.ics")
    raw = response.content.decode()
    calendar = Calendar.from_ical(response.content)

    assert raw.split("\r\n").count("BEGIN:VEVENT") == 1
    assert not any(line.startswith("SUMMARY:wstrzyk") for line in raw.split("\r\n"))
    assert "Sala A\\, piętro II\\; wejście" in raw.replace("\r\n ", "")
    (event,) = events(calendar)
    assert str(event["summary"]).startswith("Spotkanie branżowe: Sala A, piętro II; wejście")


@pytest.mark.django_db
def test_one_meeting_can_be_added_to_a_calendar(client, index, schedule):
    page = announcement(
        index, meetings=[meeting(start=warsaw(2058, 6, 10)), meeting(start=warsaw(2058, 6, 24))]
    )
    second = page.meetings.order_by("sort_order")[1]

    response = client.get(page.meeting_ics_url(second))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    (event,) = events(Calendar.from_ical(response.content))
    assert str(event["uid"]).startswith(str(second.translation_key))


@pytest.mark.django_db
def test_the_feed_takes_the_schedules_filters(client, index, schedule):
    announcement(
        index,
        meetings=[
            meeting(start=warsaw(2058, 6, 10), sphere_numbers=("15",), topic="Dzieci"),
            meeting(start=warsaw(2058, 6, 11), sphere_numbers=("16",), topic="Kultura"),
        ],
    )

    filtered = events(feed(client, schedule, "?sphere=dzieci-i-mlodziez"))

    assert [str(e["summary"]) for e in filtered] == ["Spotkanie branżowe 1 z 2: Dzieci"]


@pytest.mark.django_db
def test_a_bad_feed_filter_is_a_clear_400(client, schedule):
    response = client.get(f"{schedule.url}feed.ics?from=wczoraj")

    assert response.status_code == 400
    assert "date_from" in response.content.decode() or "from" in response.content.decode()


def without_stamps(raw: bytes) -> list[str]:
    """The feed's lines, unfolded, without DTSTAMP (the time it was made)."""
    lines = raw.decode().replace("\r\n ", "").split("\r\n")
    return [line for line in lines if not line.startswith("DTSTAMP")]


@pytest.mark.django_db
def test_a_long_feed_is_streamed_in_chunks_and_reads_as_the_whole_one(
    client, index, schedule, monkeypatch
):
    from meetings import views

    starts = [warsaw(2058, 6, 1 + day, 10 + hour) for day in range(3) for hour in (0, 0, 2)]
    announcement(
        index,
        meetings=[meeting(start=start, topic=f"Spotkanie {i}") for i, start in enumerate(starts)],
    )
    whole = client.get(f"{schedule.url}feed.ics")
    monkeypatch.setattr(views, "FEED_CHUNK", 2)

    streamed = client.get(f"{schedule.url}feed.ics")

    assert not whole.streaming
    assert streamed.streaming
    assert streamed["Content-Type"] == "text/calendar; charset=utf-8"
    raw = b"".join(streamed.streaming_content)
    assert without_stamps(raw) == without_stamps(whole.content)
    topics = [str(event["summary"]).split(": ", 1)[1] for event in events(Calendar.from_ical(raw))]
    assert sorted(topics) == sorted(f"Spotkanie {i}" for i in range(len(starts)))
    assert len(set(topics)) == len(starts)  # meetings that start together are not repeated


FEED_URLS = ["/harmonogram/feed.ics", "/ogloszenia/rss.xml"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", FEED_URLS)
def test_feeds_send_validators_and_answer_conditional_gets(
    client, index, schedule, pinned_clock, url
):
    announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))])

    first = client.get(url)
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    other = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')

    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    assert (by_etag.status_code, by_date.status_code, other.status_code) == (304, 304, 200)


@pytest.mark.django_db
def test_a_publication_changes_the_feeds_validators(
    client, index, schedule, pinned_clock, django_capture_on_commit_callbacks
):
    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))])
    first = client.get("/harmonogram/feed.ics")

    with django_capture_on_commit_callbacks(execute=True):
        publish_change(page, topic="Nowy temat")
    again = client.get("/harmonogram/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Nowy temat" in again.content.decode()


@pytest.mark.django_db
def test_one_meetings_calendar_file_answers_a_conditional_get(
    client, index, schedule, pinned_clock
):
    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))])
    url = page.specific.meeting_ics_url(page.meetings.get())

    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert (first.status_code, again.status_code) == (200, 304)


@pytest.mark.django_db
def test_the_page_says_how_far_back_its_calendar_reaches(client, index, schedule):
    announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))])

    html = client.get(schedule.url).content.decode()

    assert "Kalendarz obejmuje nadchodzące spotkania i te z ostatnich 90 dni" in html
