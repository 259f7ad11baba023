from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_localize.models import Translation

from meetings import chrome, formatting, reports, selectors
from meetings.admin_api import PagesAdminAPI
from meetings.dashboard import AnnouncementsAwaitingModerationPanel, UpcomingMeetingsPanel
from meetings.import_views import import_announcement
from meetings.importing import drafts
from meetings.models import (
    AnnouncementIndexPage,
    Consultation,
    MeetingAnnouncementPage,
    Organizer,
    SchedulePage,
    Sphere,
    Venue,
)
from meetings.moderation import PUBLIC_SNIPPETS, may_change_snippet
from meetings.permissions import ModeratedPagePermissionTester
from meetings.translation import translation_state_annotations
from meetings.translation_views import (
    convert_to_alias,
    submit_translation,
    translation_action,
    update_translations,
)
from meetings.visibility import outside_publication_window


class LocaleFilterLabel:
    """Wagtail's chooser leaves its language filter without a label, so Django names it
    after the field, in English ("Locale")."""

    def get_filter_form(self):
        form = super().get_filter_form()
        if "locale" in form.fields:
            form.fields["locale"].label = _("Locale")
        return form


class MeetingsDataChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (LocaleFilterLabel, ChooseView), {})
    choose_results_view_class = type(
        "ChooseResultsView", (LocaleFilterLabel, ChooseResultsView), {}
    )


class MeetingsDataViewSet(SnippetViewSet):
    """Small tables, partly loaded by migrations: search them in the database, not an index."""

    search_backend_name = None
    chooser_viewset_class = MeetingsDataChooserViewSet


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


@hooks.register("construct_explorer_page_queryset")
def annotate_translation_states(parent_page, pages, request):
    """The page listing shows, beside each page's status, how its translations stand."""
    return pages.annotate(**translation_state_annotations())


@hooks.register("register_admin_viewset")
def register_webhook_viewsets():
    from meetings.webhook_views import WebhookDeliveryViewSet, WebhookSubscriptionViewSet

    return [WebhookSubscriptionViewSet(), WebhookDeliveryViewSet()]


@hooks.register("register_admin_urls")
def register_meetings_admin_urls():
    return [
        path("meetings/import/", import_announcement, name="meetings_import"),
        path(
            "meetings/translation/<int:page_id>/<str:language_code>/",
            translation_action,
            name="meetings_translation_action",
        ),
        path(
            "meetings/submit-translation/<int:page_id>/",
            submit_translation,
            name="meetings_submit_translation",
        ),
        *reports.urlpatterns(),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(drafts.import_parents(request.user))


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import an announcement"), reverse("meetings_import"), icon_name="upload", order=210
    )


@hooks.register("register_page_header_buttons")
def import_button_on_announcement_lists(page, user, view_name, next_url=None):
    if (
        isinstance(page.specific_deferred, AnnouncementIndexPage)
        and page.permissions_for_user(user).can_add_subpage()
    ):
        yield Button(
            _("Import from text"),
            reverse("meetings_import") + f"?parent={page.pk}",
            icon_name="upload",
            priority=20,
        )


@hooks.register("before_delete_page")
def warn_about_upcoming_meetings(request, page):
    """The confirmation names the meetings that would vanish from the schedule and feeds."""
    if request.method != "GET" or not isinstance(page.specific, MeetingAnnouncementPage):
        return None
    upcoming = list(selectors.upcoming_meetings_of(page))
    if upcoming:
        messages.warning(
            request,
            ngettext(
                "This announcement has an upcoming meeting: %(meetings)s. It will disappear "
                "from the schedule, the API and the calendars.",
                "This announcement has %(count)d upcoming meetings: %(meetings)s. They will "
                "disappear from the schedule, the API and the calendars.",
                len(upcoming),
            )
            % {
                "count": len(upcoming),
                "meetings": "; ".join(
                    f"{formatting.format_meeting_when(m.start, m.end)} — {m.topic}"
                    for m in upcoming
                ),
            },
        )
    return None


@hooks.register("register_log_actions")
def register_meeting_log_actions(actions):
    @actions.register_action("meetings.reschedule")
    class RescheduleActionFormatter(LogFormatter):
        label = _("Reschedule meetings")

        def format_message(self, log_entry):
            changes = log_entry.data.get("meetings", [])
            return _("Meeting times changed: %(changes)s") % {
                "changes": "; ".join(
                    _("%(topic)s: %(old)s → %(new)s")
                    % {
                        "topic": change["topic"],
                        "old": _when(change["old"]),
                        "new": _when(change["new"]),
                    }
                    for change in changes
                )
            }


def _when(times: dict) -> str:
    return formatting.format_meeting_when(
        parse_datetime(times["start"]), parse_datetime(times["end"])
    )


@hooks.register("before_serve_page")
def hide_pages_outside_their_publication_window(page, request, serve_args, serve_kwargs):
    """A page past its expiry date is gone, even before the publish_scheduled job runs."""
    if outside_publication_window(page):
        raise Http404


