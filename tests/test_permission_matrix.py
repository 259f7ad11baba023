"""The permission matrix of the whole admin: every admin URL × every role × GET and POST.

The URLs come from Django's resolver, not from a list: a view that Wagtail, a dependency or
this project adds later is requested too, and fails the matrix until ``EXPECTED`` has a row
for it. Each role × method is one test that requests every URL, each request inside a
transaction rolled back after it, against one small world of real objects (built once for the
module, in a transaction rolled back at its end), and lists every cell that is not as expected.

Outcomes: ``allowed`` (2xx, or a redirect that is neither to the sign-in page nor Wagtail's
"Sorry, you do not have permission" redirect to the dashboard), ``denied`` (403, or one of
those two redirects), ``absent`` (404), ``not_allowed_method`` (405), ``bad_request`` (400).
A 500 is always a failure. A request that is not expected to be allowed must also write
nothing (to any table but sessions, profiles, editing sessions, renditions, page
subscriptions and previews; writes rolled back to a savepoint inside the view do not count).
``unchanged`` accepts any answer but a 500 as long as nothing was written: bulk actions answer
200 and skip the objects the user may not touch.

To see every cell's outcome: ``PERMISSION_MATRIX_DUMP=/tmp/matrix.tsv pytest this_file``.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import re
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.cache import cache as django_cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import timezone, translation
from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Locale, Page, Site, Task, UploadedFile, Workflow
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home.models import StandardPage
from meetings.models import (
    AnnouncementIndexPage,
    Consultation,
    Meeting,
    Organizer,
    Sphere,
    Venue,
    WebhookDelivery,
    WebhookSubscription,
)
from tests.factories import (
    OrganizerFactory,
    VenueFactory,
    announcement,
    english,
    meeting,
    member_of,
    polish,
    warsaw,
)
from tests.test_translation import english_for_everything, translate_tree

# --------------------------------------------------------------------------------------------
# Outcomes
# --------------------------------------------------------------------------------------------

OUTCOMES = ("allowed", "denied", "absent", "not_allowed_method", "bad_request")
ROLES = ("anonymous", "editor", "translator", "moderator")
METHODS = ("GET", "POST")


@dataclass(frozen=True)
class Expect:
    """The outcomes a cell accepts, and whether the request may change anything."""

    outcomes: frozenset
    may_change: bool = False
    name: str = ""

    def __or__(self, other: Expect) -> Expect:
        return Expect(
            self.outcomes | other.outcomes,
            self.may_change or other.may_change,
            f"{self.name} or {other.name}",
        )

    def __str__(self) -> str:
        return self.name


ALLOWED = Expect(frozenset({"allowed"}), may_change=True, name="allowed")
DENIED = Expect(frozenset({"denied"}), name="denied")
ABSENT = Expect(frozenset({"absent"}), name="absent")
NO_METHOD = Expect(frozenset({"not_allowed_method"}), name="not_allowed_method")
BAD_REQUEST = Expect(frozenset({"bad_request"}), name="bad_request")
DENIED_OR_ABSENT = DENIED | ABSENT
# A 500 is a failure, except where Wagtail's own view raises it for a request its own admin
# never sends (each row that uses this says which); nothing may be written all the same.
WAGTAIL_ERROR = Expect(frozenset({"error 500"}), name="Wagtail's own error 500")
UNCHANGED = Expect(frozenset(OUTCOMES), name="unchanged (any answer, nothing written)")


def gp(get: Expect, post: Expect) -> dict:
    """Different expectations for GET and POST."""
    return {"GET": get, "POST": post}


READ = gp(ALLOWED, NO_METHOD)  # a page to look at
ACTION = gp(NO_METHOD, ALLOWED)  # POST only
NO_ACTION = gp(NO_METHOD, DENIED)  # POST only, and refused
NO_ACTION_OR_ABSENT = gp(NO_METHOD, DENIED_OR_ABSENT)


@dataclass(frozen=True)
class Row:
    glob: str  # fnmatch on "namespace:name@target", the target being what the URL points at
    cells: dict  # role -> Expect, or role -> {"GET": Expect, "POST": Expect}

    def expected(self, role: str, method: str) -> Expect:
        cell = self.cells[role]
        return cell[method] if isinstance(cell, dict) else cell


def row(glob, *, editor, translator, moderator, anonymous=DENIED) -> Row:
    cells = {"anonymous": anonymous, "editor": editor, "translator": translator}
    return Row(glob, {**cells, "moderator": moderator})


def everyone(glob, expect, *, anonymous=DENIED) -> Row:
    """The same for every signed-in role."""
    return row(glob, editor=expect, translator=expect, moderator=expect, anonymous=anonymous)


def english_only(glob, expect) -> list[Row]:
    """Translators do it on the English tree only; editors and moderators in both languages."""
    return [
        row(f"{glob}@en*", editor=expect, translator=expect, moderator=expect),
        row(f"{glob}@*", editor=expect, translator=DENIED, moderator=expect),
    ]


A, D, DA, U = ALLOWED, DENIED, DENIED_OR_ABSENT, UNCHANGED

# --------------------------------------------------------------------------------------------
# The expected table: first matching row wins. Targets after "@": pl (a live Polish
# announcement owned by the moderator), en (its live English translation), en_draft (an
# English translation never published, owned by the translator), pl_draft_own (the editor's
# never-published draft), pl_draft_other (another editor's draft, in moderation), locked (a
# live Polish page another moderator locked), scheduled (a page with a revision scheduled),
# alias (an English alias of a Polish page), pl_index/en_index (parents), used/free (a
# snippet that a published announcement shows, or none).
# --------------------------------------------------------------------------------------------

EXPECTED: list[Row] = [
    # Anonymous: "denied everywhere, except the sign-in, sign-out, password-reset views and
    # the JavaScript catalogue, which are allowed".
    everyone("wagtailadmin_login", A, anonymous=A),
    everyone("wagtailadmin_password_reset", A, anonymous=A),
    everyone("wagtailadmin_password_reset_confirm", A, anonymous=A),
    everyone("wagtailadmin_password_reset_done", READ, anonymous=READ),
    everyone("wagtailadmin_password_reset_complete", READ, anonymous=READ),
    everyone("wagtailadmin_javascript_catalog", READ, anonymous=READ),
    # Signing out is POST only; someone not signed in is sent to sign in first (with the
    # sign-out as "next"), which is as harmless as signing out.
    everyone("wagtailadmin_logout", ACTION, anonymous=A | D),
    # Wagtail's SVG icon sprite is public: static icons, nothing to protect.
    everyone("wagtailadmin_sprite", A, anonymous=A),
    # Wagtail's "failwhale" raises an error on purpose, to show the admin's error page.
    everyone("wagtailadmin_error_test", WAGTAIL_ERROR),
    #
    # "Every signed-in role may reach the dashboard, its own account settings, search,
    # choosers it has a use for, and the pages explorer (listings)."
    everyone("wagtailadmin_home", READ),
    everyone("route:admin/test404/", READ),  # Wagtail's static "page not found" page
    everyone("route:admin/^.*/$", ABSENT),  # anything else under /admin/
    everyone("wagtailadmin_account", A),
    everyone("wagtailadmin_dismissibles", gp(D, NO_METHOD)),  # the admin's scripts PATCH it
    everyone("wagtailadmin_editing_sessions:*", ACTION),  # "who else edits" (the English page)
    everyone("wagtailadmin_pages:search*", READ),
    everyone("wagtailadmin_explore*", READ),
    everyone("wagtailadmin_pages:type_use*", READ),
    everyone("wagtailadmin_choose_page_*_link", A),
    everyone("wagtailadmin_choose_page*", READ),
    everyone("wagtailadmin_tag_*autocomplete", A),
    everyone("wagtailembeds:*", A),
    everyone("wagtailadmin_block_preview", gp(ABSENT, NO_METHOD)),  # needs its block's id
    everyone("wagtailadmin_api:*:find", gp(ABSENT, NO_METHOD)),  # needs what to find
    # The admin API shows translators the English tree, and of the Polish one only what the
    # public sees (a translated link's page, in the translation editor).
    row(
        "wagtailadmin_api:pages:detail@pl_draft_other",
        editor=READ,
        translator=gp(DA, NO_METHOD),
        moderator=READ,
    ),
    everyone("wagtailadmin_api:*:listing", READ),
    everyone("wagtailadmin_api:*:detail*", READ),
    everyone("meetings_overview*", READ),
    everyone("wagtail_localize:javascript_catalog", READ),
    everyone("wagtail_localize:snippets_api_*", READ),  # the translation editor's choosers
    everyone("wagtail_localize:translations_report*", READ),
    everyone("wagtailforms:index*", READ),  # lists no form pages: the site has none
    everyone("wagtailforms:list_submissions*", ABSENT),  # ... so a page's submissions: none
    everyone("wagtailforms:*", D),
    # Wagtail's reports (not in the rules): the locked pages for those who may unlock; the
    # others list only what the user may see.
    row("wagtailadmin_reports:locked_pages*", editor=D, translator=D, moderator=READ),
    everyone("wagtailadmin_reports:*", READ),
    # Wagtail's task chooser lists the tasks' names to anyone in the admin (harmless); it
    # creates tasks only for those who may add them (nobody here): a 400.
    everyone("wagtailadmin_workflows:task_chooser_create", gp(A, D | BAD_REQUEST)),
    everyone("wagtailadmin_workflows:task_chooser*", READ),
    everyone("wagtailadmin_workflows:task_chosen", A),
    #
    # Pages. Translators: "edit (GET/POST edit, preview, revisions view, compare) the pages
    # of the English tree only; submit them to the moderation workflow. They may NOT: create
    # pages anywhere, edit Polish pages, publish, unpublish, delete (not even English drafts),
    # move, copy, convert to alias, lock others' pages, approve/reject workflow tasks."
    # Editors: "create and edit pages in both languages; submit to moderation; delete only
    # their OWN pages that were never published; may NOT publish, unpublish, approve,
    # convert to alias, move pages." Moderators: "everything editors may, plus publish,
    # unpublish, approve/reject, lock/unlock, convert to alias" (so, like editors, they do
    # not move pages nor delete others' pages or published ones).
    row("wagtailadmin_pages:add@*", editor=A, translator=D, moderator=A),
    row("wagtailadmin_pages:add_subpage@*", editor=A, translator=D, moderator=A),
    row("wagtailadmin_pages:preview_on_add@*", editor=A, translator=D, moderator=A),
    row("meetings_import", editor=A, translator=D, moderator=A),
    # Where to create a page of a type: lists the parents the user may add to (none for a
    # translator); the creation itself is the "add" view above.
    everyone("wagtailadmin_pages:choose_parent", A),
    *english_only("wagtailadmin_pages:edit", A),
    *english_only("wagtailadmin_pages:preview_on_edit", A),
    *english_only("wagtailadmin_pages:view_draft", A),
    *english_only("wagtailadmin_pages:revisions_revert", A),  # saves a draft: editing
    *english_only("wagtailadmin_pages:revisions_view", READ),
    *english_only("wagtailadmin_pages:revisions_compare", READ),
    *english_only("wagtailadmin_pages:history*", READ),
    *english_only("wagtailadmin_pages:usage", READ),
    everyone("wagtailadmin_pages:revisions_index@*", A),  # a redirect to the history
    row("wagtailadmin_pages:workflow_history*@*", editor=READ, translator=D, moderator=READ),
    # Cancelling the workflow of a page is editing it (a Polish page here).
    # Only a confirmation dialog: a translator sees it for a Polish page, and nothing happens.
    row("wagtailadmin_pages:confirm_workflow_cancellation@*", editor=A, translator=U, moderator=A),
    row("wagtailadmin_pages:workflow_action@*", editor=D, translator=D, moderator=A),
    row("wagtailadmin_pages:collect_workflow_action_data@*", editor=D, translator=D, moderator=A),
    row(
        "wagtailadmin_pages:workflow_preview@*",
        editor=gp(D, NO_METHOD | D),
        translator=gp(D, NO_METHOD | D),
        moderator=READ,
    ),
    # Deleting: moderators any page; editors only their own never-published pages; translators
    # none ("they cannot create, publish, unpublish, delete or move pages").
    row("wagtailadmin_pages:delete@pl_draft_own", editor=A, translator=D, moderator=A),
    row("wagtailadmin_pages:delete@*", editor=D, translator=D, moderator=A),
    row("wagtailadmin_pages:unpublish@*", editor=D, translator=D, moderator=A),
    row("wagtailadmin_pages:revisions_unschedule@*", editor=D, translator=D, moderator=A),
    row("wagtailadmin_pages:set_privacy@*", editor=D, translator=D, moderator=A),
    row("wagtailadmin_pages:lock@*", editor=NO_ACTION, translator=NO_ACTION, moderator=ACTION),
    row("wagtailadmin_pages:unlock@*", editor=NO_ACTION, translator=NO_ACTION, moderator=ACTION),
    # Moving is deleting from one place: the same rule (the pages here are live).
    row(
        "wagtailadmin_pages:set_page_position@*",
        editor=NO_ACTION,
        translator=NO_ACTION,
        moderator=ACTION,
    ),
    row("wagtailadmin_pages:move*", editor=D, translator=D, moderator=A),
    # A copy is a new draft (live only for those who may publish): editors and moderators.
    # Wagtail shows its form to whoever may edit the page, but copies only where the user may
    # add pages: a translator's copy of an English page is refused by the form, unchanged.
    row("wagtailadmin_pages:copy@en", editor=A, translator=U, moderator=A),
    row("wagtailadmin_pages:copy@*", editor=A, translator=D, moderator=A),
    # Turning an alias into a page of its own is editing it: it stays as public as it was.
    everyone("wagtailadmin_pages:convert_alias@*", A),
    # The same actions through the admin API (POST only).
    everyone("wagtailadmin_api:pages:action@convert_alias:*", ACTION),
    # The API's copy keeps a live page's copy live, and an alias of a live page is live:
    # publishing. Its copy for translation needs wagtail.contrib.simple_translation's
    # permission (not installed here): translations go through wagtail-localize.
    row(
        "wagtailadmin_api:pages:action@copy:*",
        editor=NO_ACTION,
        translator=NO_ACTION_OR_ABSENT,
        moderator=ACTION,
    ),
    everyone("wagtailadmin_api:pages:action@copy_for_translation:*", NO_ACTION_OR_ABSENT),
    row(
        "wagtailadmin_api:pages:action@create_alias:*",
        editor=NO_ACTION,
        translator=NO_ACTION_OR_ABSENT,
        moderator=gp(NO_METHOD, A | BAD_REQUEST),
    ),
    row(
        "wagtailadmin_api:pages:action@delete:*",
        editor=NO_ACTION_OR_ABSENT,
        translator=NO_ACTION_OR_ABSENT,
        moderator=ACTION,
    ),
    everyone("wagtailadmin_api:pages:action@move:*", NO_ACTION_OR_ABSENT),
    row(
        "wagtailadmin_api:pages:action@publish:*",
        editor=NO_ACTION,
        translator=NO_ACTION_OR_ABSENT,
        moderator=ACTION,
    ),
    row(
        "wagtailadmin_api:pages:action@unpublish:*",
        editor=NO_ACTION,
        translator=NO_ACTION_OR_ABSENT,
        moderator=ACTION,
    ),
    everyone("wagtailadmin_api:pages:action@revert_to_page_revision:*", ACTION),  # a draft
    # Bulk actions answer everyone and skip what the user may not touch.
    everyone("wagtail_bulk_action@auth.*", D),
    row("wagtail_bulk_action@wagtailcore.page.publish", editor=U, translator=U, moderator=A),
    row("wagtail_bulk_action@wagtailcore.page.unpublish", editor=U, translator=U, moderator=A),
    row("wagtail_bulk_action@wagtailcore.page.delete", editor=U, translator=U, moderator=A),
    everyone("wagtail_bulk_action@wagtailcore.page.*", U),  # delete (an English draft), move
    everyone("wagtail_bulk_action@meetings.sphere.*", U),
    # (one in use: refused by the safe-editing rule, see below)
    row("wagtail_bulk_action@meetings.*.delete", editor=U, translator=U, moderator=A | D),
    # Images and documents: Wagtail's initial data gives its Editors and Moderators groups
    # (renamed Redaktorzy and Moderatorzy) add, change and delete; translators only choose
    # images.
    row("wagtail_bulk_action@wagtail*", editor=A, translator=U, moderator=A),
    #
    # Translations. Translators "use wagtail-localize's translation editor on English pages
    # (edit strings, overrides, preview, download/upload PO); may NOT submit translations or
    # sync translated pages". Editors "submit translations and sync translated pages WITHOUT
    # publishing"; moderators sync with publish and convert to alias.
    row("wagtail_localize:submit_*", editor=A, translator=D, moderator=A),
    row("wagtail_localize:update_translations", editor=A, translator=D, moderator=A),
    row("wagtail_localize:convert_to_alias@*", editor=D, translator=D, moderator=A),
    # Stopping the sync of a translation makes it an ordinary page that its translator edits in
    # Wagtail's editor and submits for moderation: it publishes nothing.
    everyone("wagtail_localize:stop_translation", ACTION),
    everyone("wagtail_localize:edit_*", NO_METHOD),  # the editor's PUT/DELETE endpoints
    everyone("wagtail_localize:download_pofile", A),
    everyone("wagtail_localize:upload_pofile", ACTION),
    everyone("wagtail_localize:preview_translation", A),
    everyone("wagtail_localize:machine_translate", gp(NO_METHOD, ABSENT)),  # none configured
    everyone("meetings_submit_translation@*", A),  # an English page to the moderators
    row("meetings_translation_action@*", editor=A, translator=D, moderator=A),
    #
    # "still not users/groups/sites/locales/workflows/settings", redirects, collections.
    everyone("wagtailadmin_collections:delete", DA),
    everyone("wagtailadmin_collections:*", D),
    everyone("wagtailadmin_workflows:enable*", NO_ACTION),
    everyone("wagtailadmin_workflows:remove*", NO_ACTION),
    everyone("wagtailadmin_workflows:*", D),
    everyone("wagtailredirects:*", D),
    # Webhooks and their delivery log are the administrators' (superusers) only.
    everyone("webhooks:*", D),
    everyone("webhook_deliveries:*", D),
    everyone("wagtaillocales:*", D),
    everyone("wagtailsites:*", D),
    everyone("wagtailusers_*", D),
    everyone("wagtailsnippets:index", D),  # the meetings' snippets are under "Meetings data"
    #
    # Images and documents have no drafts: editors add and choose them and change or delete
    # their own uploads only (the world's image and document are not theirs); moderators
    # change any; translators choose them.
    row("wagtailimages_chooser:create", editor=A, translator=D, moderator=A),
    everyone("wagtailimages_chooser:select_format", A),
    everyone("wagtailimages_chooser:*", READ),
    # (the URL generator needs Wagtail's image serve view, which the site does not mount)
    row(
        "wagtailimages:url_generator*",
        editor=gp(ABSENT, NO_METHOD),
        translator=D,
        moderator=gp(ABSENT, NO_METHOD),
    ),
    row(
        "wagtailimages:add_multiple",
        editor=gp(A, BAD_REQUEST),
        translator=D,
        moderator=gp(A, BAD_REQUEST),
    ),
    row(
        "wagtailimages:delete_upload_multiple",  # the editor's own upload, not yet saved
        editor=ACTION,
        translator=NO_ACTION,
        moderator=ACTION,
    ),
    row("wagtailimages:*_multiple", editor=NO_ACTION, translator=NO_ACTION, moderator=ACTION),
    row("wagtailimages:*_multiple*", editor=ACTION, translator=NO_ACTION, moderator=ACTION),
    row("wagtailimages:index*", editor=READ, translator=D, moderator=READ),
    row("wagtailimages:image_usage", editor=D, translator=D, moderator=READ),
    row("wagtailimages:add", editor=A, translator=D, moderator=A),
    row("wagtailimages:*", editor=D, translator=D, moderator=A),
    # Documents: the same.
    row("wagtaildocs_chooser:create", editor=A, translator=D, moderator=A),
    everyone("wagtaildocs_chooser:*", READ),
    row(
        "wagtaildocs:add_multiple",
        editor=gp(A, BAD_REQUEST),
        translator=D,
        moderator=gp(A, BAD_REQUEST),
    ),
    # The uploader's own duplicate upload, completed by an empty POST its page never sends:
    # Wagtail's form has no "file" field to report the error on.
    row(
        "wagtaildocs:create_multiple_from_uploaded_document",
        editor=gp(NO_METHOD, WAGTAIL_ERROR),
        translator=NO_ACTION,
        moderator=gp(NO_METHOD, WAGTAIL_ERROR),
    ),
    row(
        "wagtaildocs:delete_upload_multiple",  # the editor's own upload, not yet saved
        editor=ACTION,
        translator=NO_ACTION,
        moderator=ACTION,
    ),
    row("wagtaildocs:*_multiple", editor=NO_ACTION, translator=NO_ACTION, moderator=ACTION),
    row("wagtaildocs:*_multiple*", editor=ACTION, translator=NO_ACTION, moderator=ACTION),
    row("wagtaildocs:index*", editor=READ, translator=D, moderator=READ),
    row("wagtaildocs:document_usage", editor=D, translator=D, moderator=READ),
    row("wagtaildocs:add", editor=A, translator=D, moderator=A),
    row("wagtaildocs:*", editor=D, translator=D, moderator=A),
    #
    # Meetings data. Spheres: editors and translators view them; moderators "change spheres";
    # nobody adds or deletes one (the legal list is loaded by a migration).
    row("wagtailsnippetchoosers_meetings_sphere:create", editor=D, translator=D, moderator=D),
    everyone("wagtailsnippets_meetings_sphere:list*", READ),
    row("wagtailsnippets_meetings_sphere:edit*", editor=D, translator=D, moderator=A),
    row("wagtailsnippets_meetings_sphere:usage*", editor=D, translator=D, moderator=READ),
    row("wagtailsnippets_meetings_sphere:history*", editor=D, translator=D, moderator=READ),
    everyone("wagtailsnippets_meetings_sphere:*", D),
    # Venues, organisers, consultations: editors "add venues, organisers, consultations and
    # change those not used by a published announcement"; translators view them only;
    # moderators change any and delete them ("delete venues/organisers/consultations"); one
    # in use is refused by the safe-editing rule (tests/test_safe_editing.py), either way.
    # Wagtail's snippet chooser has no creation form here; a POST that its modal never sends
    # finds none (None.is_valid).
    row(
        "wagtailsnippetchoosers_meetings_*:create",
        editor=gp(A, WAGTAIL_ERROR),
        translator=D,
        moderator=gp(A, WAGTAIL_ERROR),
    ),
    everyone("wagtailsnippetchoosers_meetings_*", READ),
    everyone("wagtailsnippets_meetings_*:list*", READ),
    row("wagtailsnippets_meetings_*:edit@used", editor=D, translator=D, moderator=A),
    row("wagtailsnippets_meetings_*:edit@*", editor=A, translator=D, moderator=A),
    row("wagtailsnippets_meetings_*:delete@used", editor=D, translator=D, moderator=A | D),
    row("wagtailsnippets_meetings_*:delete@*", editor=D, translator=D, moderator=A),
    row("wagtailsnippets_meetings_*:usage*", editor=READ, translator=D, moderator=READ),
    row("wagtailsnippets_meetings_*:history*", editor=READ, translator=D, moderator=READ),
    row("wagtailsnippets_meetings_*:add", editor=A, translator=D, moderator=A),
    row("wagtailsnippets_meetings_*:copy*", editor=A, translator=D, moderator=A),
]


# --------------------------------------------------------------------------------------------
# The world the URLs point into
# --------------------------------------------------------------------------------------------


@dataclass
class World:
    users: dict
    pages: dict
    objects: dict  # model -> [(label, instance)]
    extra: dict


def _translate_snippet(instance):
    from meetings.translation import translate

    translate(instance, locale=english(), strings=english_for_everything(instance))


def _translate_strings(source):
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=english(),
            context=segment.context,
            defaults={
                "data": f"EN {segment.string.data}",
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )


def translate_as_draft(page, *, owner=None):
    """An English translation of ``page`` made by wagtail-localize, saved, never published
    (its parent must have been translated already)."""
    for organizer_link in page.organizer_links.all():
        if not organizer_link.organizer.has_translation(english()):
            _translate_snippet(organizer_link.organizer)
    for m in page.meetings.all():
        if m.venue and not m.venue.has_translation(english()):
            _translate_snippet(m.venue)
    source, _created = TranslationSource.update_or_create_from_instance(page)
    _translate_strings(source)
    translation_ = Translation.objects.create(source=source, target_locale=english())
    translation_.save_target(publish=False)
    draft = Page.objects.get(translation_key=page.translation_key, locale=english()).specific
    draft.owner = owner
    draft.save(update_fields=["owner"], clean=False)
    return draft


def build_world() -> World:
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = AnnouncementIndexPage(title="Ogłoszenia (macierz)", slug="ogloszenia-macierz")
    home.add_child(instance=index)
    index.save_revision().publish()
    users = {
        "editor": member_of("Redaktorzy", "macierz-redaktorka"),
        "translator": member_of("Tłumacze", "macierz-tlumaczka"),
        "moderator": member_of("Moderatorzy", "macierz-moderator"),
        "other_editor": member_of("Redaktorzy", "macierz-redaktor2"),
        "chief": member_of("Moderatorzy", "macierz-moderatorka2"),
    }
    editor, translator, moderator = users["editor"], users["translator"], users["moderator"]
    for user in users.values():
        UserProfile.get_for_user(user)  # made once here rather than by every request

    collection = Collection.get_first_root_node().add_child(name="Materiały wydziału")
    image = get_image_model().objects.create(
        title="Plakat spotkania", file=get_test_image_file(), collection=collection
    )
    image.tags.add("plakat")
    document = get_document_model().objects.create(
        title="Protokół",
        file=ContentFile(b"%PDF-1.4 protokol", name="protokol.pdf"),
        collection=collection,
    )

    venue_used, venue_free = VenueFactory(name="Sala Obrad"), VenueFactory(name="Sala wolna")
    organizer_free = OrganizerFactory(name="Wydział bez ogłoszeń")
    consultation_used = Consultation.objects.create(title="Program 2026", locale=polish())
    consultation_free = Consultation.objects.create(title="Bez ogłoszeń", locale=polish())
    _translate_snippet(consultation_used)

    # The live Polish announcement, owned by the moderator, and its live English translation.
    pl = announcement(
        index,
        title="Spotkania branżowe 2026",
        meetings=[meeting(start=warsaw(2058, 6, 10), venue=venue_used)],
        consultation=consultation_used,
        owner=moderator,
        body=[
            ("paragraph", RichText('<p>Zobacz <a href="https://www.krakow.pl/">portal</a>.</p>')),
            ("image", {"image": image, "alt_text": "Plakat", "decorative": False, "caption": ""}),
            ("call_to_action", {"text": "Zapisy", "page": None, "url": "https://example.org/"}),
        ],
    )
    en = translate_tree(pl)
    en_index = en.get_parent().specific
    en_home = en_index.get_parent().specific

    # Another live Polish announcement, locked by another moderator; its English translation
    # is a draft (made by wagtail-localize, never published) that the translator owns.
    pl2 = announcement(index, title="Spotkania branżowe — drugie", owner=users["chief"])
    en_draft = translate_as_draft(pl2, owner=translator)
    pl2.locked, pl2.locked_by, pl2.locked_at = True, users["chief"], timezone.now()
    pl2.save(update_fields=["locked", "locked_by", "locked_at"], clean=False)

    # Drafts: the editor's own, never published; another editor's, in moderation.
    pl_draft_own = announcement(index, title="Szkic redaktorki", owner=editor, publish=False)
    pl_draft_other = announcement(
        index, title="Szkic redaktora", owner=users["other_editor"], publish=False
    )
    workflow = pl_draft_other.get_workflow()
    workflow_state = workflow.start(pl_draft_other, users["other_editor"])
    task = workflow.tasks.first().specific

    # A standard page with a revision scheduled for next month, and its English alias.
    standard = StandardPage(title="O konsultacjach", slug="o-konsultacjach", owner=moderator)
    home.add_child(instance=standard)
    standard.save_revision(user=moderator).publish(user=moderator)
    standard = StandardPage.objects.get(pk=standard.pk)
    standard.go_live_at = timezone.now() + timedelta(days=30)
    scheduled = standard.save_revision(user=moderator)
    scheduled.publish(user=moderator)
    alias = standard.create_alias(parent=en_home, update_locale=english(), user=moderator)

    site = Site.objects.get(is_default_site=True)
    redirect = Redirect.objects.create(old_path="/stare-ogloszenie", redirect_link="/", site=site)
    source = TranslationSource.objects.get_for_instance(pl)
    page_type = ContentType.objects.get_for_model(Page)
    sessions, uploads = {}, {}
    for role in ("editor", "translator", "moderator"):
        sessions[role] = EditingSession.objects.create(
            user=users[role],
            content_type=page_type,
            object_id=str(en.pk),
            last_seen_at=timezone.now(),
        )
    for role in ("editor", "moderator"):  # those who may upload
        for kind, model in (("image", get_image_model()), ("document", get_document_model())):
            uploads[role, kind] = UploadedFile.objects.create(
                for_content_type=ContentType.objects.get_for_model(model),
                file=ContentFile(b"upload", name=f"{role}-{kind}.txt"),
                uploaded_by_user=users[role],
            )

    pages = {
        "root": Page.get_first_root_node(),
        "pl_index": index,
        "en_index": en_index,
        "pl": pl,
        "en": en,
        "locked": pl2,
        "en_draft": en_draft,
        "pl_draft_own": pl_draft_own,
        "pl_draft_other": pl_draft_other,
        "in_moderation": pl_draft_other,
        "scheduled": standard,
        "alias": alias,
    }
    subscription = WebhookSubscription.objects.create(
        name="Portal", url="https://93.184.215.14/hooks"
    )
    delivery = WebhookDelivery.objects.create(
        subscription=subscription,
        message_id="msg_matrix",
        event="meeting.upsert",
        item_type="meeting",
        item_id=1,
        locale="pl",
        payload="{}",
    )
    objects = {
        Venue: [("used", venue_used), ("free", venue_free)],
        Organizer: [("used", pl.organizer_links.first().organizer), ("free", organizer_free)],
        Consultation: [("used", consultation_used), ("free", consultation_free)],
        Sphere: [("", Sphere.objects.get(locale=polish(), number="15"))],
        Locale: [("", english())],
        Site: [("", site)],
        type(editor): [("", users["other_editor"])],
        Group: [("", Group.objects.get(name="Redaktorzy"))],
        Collection: [("", collection)],
        Redirect: [("", redirect)],
        get_image_model(): [("", image)],
        get_document_model(): [("", document)],
        Workflow: [("", workflow)],
        Task: [("", task)],
        WebhookSubscription: [("", subscription)],
        WebhookDelivery: [("", delivery)],
    }
    extra = {
        "workflow_state": workflow_state,
        "task_state": workflow_state.current_task_state,
        "scheduled_revision": scheduled,
        "source": source,
        "translation": Translation.objects.get(source=source, target_locale=english()),
        "string_segment": StringSegment.objects.filter(source=source).first(),
        "overridable_segment": OverridableSegment.objects.filter(source=source).first(),
        "sessions": sessions,
        "uploads": uploads,
    }

    assert pl.live and en.live and Page.objects.get(pk=pl2.pk).live
    assert not Page.objects.get(pk=en_draft.pk).live
    assert not pl_draft_own.live and not pl_draft_other.live
    assert not Page.objects.get(pk=en_draft.pk).locked
    assert en_draft.permissions_for_user(translator).can_edit()
    assert extra["string_segment"] and extra["overridable_segment"]
    return World(users=users, pages=pages, objects=objects, extra=extra)


# --------------------------------------------------------------------------------------------
# The admin's URLs, and the values of their arguments
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdminURL:
    key: str  # "namespace:name", or "route:<route>" for a pattern without a name
    name: str | None  # what reverse() takes
    route: str
    kwargs: tuple
    callback: object


@cache
def admin_urls() -> tuple[AdminURL, ...]:
    """Every pattern under admin/. An unnamed pattern with the route of a named one (an
    override of that view, registered before it) is requested under the name."""
    found = []

    def walk(resolver, prefix, namespace, kwarg_names):
        for pattern in resolver.url_patterns:
            names = kwarg_names + _kwarg_names(pattern.pattern)
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern, route, inner, names)
            elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
                name = pattern.name and (
                    f"{namespace}:{pattern.name}" if namespace else pattern.name
                )
                key = name or f"route:{route}"
                found.append(AdminURL(key, name, route, names, pattern.callback))

    walk(get_resolver(), "", None, ())
    named_routes = {url.route for url in found if url.name}
    return tuple(url for url in found if url.name or url.route not in named_routes)


def _kwarg_names(pattern) -> tuple:
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return tuple(pattern.regex.groupindex)
    return ()


# Addresses of unnamed regular-expression patterns.
UNNAMED_PATHS = {"admin/^.*/$": "/admin/no-such-admin-view/"}

# Which pages a page URL is requested for (first matching row): where the rule differs by
# language, owner or state, every page that tells the cases apart.
PAGE_TARGETS = [
    ("wagtailadmin_pages:delete", ("pl", "en", "en_draft", "pl_draft_other", "pl_draft_own")),
    ("wagtailadmin_pages:unlock", ("locked",)),
    ("wagtailadmin_pages:convert_alias", ("alias",)),
    ("wagtailadmin_pages:revisions_unschedule", ("scheduled",)),
    ("wagtailadmin_pages:*workflow*", ("in_moderation",)),
    ("wagtail_localize:convert_to_alias", ("en_draft",)),
    ("wagtail_localize:submit_page_translation", ("pl",)),
    ("meetings_translation_action", ("pl",)),  # from a source page
    ("meetings_submit_translation", ("en", "en_draft")),  # a translated page
    ("wagtailadmin_pages:add*", ("pl_index", "en_index")),
    ("wagtailadmin_pages:preview_on_add", ("pl_index", "en_index")),
    ("wagtailadmin_workflows:remove", ("root",)),
    ("wagtailadmin_explore*", ("pl_index",)),
    ("wagtailadmin_choose_page_child", ("pl_index",)),
    ("wagtailforms:*", ("pl",)),
    ("wagtailadmin_api:pages:detail", ("pl", "en", "pl_draft_other")),
    ("*", ("pl", "en")),
]
PAGE_KWARGS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk"}

# The admin API's page actions, each on the page that tests its rule.
API_ACTION_TARGETS = {
    "publish": "en_draft",
    "unpublish": "en",
    "delete": "en_draft",
    "convert_alias": "alias",
    "copy_for_translation": "pl_draft_own",
    "revert_to_page_revision": "en",
}
# Bulk actions on pages: the page each acts on (others: "pl").
BULK_PAGE_TARGETS = {"publish": "en_draft", "unpublish": "en", "delete": "en_draft"}


# POST bodies: empty, except where Wagtail's view fails (500) on a body without its form's
# own fields, before it says anything about permission; there, the fewest fields that get
# past that (the forms are still invalid, or do what the table says the role may do).
def _stream_counter(world, page):
    return {"body-count": "0"}


def _po_file(world):
    """An empty PO file for the English translation (wagtail-localize reads its header)."""
    uuid = world.extra["translation"].uuid
    text = f'msgid ""\nmsgstr ""\n"X-WagtailLocalize-TranslationID: {uuid}\\n"\n'
    return SimpleUploadedFile("en.po", text.encode())


POST_BODIES = [
    ("wagtailadmin_pages:add@*", _stream_counter),
    ("wagtailadmin_pages:edit@*", _stream_counter),
    ("wagtailadmin_pages:revisions_revert@*", _stream_counter),
    (
        "wagtailadmin_pages:copy@*",
        lambda world, page: {
            "new_title": "Kopia",
            "new_slug": f"kopia-{page.pk}",
            "new_parent_page": page.get_parent().pk,
        },
    ),
    (
        "wagtailadmin_choose_page_external_link",
        lambda world, page: {"external-link-chooser-url": "https://www.krakow.pl/"},
    ),
    ("wagtail_localize:upload_pofile", lambda world, page: {"file": _po_file(world)}),
    (
        "wagtailadmin_api:pages:action@copy_for_translation:*",
        lambda world, page: {"locale": "en"},
    ),
    (
        "wagtailadmin_api:pages:action@move:*",
        lambda world, page: {"destination_page_id": page.get_parent().pk},
    ),
    (
        "wagtailadmin_api:pages:action@revert_to_page_revision:*",
        lambda world, page: {"revision_id": page.get_latest_revision().pk},
    ),
]


@dataclass
class Case:
    url: AdminURL
    variant: str
    path: str
    page: Page | None = None

    @property
    def label(self) -> str:
        return f"{self.url.key}@{self.variant}" if self.variant else self.url.key

    def body(self, world: World) -> dict:
        for glob, make in POST_BODIES:
            if fnmatch.fnmatchcase(self.label, glob):
                return make(world, self.page)
        return {}


def page_labels(key: str) -> tuple:
    return next(labels for glob, labels in PAGE_TARGETS if fnmatch.fnmatchcase(key, glob))


def cases_for(url: AdminURL, world: World, role: str) -> list[Case]:
    """Every address ``url`` is requested at, each labelled with what it points at."""
    if url.name is None and url.route in UNNAMED_PATHS:
        return [Case(url, "", UNNAMED_PATHS[url.route])]
    names, key = set(url.kwargs), url.key
    variants: list[tuple[str, dict, dict, Page | None]] = []  # (label, kwargs, query, page)

    if key == "wagtail_bulk_action":
        bulk_action_registry.get_bulk_actions_for_model("", "")  # it fills itself lazily
        for app_label, by_model in sorted(bulk_action_registry.actions.items()):
            for model_name, actions in sorted(by_model.items()):
                for action in sorted(actions):
                    target = _bulk_target(world, app_label, model_name, action)
                    kwargs = {"app_label": app_label, "model_name": model_name, "action": action}
                    label = f"{app_label}.{model_name}.{action}"
                    variants.append((label, kwargs, {"id": target.pk}, None))
    elif key == "wagtailadmin_api:pages:action":
        for action in sorted(url.callback.cls.actions):
            target = API_ACTION_TARGETS.get(action, "pl")
            page = world.pages[target]
            kwargs = {"pk": page.pk, "action_name": action}
            variants.append((f"{action}:{target}", kwargs, {}, page))
    elif (
        names & PAGE_KWARGS
        or names == {"pk", "revision_id_a", "revision_id_b"}
        or (key.startswith("wagtailadmin_api:pages:") and "pk" in names)
    ):
        for label in page_labels(key):
            page = world.pages[label]
            kwargs = {name: _value(name, key, world, role, page) for name in url.kwargs}
            variants.append((label, kwargs, {}, page))
    elif "pk" in names and (model := _pk_model(url)) is not None:
        if model not in world.objects:
            raise LookupError(
                f"the world has no {model.__name__} for {key}: add it to build_world()"
            )
        targets = world.objects[model]
        if not fnmatch.fnmatchcase(key, "*:edit") and not fnmatch.fnmatchcase(key, "*:delete"):
            targets = targets[:1]  # only changing and deleting depend on which one it is
        for label, obj in targets:
            kwargs = {n: _value(n, key, world, role, None) for n in url.kwargs if n != "pk"}
            variants.append((label, {**kwargs, "pk": obj.pk}, {}, None))
    else:
        kwargs = {name: _value(name, key, world, role, None) for name in url.kwargs}
        variants.append(("", kwargs, {}, None))

    cases = []
    for label, kwargs, query, page in variants:
        path = reverse(url.name, kwargs=kwargs) if url.name else fill_route(url.route, kwargs)
        if query:
            path += "?" + urlencode(query)
        cases.append(Case(url, label, path, page))
    return cases


def fill_route(route: str, kwargs: dict) -> str:
    """The address of an unnamed pattern: its route with its arguments' values."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(kwargs[match.group(1)]), route)
    if re.search(r"[\^$()\\*?\[]", path):
        raise LookupError(f"no address for the unnamed pattern {route!r}: add it to UNNAMED_PATHS")
    return "/" + path


