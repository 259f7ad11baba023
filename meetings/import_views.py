"""Admin: paste an announcement, review what was recognised, save it as a draft."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from meetings import formatting
from meetings.importing import drafts
from meetings.importing.parser import MAX_TEXT_LENGTH, ImportTextError, read_text
from meetings.models import AnnouncementIndexPage, Organizer, Sphere, Venue

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
        parsed = drafts.parse(text)
        if request.POST.get("action") == "save" and not parsed.has_errors and parsed.meetings:
            page = drafts.create_draft(
                parsed, parent=form.cleaned_data["parent"], user=request.user
            )
            messages.success(
                request,
                _(
                    "The draft “%(title)s” was created with %(count)d meetings. "
                    "Check it and submit it for moderation."
                )
                % {"title": page.title, "count": len(parsed.meetings)},
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
        # Show the text as it was read, so that corrections start from it.
        form = ImportForm({"text": text, "parent": form.cleaned_data["parent"].pk}, parents=parents)
        context.update(form=form, parsed=parsed, review=review(parsed))
    return TemplateResponse(request, "meetings/admin/import_announcement.html", context)


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
                "spheres": [(match, spheres.get(match.number)) for match in item.spheres],
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
    }
