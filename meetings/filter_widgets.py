"""Form widgets written without the template engine: the schedule's filter has 41 sphere
checkboxes and a select of every venue, and Django renders each checkbox and each option
through three or four templates. While the form's renderer uses Django's own widget templates
(no app and no setting overrides them), these write byte for byte what those templates make;
otherwise the renderer renders them as always."""

from functools import cache
from pathlib import Path

from django import forms
from django.forms.boundfield import BoundWidget
from django.forms.renderers import get_default_renderer
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

DJANGO_FORM_TEMPLATES = Path(forms.__file__).parent / "templates"
WIDGETS = "django/forms/widgets/"
# What each written widget is rendered with, template by template.
OPTION_TEMPLATES = tuple(
    WIDGETS + name for name in ("checkbox_option.html", "input_option.html", "input.html")
) + (WIDGETS + "attrs.html",)
SELECT_TEMPLATES = tuple(
    WIDGETS + name for name in ("select.html", "select_option.html", "attrs.html")
)
TEXT_TEMPLATES = tuple(WIDGETS + name for name in ("text.html", "input.html", "attrs.html"))


@cache
def renders_django_own(renderer, names: tuple[str, ...]) -> bool:
    """Whether ``renderer`` renders the templates ``names`` with Django's own files."""
    try:
        origins = [renderer.get_template(name).origin.name for name in names]
    except Exception:  # a renderer that cannot say: it renders them itself
        return False
    return origins == [str(DJANGO_FORM_TEMPLATES / name) for name in names]


def attrs_html(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {conditional_escape(name)}"
        + ("" if value is True else f'="{conditional_escape(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


def input_html(widget: dict) -> str:
    """``django/forms/widgets/input.html``."""
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value}{attrs_html(widget["attrs"])}>'
    )


class Option(BoundWidget):
    """One checkbox of a list of choices, its tag written directly (see above)."""

    def tag(self, wrap_label=False):
        if wrap_label or self.data["template_name"] != OPTION_TEMPLATES[0]:
            return super().tag(wrap_label)
        if not renders_django_own(self.renderer, OPTION_TEMPLATES):
            return super().tag(wrap_label)
        return mark_safe(input_html(self.data))  # noqa: S308 (every part is escaped)


class WrittenSelect(forms.Select):
    """Django's select, written directly (see above)."""

    def render(self, name, value, attrs=None, renderer=None):
        renderer = renderer or get_default_renderer()
        own = (self.template_name, self.option_template_name) == SELECT_TEMPLATES[:2]
        if not own or not renders_django_own(renderer, SELECT_TEMPLATES):
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [
            f'<select name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>'
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(
                f'\n  <option value="{conditional_escape(option["value"])}"'
                f"{attrs_html(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every part is escaped)


class WrittenTextInput(forms.TextInput):
    """Django's text input, written directly (see above)."""

    def render(self, name, value, attrs=None, renderer=None):
        renderer = renderer or get_default_renderer()
        own = self.template_name == TEXT_TEMPLATES[0]
        if not own or not renders_django_own(renderer, TEXT_TEMPLATES):
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        return mark_safe(input_html(widget))  # noqa: S308 (every part is escaped)