def _pk_model(url: AdminURL):
    if url.key.startswith("wagtailadmin_workflows:"):
        return Task if "task" in url.key else Workflow
    if url.key.startswith("wagtailadmin_api:images:"):
        return get_image_model()
    if url.key.startswith("wagtailadmin_api:documents:"):
        return get_document_model()
    if url.key.startswith("wagtail_localize:"):
        return Venue  # its snippet views, for a venue
    if url.key.startswith("webhooks:"):  # the viewset's own views (rotating the secret) too
        return WebhookSubscription
    if url.key.startswith("webhook_deliveries:"):
        return WebhookDelivery
    initkwargs = getattr(url.callback, "view_initkwargs", None) or {}
    model = initkwargs.get("model") or getattr(
        getattr(url.callback, "view_class", None), "model", None
    )
    if isinstance(model, str):
        model = apps.get_model(model)
    if isinstance(model, type) and issubclass(model, models.Model):
        return model
    return None


def _bulk_target(world: World, app_label: str, model_name: str, action: str):
    model = apps.get_model(app_label, model_name)
    if issubclass(model, Page):
        return world.pages[BULK_PAGE_TARGETS.get(action, "pl")]
    if model not in world.objects:
        raise LookupError(f"the world has no {model.__name__} for its bulk actions")
    return world.objects[model][0][1]