@hooks.register("before_serve_page")
def give_the_plugins_pages_their_kept_locale(page, request, serve_args, serve_kwargs):
    """The plugin's pages read their locale; a host's pages need not pay for it."""
    if isinstance(page, (AnnouncementIndexPage, MeetingAnnouncementPage, SchedulePage)):
        chrome.keep_locale(page, request)


@hooks.register("before_delete_snippet")
def refuse_deleting_meeting_data_in_use(request, instances):
    """Refuse, naming the announcements, to delete what a published page or a draft uses.

    Foreign keys protect published meetings only, and spheres are many-to-many.
    """
    refused = None
    for obj in instances:
        if not isinstance(obj, Sphere | Venue | Organizer):
            continue
        titles = [page.title for page in selectors.announcements_using(obj)[:10]]
        if titles:
            messages.error(
                request,
                _(
                    '"%(object)s" cannot be deleted: the announcements %(titles)s use it. '
                    "Remove it from them first."
                )
                % {"object": obj, "titles": ", ".join(f"„{t}”" for t in titles)},
            )
            refused = obj
    if refused is None:
        return None
    return redirect(f"wagtailsnippets_meetings_{refused._meta.model_name}:list")


@hooks.register("register_reports_menu_item")
def register_meetings_overview_report():
    return reports.menu_item(order=100)


@hooks.register("construct_main_menu")
def open_meetings_overview_from_meetings_data(request, menu_items):
    """The overview is also the first entry of "Meetings data", where editors look for
    meetings. The group's menu is built once and shared by all requests: copy it, never change it.
    """
    overview = reports.menu_item(order=0)
    for position, item in enumerate(menu_items):
        if item.name == MeetingsSnippetGroup.menu_name and isinstance(item, SubmenuMenuItem):
            if overview.is_shown(request):
                menu_items[position] = SubmenuMenuItem(
                    item.label,
                    Menu(items=[overview, *item.menu.registered_menu_items]),
                    name=item.name,
                    icon_name=item.icon_name,
                    classname=item.classname,
                    attrs=item.attrs,
                    order=item.order,
                )
            return


@hooks.register("construct_homepage_panels")
def add_meetings_panels_to_the_dashboard(request, panels):
    panels.extend([UpcomingMeetingsPanel(), AnnouncementsAwaitingModerationPanel()])


@hooks.register("register_admin_urls", order=-1)
def guard_wagtail_localize_urls():
    """Before wagtail-localize's own patterns, at the same addresses (its templates and
    buttons reverse its names and land here): the views that can publish, wrapped."""
    return [
        path("localize/update/<int:translation_source_id>/", update_translations),
        path("localize/page/<int:page_id>/convert_to_alias/", convert_to_alias),
    ]


@hooks.register("insert_editor_js")
def keep_watching_edits_after_a_refused_save():
    return format_html(
        '<script src="{}"></script>', versioned_static("meetings/admin/unsaved_after_refusal.js")
    )


@hooks.register("construct_admin_api")
def read_public_pages_in_the_admin_api(router):
    router.register_endpoint("pages", PagesAdminAPI)


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias_from_non_publishers(menu_items, request, context):
    page = context.get("page")
    if page is not None and not page.permissions_for_user(request.user).can_publish():
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


def _submit_translation_button(page, user, view_name=None, next_url=None):
    if page.locale_id is None or not page.permissions_for_user(user).can_edit():
        return
    if Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).exists():
        yield Button(
            _("Submit the translation for moderation"),
            reverse("meetings_submit_translation", args=[page.pk]),
            icon_name="resubmit",
            priority=65,
        )


hooks.register("register_page_listing_more_buttons", _submit_translation_button)
hooks.register("register_page_header_buttons", _submit_translation_button)


@hooks.register("before_delete_page")
def refuse_deleting_others_pages(request, page):
    """For page types that do not use ``ModeratedPageMixin`` too."""
    if not ModeratedPagePermissionTester(request.user, page).can_delete():
        return permission_denied(request)
    return None


@hooks.register("before_move_page")
def refuse_moving_to_those_who_may_not(request, page, destination):
    """Wagtail checks the move on POST only; its confirmation page is refused too."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_others_pages(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not all(isinstance(obj, Page) for obj in objects):
        return None
    if not all(ModeratedPagePermissionTester(request.user, obj).can_delete() for obj in objects):
        return permission_denied(request)
    return None


@hooks.register("before_edit_snippet", order=-1)
def refuse_changing_what_published_pages_show(request, instance):
    """Before wagtail-localize's translation editor for snippets, which would save it too."""
    meta = instance._meta
    if (
        not isinstance(instance, PUBLIC_SNIPPETS)
        or not request.user.has_perm(f"{meta.app_label}.change_{meta.model_name}")
        or may_change_snippet(request.user, instance)
    ):
        return None
    messages.error(
        request,
        _(
            '"%(object)s" is shown on published announcements: only a moderator may change it. '
            "Ask a moderator, or create a new one for your draft."
        )
        % {"object": instance},
    )
    return permission_denied(request)
