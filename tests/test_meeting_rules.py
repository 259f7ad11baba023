import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.utils import translation

from meetings.models import Meeting
from tests.factories import VenueFactory, announcement, meeting, warsaw


def build(**fields) -> Meeting:
    defaults = {
        "topic": "Konsultacje",
        "start": warsaw(2058, 6, 10, 17),
        "end": warsaw(2058, 6, 10, 19),
        "venue": VenueFactory(),
    }
    defaults.update(fields)
    return Meeting(**defaults)


def errors_of(meeting: Meeting) -> dict:
    with translation.override("pl"), pytest.raises(ValidationError) as caught:
        meeting.clean()
    return caught.value.message_dict


@pytest.mark.django_db
def test_a_meeting_must_end_after_it_starts():
    errors = errors_of(build(end=warsaw(2058, 6, 10, 16)))

    assert errors["end"] == ["Spotkanie musi zakończyć się po rozpoczęciu."]


@pytest.mark.django_db
def test_a_meeting_that_ends_when_it_starts_is_refused():
    assert "end" in errors_of(build(end=warsaw(2058, 6, 10, 17)))


@pytest.mark.django_db
def test_an_in_person_meeting_needs_a_venue():
    errors = errors_of(build(venue=None))

    assert "venue" in errors


@pytest.mark.django_db
def test_an_online_meeting_needs_no_venue_but_a_link():
    online = build(venue=None, attendance_mode="online", online_url="https://example.org/m")
    online.clean()

    assert "online_url" in errors_of(build(venue=None, attendance_mode="online"))


@pytest.mark.django_db
def test_a_hybrid_meeting_needs_both_venue_and_link():
    errors = errors_of(build(venue=None, attendance_mode="hybrid"))

    assert {"venue", "online_url"} <= errors.keys()


@pytest.mark.django_db
def test_required_registration_needs_a_way_to_register_before_the_start():
    errors = errors_of(
        build(registration="required", registration_deadline=warsaw(2058, 6, 11, 12))
    )

    assert {"registration_url", "registration_deadline"} <= errors.keys()


@pytest.mark.django_db
def test_a_cancelled_meeting_needs_a_note_for_the_public():
    assert "status_note" in errors_of(build(status="cancelled"))
    build(status="cancelled", status_note="Odwołane z powodu choroby.").clean()


@pytest.mark.django_db
def test_a_venue_in_use_cannot_be_deleted(index):
    venue = VenueFactory()
    announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10), venue=venue)])

    with pytest.raises(ProtectedError):
        venue.delete()