def _value(name: str, key: str, world: World, role: str, page):
    """The value of the argument ``name`` of the URL ``key`` (``page``: the page it is for)."""
    x = world.extra
    if name in PAGE_KWARGS or name == "pk":
        if page is None:
            raise LookupError(f"no object for the argument {name!r} of {key}: see cases_for()")
        return page.pk
    match name:
        case "destination_id":
            return page.get_parent().pk
        case "revision_id":
            if key == "wagtailadmin_pages:revisions_unschedule":
                return x["scheduled_revision"].pk
            return page.get_latest_revision().pk
        case "revision_id_a":
            return "earliest"
        case "revision_id_b":
            return "latest"
        case "content_type_app_name":
            return "meetings"
        case "content_type_model_name":
            return "meetingannouncementpage"
        case "action_name":
            return "approve"
        case "task_state_id":
            return x["task_state"].pk
        case "task_id":
            return world.objects[Task][0][1].pk
        case "workflow_state_id":
            return x["workflow_state"].pk
        case "workflow_pk":
            return world.objects[Workflow][0][1].pk
        case "object_id":
            return str(world.pages["en"].pk)
        case "session_id":  # one's own editing session
            return x["sessions"][role if role in x["sessions"] else "editor"].pk
        case "uploaded_file_id":  # one's own upload; others' for those who may not upload
            owner = role if (role, "image") in x["uploads"] else "editor"
            return x["uploads"][owner, "image" if "image" in key else "document"].pk
        case "image_id":
            return world.objects[get_image_model()][0][1].pk
        case "document_id" | "doc_id":
            return world.objects[get_document_model()][0][1].pk
        case "filter_spec":
            return "fill-80x80"
        case "collection_id":
            return world.objects[Collection][0][1].pk
        case "redirect_id":
            return world.objects[Redirect][0][1].pk
        case "language_code":
            return "en"
        case "translation_source_id":
            return x["source"].pk
        case "translation_id":
            return x["translation"].pk
        case "string_segment_id":
            return x["string_segment"].pk
        case "overridable_segment_id":
            return x["overridable_segment"].pk
        case "mode":
            return "portal"
        case "uidb64":
            return "MQ"
        case "token":
            return "set-password"
        case "app_label" | "model_name" | "app_name":
            return _model_argument(name, key)
    raise LookupError(f"no value for the argument {name!r} of {key}: add it to _value()")


