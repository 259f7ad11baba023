"""Editor panels of the plugin's pages."""

from wagtail.admin.panels import InlinePanel, MultiFieldPanel


class DisclosurePanel(MultiFieldPanel):
    """A group of fields that most meetings leave as they are (registration, a change of
    status, the minutes), folded under its title in a ``<details>``: open when a field of it
    holds something other than its default, or has an error."""

    def __init__(self, children=(), *args, summary="", **kwargs):
        super().__init__(children, *args, **kwargs)
        self.summary = summary

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "summary": self.summary}

    class BoundPanel(MultiFieldPanel.BoundPanel):
        template_name = "meetings/admin/panels/disclosure_panel.html"

        @property
        def is_open(self) -> bool:
            model = self.form._meta.model
            for name in self.panel.get_form_options().get("fields", []):
                if name not in self.form.fields:
                    continue
                if self.form[name].errors:
                    return True
                default = model._meta.get_field(name).get_default()
                if str(self.form[name].value() or "") != str(default or ""):
                    return True
            return False


class LabelledInlinePanel(InlinePanel):
    """An inline panel whose add button has a label of its own. Wagtail's says "Add <label>"
    with the label as it is; Polish needs the accusative there ("Dodaj organizatora") and
    the nominative in each child's heading, and no capital in the middle ("Dodaj
    spotkanie")."""

    def __init__(self, *args, add_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "meetings/admin/panels/inline_panel.html"
