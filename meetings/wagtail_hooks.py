from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from meetings import selectors
from meetings.models import Consultation, Organizer, Sphere, Venue


class MeetingsDataViewSet(SnippetViewSet):
    """Small tables, partly loaded by migrations: search them in the database, not an index."""

    search_backend_name = None


class SphereViewSet(MeetingsDataViewSet):
    model = Sphere
    icon = "tag"
    menu_label = _("Spheres of public benefit")
    list_display = ["number", "display_name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["display_name", "name", "number"]
    ordering = ["sort_order"]
    list_per_page = 50


class VenueViewSet(MeetingsDataViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "street_address", "room", "floor", "locale"]
    list_filter = ["locale", "city", "step_free_access"]
    search_fields = ["name", "street_address"]


class OrganizerViewSet(MeetingsDataViewSet):
    model = Organizer
    icon = "group"
    menu_label = _("Organisers")
    list_display = ["name", "email", "phone", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class ConsultationViewSet(MeetingsDataViewSet):
    model = Consultation
    icon = "doc-full"
    menu_label = _("Consultations")
    list_display = ["title", "locale"]
    list_filter = ["locale"]
    search_fields = ["title"]


class MeetingsSnippetGroup(SnippetViewSetGroup):
    items = (SphereViewSet, VenueViewSet, OrganizerViewSet, ConsultationViewSet)
    menu_icon = "date"
    menu_label = _("Meetings data")
    menu_name = "meetings-data"
    menu_order = 200


register_snippet(MeetingsSnippetGroup)


@hooks.register("before_serve_page")
def hide_pages_outside_their_publication_window(page, request, serve_args, serve_kwargs):
    """A page past its expiry date is gone, even before the publish_scheduled job runs."""
    if selectors.outside_publication_window(page):
        raise Http404


@hooks.register("before_delete_snippet")
def refuse_deleting_spheres_in_use(request, instances):
    """Spheres are linked many-to-many, which Django cannot protect; refuse here instead."""
    in_use = [obj for obj in instances if isinstance(obj, Sphere) and obj.meetings_using().exists()]
    if not in_use:
        return None
    for sphere in in_use:
        messages.error(request, sphere.protected_message())
    return redirect("wagtailsnippets_meetings_sphere:list")