def _model_argument(name: str, key: str) -> str:
    app_label, model_name = {
        "wagtailadmin_pages:choose_parent": ("meetings", "meetingannouncementpage"),
        "wagtailadmin_workflows:add_task": ("wagtailcore", "groupapprovaltask"),
        "wagtailadmin_editing_sessions:ping": ("wagtailcore", "page"),
        "wagtailadmin_tag_model_autocomplete": ("taggit", "tag"),
        "wagtail_localize:submit_snippet_translation": ("meetings", "venue"),
        "wagtail_localize:snippets_api_listing": ("meetings", "venue"),
        "wagtail_localize:snippets_api_detail": ("meetings", "venue"),
    }.get(key, (None, None))
    if app_label is None:
        raise LookupError(f"no model for the arguments of {key}: add it to _model_argument()")
    return model_name if name == "model_name" else app_label


# --------------------------------------------------------------------------------------------
# Requesting and classifying
# --------------------------------------------------------------------------------------------


@cache
def permission_denied_messages() -> frozenset:
    """Wagtail's permission_denied() message (wagtail/admin/auth.py), in every admin language."""
    codes = {code for code, _name in settings.LANGUAGES} | {"en"}
    codes |= {code for code, _name in getattr(settings, "WAGTAILADMIN_PERMITTED_LANGUAGES", ())}
    texts = set()
    for code in codes:
        with translation.override(code):
            texts.add(translation.gettext("Sorry, you do not have permission to access this area."))
    return frozenset(texts)


