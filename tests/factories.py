"""Test data builders. Pages are built in the tree through Wagtail, as editors would."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from meetings.models import (
    AnnouncementIndexPage,
    AnnouncementOrganizer,
    Meeting,
    MeetingAnnouncementPage,
    Organizer,
    SchedulePage,
    Sphere,
    Venue,
)

WARSAW = ZoneInfo("Europe/Warsaw")


def announcement_index(home) -> AnnouncementIndexPage:
    page = AnnouncementIndexPage(title="Ogłoszenia", slug="ogloszenia")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def schedule_page(home) -> SchedulePage:
    page = SchedulePage(title="Harmonogram spotkań", slug="harmonogram")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def member_of(group: str, username: str, **fields):
    """A user in one of the groups the migrations create (Redaktorzy, Moderatorzy, Tłumacze)."""
    user = get_user_model().objects.create_user(username, password=f"haslo-{username}", **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


def polish() -> Locale:
    return Locale.objects.get(language_code="pl")


def english() -> Locale:
    return Locale.objects.get(language_code="en")


def warsaw(year, month, day, hour=17, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WARSAW)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Sala konferencyjna {n}")
    street_address = "ul. Dekerta 24"
    postal_code = "30-703"
    city = "Kraków"
    floor = "III piętro"
    locale = factory.LazyFunction(polish)


class OrganizerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organizer

    name = factory.Sequence(lambda n: f"Wydział {n}")
    email = "wydzial@example.org"
    locale = factory.LazyFunction(polish)


def spheres(*numbers: str) -> list[Sphere]:
    by_number = {s.number: s for s in Sphere.objects.filter(locale=polish(), number__in=numbers)}
    return [by_number[number] for number in numbers]


def meeting(*, start: datetime, hours: int = 2, sphere_numbers=("15",), **fields) -> Meeting:
    if "venue" not in fields and fields.get("attendance_mode") != "online":
        fields["venue"] = VenueFactory()
    return Meeting(
        topic=fields.pop("topic", "Konsultacje programu współpracy"),
        start=start,
        end=start + timedelta(hours=hours),
        spheres=spheres(*sphere_numbers),
        **fields,
    )


def announcement(
    parent, *, title="Spotkania branżowe", meetings=None, publish=True, **fields
) -> MeetingAnnouncementPage:
    """An announcement under ``parent``; published unless ``publish`` is False."""
    if meetings is None:
        meetings = [meeting(start=_next_week())]
    page = MeetingAnnouncementPage(
        title=title,
        lead=fields.pop("lead", "Zapraszamy organizacje pozarządowe na spotkania."),
        organizer_links=[
            AnnouncementOrganizer(organizer=fields.pop("organizer", None) or OrganizerFactory())
        ],
        meetings=meetings,
        live=False,
        **fields,
    )
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def _next_week() -> datetime:
    from django.utils import timezone

    day = timezone.localdate() + timedelta(days=7)
    return datetime.combine(day, time(17), tzinfo=WARSAW)
