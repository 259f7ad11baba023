"""Meetings and announcements read from the database skip the constructors of
``ClusterableModel`` and Wagtail's ``Page`` (``meetings.models.mixins.BuiltFromRows``): what
they read must be the very object that those constructors would have built, with every field
or with some deferred, and it must behave as one (save, relations, a page's specific class)."""

from datetime import timedelta

import pytest
from django.db import models

from meetings.models import Meeting, MeetingAnnouncementPage
from tests.factories import announcement, meeting, warsaw


def _constructed(model, field_names, values):
    """The object as Django's own ``from_db`` builds it, through every constructor."""
    return models.Model.from_db.__func__(model, "default", field_names, values)


def _state(obj):
    return {name: value for name, value in vars(obj).items() if name != "_state"} | {
        "adding": obj._state.adding,
        "db": obj._state.db,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("deferred", [(), ("body", "lead")], ids=["every field", "deferred"])
@pytest.mark.parametrize("model", [Meeting, MeetingAnnouncementPage])
def test_an_object_read_is_the_one_the_constructors_build(index, model, deferred):
    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10))])
    deferred = [name for name in deferred if hasattr(model, name)]
    pk = page.pk if model is MeetingAnnouncementPage else page.meetings.get().pk
    fields = [f for f in model._meta.concrete_fields if f.name not in deferred]
    names = [f.attname for f in fields]
    values = model.objects.filter(pk=pk).values_list(*names).get()

    read = model.from_db("default", names, values)
    built = _constructed(model, names, values)

    assert type(read) is model
    assert _state(read) == _state(built)
    assert (
        read.get_deferred_fields()
        == built.get_deferred_fields()
        == {model._meta.get_field(name).attname for name in deferred}
    )


@pytest.mark.django_db
def test_what_is_read_saves_and_shows_its_relations(index):
    page = announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10), sphere_numbers=("5",))])

    stored = Meeting.objects.get(page=page)
    stored.start += timedelta(hours=1)
    stored.save()
    read_page = MeetingAnnouncementPage.objects.defer("body", "lead").get(pk=page.pk)

    assert Meeting.objects.get(pk=stored.pk).sequence == stored.sequence == 1
    assert [s.number for s in stored.spheres.all()] == ["5"]
    assert read_page.meetings.get() == stored
    assert read_page.specific is read_page
    assert read_page.lead == page.lead  # a deferred field, read when asked for