def classify(response) -> str:
    status = response.status_code
    if status >= 500:
        return f"error {status}"
    if status in (401, 403):
        return "denied"
    if status == 404:
        return "absent"
    if status == 405:
        return "not_allowed_method"
    if status == 400:
        return "bad_request"
    if 300 <= status < 400:
        location = urlsplit(response["Location"])
        if location.path == reverse("wagtailadmin_login") and "next" in parse_qs(location.query):
            return "denied"
        if location.path == reverse("wagtailadmin_home"):
            storage = get_messages(response.wsgi_request)
            said = {str(m).strip() for m in getattr(storage, "_queued_messages", storage)}
            if said & permission_denied_messages():
                return "denied"
        return "allowed"
    if 200 <= status < 300:
        return "allowed"
    return f"status {status}"


# Tables any request may write to: sessions, the user's profile, editing sessions, sign-in
# attempts, image renditions, page subscriptions (opening an editor), headless previews.
BOOKKEEPING_TABLES = (
    "django_session",
    "wagtailusers_userprofile",
    "wagtailadmin_editingsession",
    "wagtailimages_rendition",
    "wagtailcore_pagesubscription",
    "meetings_headlesspreview",
)
BOOKKEEPING_PREFIXES = ("axes_",)
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE)
SAVEPOINT = re.compile(r'^\s*SAVEPOINT\s+"?(\w+)"?', re.IGNORECASE)
RELEASE = re.compile(r'^\s*RELEASE\s+SAVEPOINT\s+"?(\w+)"?', re.IGNORECASE)
ROLLBACK_TO = re.compile(r'^\s*ROLLBACK\s+TO\s+SAVEPOINT\s+"?(\w+)"?', re.IGNORECASE)


