from importlib import import_module

from django.db import models
from django.db.models import DEFERRED


class PortalPageMixin:
    """What every public page's layout needs: its translations, the language switcher's
    links and the breadcrumb trail (``meetings.chrome``, found by name: the models sit below
    every output)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(import_module("meetings.chrome").page_chrome(self, request))
        return context


class BuiltFromRows:
    """Models read in lists (meetings, announcements) built from a database row by Django's
    own constructor.

    The constructors that ``ClusterableModel`` and Wagtail's ``Page`` add only act on
    objects being created: on child objects passed as keyword arguments (which a row never
    passes) and on an object without an id (a row always has one). Their search of the
    model's fields for child relations cost more than the rest of building each object of a
    list. ``tests/test_built_from_rows.py`` checks that both ways give the same object.
    """

    @classmethod
    def from_db(cls, db, field_names, values):
        fields = cls._meta.concrete_fields
        if len(values) != len(fields):  # as Django's from_db: the deferred fields marked
            values_iter = iter(values)
            values = [next(values_iter) if f.attname in field_names else DEFERRED for f in fields]
        new = cls.__new__(cls)
        models.Model.__init__(new, *values)
        new._state.adding = False
        new._state.db = db
        return new
