"""Form widgets of the page editor."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.widgets import AdminSnippetChooser

EDITOR_MEDIA = forms.Media(
    js=["meetings/admin/meetings_editor.js"], css={"all": ["meetings/admin/meetings_editor.css"]}
)


class SpherePicker(forms.SelectMultiple):
    """The spheres of a meeting: a multiple select, in legal order, which the editor's script
    turns into a search field with the chosen spheres as tags (typing "zdrow" or "5a" finds
    the point). Without the script it stays a plain multiple select."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "data-sphere-picker": "",
                "data-placeholder": _("Type a sphere's name or number, e.g. zdrowie or 5a"),
                "data-remove-label": _("Remove"),
                "data-found-label": _("Spheres found:"),
                "data-none-label": _("No sphere matches."),
                "data-chosen-label": _("Chosen spheres"),
                "data-duplicate-label": _("Duplicate"),
                "size": 8,
                **(attrs or {}),
            }
        )

    @property
    def media(self):
        return EDITOR_MEDIA


def venue_label(venue) -> str:
    """A venue as an editor tells venues apart: its name, address, room and floor."""
    place = ", ".join(part for part in (venue.street_address, venue.room, venue.floor) if part)
    return f"{venue.name} — {place}" if place else venue.name


class VenueChooser(AdminSnippetChooser):
    """The venue chooser, showing the chosen venue's address, room and floor."""

    def get_display_title(self, instance):
        return venue_label(instance)