def tables_written(queries) -> list[str]:
    """The tables ``queries`` wrote to and kept (not rolled back to a savepoint), bookkeeping
    aside."""
    levels: list[tuple[str | None, list]] = [(None, [])]
    for query in queries:
        sql = query["sql"]
        if match := SAVEPOINT.match(sql):
            levels.append((match.group(1), []))
        elif (match := RELEASE.match(sql)) or (match := ROLLBACK_TO.match(sql)):
            names = [name for name, _writes in levels]
            if match.group(1) not in names:
                continue
            at = names.index(match.group(1))
            kept = [table for _name, writes in levels[at:] for table in writes]
            del levels[at:]
            if match.re is RELEASE:
                levels[-1][1].extend(kept)
        elif match := WRITE.match(sql):
            levels[-1][1].append(match.group(1))
    written = []
    for _name, writes in levels:
        for table in writes:
            if table in BOOKKEEPING_TABLES or table.startswith(BOOKKEEPING_PREFIXES):
                continue
            if table not in written:
                written.append(table)
    return written


def expected_for(label: str, role: str, method: str) -> Expect | None:
    for entry in EXPECTED:
        if fnmatch.fnmatchcase(label, entry.glob):
            return entry.expected(role, method)
    return None


@dataclass
class Cell:
    label: str
    path: str
    role: str
    method: str
    expected: str
    got: str

    def __str__(self) -> str:
        return (
            f"{self.label} {self.method} as {self.role}: expected {self.expected}, "
            f"got {self.got}  [{self.path}]"
        )


