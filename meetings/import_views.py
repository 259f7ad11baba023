"""Admin: paste an announcement, review what was recognised, save it as a draft.

When the text repeats an announcement already on the site (``drafts.find_duplicate``), the
review shows it and the editor chooses: update it (a new draft revision of it), create a new
draft anyway, or stop.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views.decorators.http import require_http_methods

from meetings import formatting
from meetings.importing import drafts
from meetings.importing.parser import MAX_TEXT_LENGTH, ImportTextError, read_text
from meetings.models import AnnouncementIndexPage, Consultation, Organizer, Sphere, Venue

MAX_FILE_SIZE = 1024 * 1024


class ImportForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the announcement"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        help_text=_(
            "Paste the whole announcement as the department wrote it: title, date, lead, "
            "each meeting with its date, time and spheres, and the venue."
        ),
    )
    file = forms.FileField(
        label=_("Or a text file"),
        required=False,
        help_text=_("A .txt file (UTF-8 or Windows-1250), at most 1 MB."),
    )
    parent = forms.ModelChoiceField(
        label=_("Announcement list"), queryset=None, empty_label=None, required=False
    )

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.parents = parents
        self.fields["parent"].queryset = AnnouncementIndexPage.objects.filter(
            pk__in=[page.pk for page in parents]
        )
        if len(parents) == 1:
            self.fields["parent"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        cleaned["parent"] = cleaned.get("parent") or self.parents[0]
        upload = cleaned.get("file")
        if upload:
            if upload.size > MAX_FILE_SIZE:
                raise forms.ValidationError({"file": _("The file is too large: at most 1 MB.")})
            data = upload.read()
        else:
            data = cleaned.get("text") or ""
        try:
            cleaned["text"] = read_text(data)
        except ImportTextError as error:
            raise forms.ValidationError({"file" if upload else "text": str(error)}) from None
        return cleaned


class DuplicateChoiceForm(forms.Form):
    """What to do when the text repeats an announcement: sent by the button the editor
    presses, and checked here, since a page the user may not edit is never updated."""

    UPDATE, NEW, STOP = "update", "new", "stop"

    duplicate = forms.ChoiceField(
        choices=[
            (UPDATE, _("Update the existing announcement")),
            (NEW, _("Create a draft anyway")),
            (STOP, _("Stop, save nothing")),
        ],
        error_messages={
            "required": _(
                "Choose what to do: update the existing announcement, create a draft anyway "
                "or stop."
            ),
        },
    )

    def __init__(self, *args, may_update: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_update = may_update

    def clean_duplicate(self):
        choice = self.cleaned_data["duplicate"]
        if choice == self.UPDATE and not self.may_update:
            raise forms.ValidationError(
                _("You may not update this announcement: choose another option.")
            )
        return choice


@require_http_methods(["GET", "POST"])
def import_announcement(request):
    parents = drafts.import_parents(request.user)
    if not parents:
        raise PermissionDenied
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        parents=parents,
        initial={"parent": request.GET.get("parent") or parents[0].pk},
    )
    context = {"form": form, "max_length": MAX_TEXT_LENGTH}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        parent = form.cleaned_data["parent"]
        parsed = drafts.parse(text)
        duplicate = drafts.find_duplicate(parsed, parents=parents)
        shown = duplicate_review(duplicate, user=request.user)
        # The duplicate's buttons send the choice; "save" alone does not do when there is one.
        saving = request.POST.get("action") == "save" or "duplicate" in request.POST
        choice_form = None
        if duplicate is not None:
            choice_form = DuplicateChoiceForm(
                request.POST if saving else None, may_update=shown["may_update"]
            )
        # Show the text as it was read, so that corrections start from it.
        kept = ImportForm({"text": text, "parent": parent.pk}, parents=parents)
        if request.POST.get("duplicate") == DuplicateChoiceForm.STOP:
            messages.info(request, _("Nothing was saved. The text is kept below."))
            context.update(form=kept)
            return TemplateResponse(request, "meetings/admin/import_announcement.html", context)
        if saving and not parsed.has_errors and parsed.meetings:
            if choice_form is not None:
                choice = choice_form.cleaned_data["duplicate"] if choice_form.is_valid() else None
            elif request.POST.get("duplicate", DuplicateChoiceForm.NEW) == DuplicateChoiceForm.NEW:
                choice = DuplicateChoiceForm.NEW
            else:
                # The text was changed before "update" was pressed: it repeats nothing now.
                messages.warning(
                    request,
                    _(
                        "The text no longer matches an existing announcement, so nothing was "
                        "updated. Check what was recognised and save again."
                    ),
                )
                choice = None
            if choice == DuplicateChoiceForm.UPDATE:
                page = drafts.update_draft(parsed, page=duplicate.page, user=request.user)
                messages.success(request, updated_message(page, len(parsed.meetings)))
                return redirect("wagtailadmin_pages:edit", page.pk)
            if choice == DuplicateChoiceForm.NEW:
                page = drafts.create_draft(parsed, parent=parent, user=request.user)
                count = len(parsed.meetings)
                messages.success(
                    request,
                    ngettext(
                        "The draft “%(title)s” was created with %(count)d meeting. "
                        "Check it and submit it for moderation.",
                        "The draft “%(title)s” was created with %(count)d meetings. "
                        "Check it and submit it for moderation.",
                        count,
                    )
                    % {"title": page.title, "count": count},
                )
                return redirect("wagtailadmin_pages:edit", page.pk)
        context.update(
            form=kept,
            parsed=parsed,
            review=review(parsed),
            duplicate=shown,
            choice_form=choice_form,
        )
    return TemplateResponse(request, "meetings/admin/import_announcement.html", context)


def updated_message(page, count: int) -> str:
    if page.live:
        message = ngettext(
            "A new draft of “%(title)s” now holds the imported text with %(count)d meeting. "
            "The published version stays as it is until the draft is approved: check it and "
            "submit it for moderation.",
            "A new draft of “%(title)s” now holds the imported text with %(count)d meetings. "
            "The published version stays as it is until the draft is approved: check it and "
            "submit it for moderation.",
            count,
        )
    else:
        message = ngettext(
            "A new draft of “%(title)s” now holds the imported text with %(count)d meeting. "
            "Check it and submit it for moderation.",
            "A new draft of “%(title)s” now holds the imported text with %(count)d meetings. "
            "Check it and submit it for moderation.",
            count,
        )
    return message % {"title": page.title, "count": count}


DUPLICATE_STATES = {
    False: pgettext_lazy("existing announcement", "draft"),
    True: pgettext_lazy("existing announcement", "published"),
}


def duplicate_review(duplicate: drafts.Duplicate | None, *, user) -> dict | None:
    """What the review shows of the announcement the text repeats, and why the editor may not
    update it when they may not."""
    if duplicate is None:
        return None
    page = duplicate.page
    can_edit = page.permissions_for_user(user).can_edit()
    may_update = drafts.may_update(page, user)
    if may_update:
        why_not = ""
    elif can_edit:
        why_not = _(
            "It is locked (it waits for moderation or for scheduled publishing), so it cannot "
            "be updated from here now."
        )
    else:
        why_not = _("You may not edit it, so you cannot update it from here.")
    return {
        "title": duplicate.title,
        "state": DUPLICATE_STATES[page.live],
        "meetings": [
            formatting.format_meeting_when(start, end) for start, end in duplicate.meetings
        ],
        "same_title": duplicate.same_title,
        "may_update": may_update,
        "why_not": why_not,
        "edit_url": reverse("wagtailadmin_pages:edit", args=(page.pk,)) if can_edit else "",
    }


# How a sphere was found, in the editor's words.
FOUND_BY = {
    "list": _("in a list or after “Sfera:”"),
    "points": _("by the act's point number"),
    "words": _("in the text"),
    "table": _("in a table row"),
    "line": _("in the meeting's line"),
}


def review(parsed) -> dict:
    """What the review screen shows: each meeting with its spheres and venue resolved."""
    spheres = {s.number: s for s in Sphere.objects.filter(locale=drafts.source_locale())}
    venues = Venue.objects.in_bulk(
        [m.venue.venue_id for m in parsed.meetings if m.venue and m.venue.venue_id]
    )
    organizers = Organizer.objects.in_bulk(parsed.organizers)
    meetings = []
    for number, item in enumerate(parsed.meetings):
        meetings.append(
            {
                "number": number + 1,
                "item": item,
                "when": (
                    formatting.format_meeting_when(item.start, item.end)
                    if item.start and item.end
                    else ""
                ),
                "spheres": [
                    (match, spheres.get(match.number), FOUND_BY.get(match.source, ""))
                    for match in item.spheres
                ],
                "venue": venues.get(item.venue.venue_id) if item.venue else None,
                "problems": [p for p in parsed.problems if p.meeting == number],
            }
        )
    return {
        "meetings": meetings,
        "problems": [p for p in parsed.problems if p.meeting is None],
        "can_save": bool(parsed.meetings) and not parsed.has_errors,
        "too_many_meetings": any(p.code == "too_many_meetings" for p in parsed.problems),
        "organizers": [
            organizer for pk in parsed.organizers if (organizer := organizers.get(pk)) is not None
        ],
        "consultation": (
            Consultation.objects.filter(pk=parsed.consultation).first()
            if parsed.consultation
            else None
        ),
    }