def all_cases(world: World, role: str, method: str, problems: list) -> list[Case]:
    cases = []
    for url in admin_urls():
        try:
            cases.extend(cases_for(url, world, role))
        except LookupError as error:
            problems.append(Cell(url.key, url.route, role, method, "an address", str(error)))
    return cases


def run_matrix(world: World, role: str, method: str) -> tuple[list[Cell], int]:
    client = Client(raise_request_exception=False)
    user = world.users.get(role)
    if user is not None:
        client.force_login(user)
    dump = os.environ.get("PERMISSION_MATRIX_DUMP")
    mismatches: list[Cell] = []
    requests = 0
    for case in all_cases(world, role, method, mismatches):
        expect = expected_for(case.label, role, method)
        if expect is None:
            advice = "no row matches: add one to EXPECTED in tests/test_permission_matrix.py"
            mismatches.append(Cell(case.label, case.path, role, method, "a row", advice))
            if not dump:
                continue
        data = case.body(world) if method == "POST" else None
        started = time.perf_counter()
        watch = expect is None or not expect.may_change
        capture = CaptureQueriesContext(connection) if watch else contextlib.nullcontext([])
        with transaction.atomic(), capture as queries:
            if method == "POST":
                response = client.post(case.path, data)
            else:
                response = client.get(case.path)
            transaction.set_rollback(True)
        took = time.perf_counter() - started
        requests += 1
        client.cookies.pop("messages", None)  # what this request said stays with it
        if method == "POST":
            django_cache.clear()  # nothing cached from what was rolled back
        if user is not None and not response.wsgi_request.user.is_authenticated:
            client.force_login(user)  # it signed out
        got = classify(response)
        written = tables_written(queries) if watch else []
        if written:
            more = f" and {len(written) - 4} more" if len(written) > 4 else ""
            got = f"{got}, and it wrote to {', '.join(written[:4])}{more}"
        if response.status_code >= 500 and getattr(response, "exc_info", None):
            got += f" ({response.exc_info[1]!r})"
        if dump:
            with open(dump, "a") as out:
                out.write(
                    f"{case.label}\t{role}\t{method}\t{got}\t{response.status_code}\t"
                    f"{case.path}\t{response.get('Location', '')}\t{took:.3f}\n"
                )
        if expect is not None and got.split(" (", 1)[0] not in expect.outcomes:
            mismatches.append(Cell(case.label, case.path, role, method, str(expect), got))
    return mismatches, requests


# --------------------------------------------------------------------------------------------
# The holes being closed now, one by one
# --------------------------------------------------------------------------------------------


def _reload(page):
    return Page.objects.get(pk=page.pk).specific


def _meeting_rows(page):
    return list(Meeting.objects.filter(page=page).order_by("pk").values_list("topic", "start"))


@pytest.fixture
def changed_sources(index, moderator):
    """Two live Polish announcements changed (and fully translated) since their English
    versions were made: one live in English, one an English draft never published."""
    pl = announcement(index, title="Spotkania branżowe")
    en = translate_tree(pl)
    pl2 = announcement(index, title="Spotkania branżowe — drugie")
    en_draft = translate_as_draft(pl2)
    for page in (pl, pl2):
        page = _reload(page)
        page.title += " (zmienione)"
        page.save_revision(user=moderator).publish(user=moderator)
        source = TranslationSource.objects.get_for_instance(page)
        source.update_from_db()
        _translate_strings(source)
    return pl, en, pl2, en_draft


def sync_with_publish(client, source_page):
    source = TranslationSource.objects.get_for_instance(source_page)
    return client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )


@pytest.mark.django_db
def test_a_moderator_syncing_with_publish_or_converting_to_an_alias_publishes(
    client, moderator, changed_sources
):
    """The control for the two tests below: what editors may not do, moderators may."""
    pl, en, _pl2, en_draft = changed_sources

    client.force_login(moderator)
    sync_with_publish(client, pl)
    client.post(reverse("wagtail_localize:convert_to_alias", args=[en_draft.pk]))

    assert _reload(en).title == f"EN {_reload(pl).title}"
    assert _reload(en_draft).live and _reload(en_draft).alias_of_id is not None


@pytest.mark.django_db
def test_an_editor_syncing_with_publish_makes_nothing_live(client, editor, changed_sources):
    pl, en, pl2, en_draft = changed_sources
    before = _reload(en)
    meetings_before = _meeting_rows(en)

    client.force_login(editor)
    for source_page in (pl, pl2):
        assert sync_with_publish(client, source_page).status_code < 500

    after = _reload(en)
    assert (after.title, after.live_revision_id) == (before.title, before.live_revision_id)
    assert _meeting_rows(en) == meetings_before, "the public English meetings changed"
    assert not _reload(en_draft).live, "an editor's sync published the English draft"


@pytest.mark.django_db
def test_an_editor_converting_a_draft_translation_to_an_alias_does_not_publish_it(
    client, editor, changed_sources
):
    _pl, _en, _pl2, en_draft = changed_sources

    client.force_login(editor)
    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[en_draft.pk]))
    assert response.status_code < 500

    page = _reload(en_draft)
    assert not page.live, "converting to an alias published the English draft"
    assert page.alias_of_id is None, "editors may not convert translations to aliases"


@pytest.mark.django_db
def test_a_translator_cannot_delete_an_english_draft(client, translator, changed_sources):
    _pl, _en, _pl2, en_draft = changed_sources
    Page.objects.filter(pk=en_draft.pk).update(owner=translator)

    client.force_login(translator)
    client.post(reverse("wagtailadmin_pages:delete", args=[en_draft.pk]))

    assert Page.objects.filter(pk=en_draft.pk).exists()


@pytest.mark.django_db
def test_an_editor_deletes_only_their_own_never_published_drafts(client, editor, index):
    colleague = member_of("Redaktorzy", "redaktor-kolega")
    theirs = announcement(index, title="Szkic kolegi", owner=colleague, publish=False)
    mine = announcement(index, title="Mój szkic", owner=editor, publish=False)

    client.force_login(editor)
    client.post(reverse("wagtailadmin_pages:delete", args=[theirs.pk]))
    client.post(reverse("wagtailadmin_pages:delete", args=[mine.pk]))

    assert Page.objects.filter(pk=theirs.pk).exists(), "an editor deleted a colleague's draft"
    assert not Page.objects.filter(pk=mine.pk).exists(), "an editor could not delete their draft"


# --------------------------------------------------------------------------------------------
# The matrix
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the whole matrix, in a transaction rolled back when the module ends."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, role, method, monkeypatch):
    # The test client copies the context of every template it renders, for assertions this
    # test does not make; the admin renders hundreds per page.
    monkeypatch.setattr("django.test.client.store_rendered_templates", lambda *args, **kw: None)
    mismatches, requests = run_matrix(world, role, method)
    assert requests > 250, "the matrix requested fewer admin URLs than it should"
    assert not mismatches, (
        f"{len(mismatches)} of {requests} {method} requests as {role} are not as expected:\n"
        + "\n".join(str(cell) for cell in mismatches)
    )


def test_every_row_of_the_table_matches_a_url():
    """A row for a view that no longer exists is dead weight: remove it."""
    labels = set()
    for url in admin_urls():
        labels.add(url.key)
    unused = [
        entry.glob
        for entry in EXPECTED
        if not any(fnmatch.fnmatchcase(label, entry.glob.split("@")[0]) for label in labels)
    ]
    assert not unused, f"rows that match no admin URL: {unused}"
