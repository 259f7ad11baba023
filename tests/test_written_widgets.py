"""The schedule filter's widgets are written without the template engine
(``meetings.filter_widgets``): byte for byte what Django's own widget templates make of them, and
rendered by those templates wherever a renderer uses others."""

import pytest
from django import forms
from django.forms import CheckboxSelectMultiple, Form, MultipleChoiceField
from django.forms.boundfield import BoundWidget
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.filter_widgets import (
    OPTION_TEMPLATES,
    Option,
    WrittenSelect,
    WrittenTextInput,
    renders_django_own,
)
from meetings.forms import MeetingFilterForm
from tests.factories import english, polish

pytestmark = pytest.mark.django_db


def pairs(form, name="sphere"):
    return [(Option(w.parent_widget, w.data, w.renderer), w) for w in form[name]]


@pytest.mark.parametrize(
    "query", ["", "sphere=pomoc-spoleczna&sphere=ochrona-promocja-zdrowia", "sphere=nie-ma-takiej"]
)
def test_each_sphere_checkbox_is_what_djangos_templates_make(query):
    for locale in (polish(), english()):
        form = MeetingFilterForm(QueryDict(query) if query else None, locale=locale)
        form.is_valid()
        checkboxes = pairs(form)
        assert len(checkboxes) == 41
        for option, widget in checkboxes:
            assert option.tag() == widget.tag()
            assert option.tag(wrap_label=True) == widget.tag(wrap_label=True)
        if "nie-ma" in query:  # an error marks every checkbox
            assert all('aria-invalid="true"' in option.tag() for option, _w in checkboxes)
        chosen = [slug for slug in QueryDict(query).getlist("sphere") if slug in form.spheres]
        if locale == polish() and "pomoc" in query:
            assert len(chosen) == 2
        assert sum(" checked" in option.tag() for option, _w in checkboxes) == len(chosen)


texts = st.text(alphabet=st.sampled_from("aż<>&\"' =/x1ł"), min_size=1, max_size=12).filter(
    lambda t: t.strip()
)


@settings(max_examples=60, deadline=None)
@given(
    choices=st.lists(st.tuples(texts, texts), min_size=1, max_size=4, unique_by=lambda c: c[0]),
    safe_values=st.booleans(),
    attrs=st.dictionaries(
        st.sampled_from(["data-x", "title", "aria-label", "disabled", "class"]),
        st.one_of(texts, st.booleans()),
        max_size=3,
    ),
)
def test_any_choice_and_attributes_are_written_as_djangos_templates_write_them(
    choices, safe_values, attrs
):
    class Choose(Form):
        pick = MultipleChoiceField(widget=CheckboxSelectMultiple(attrs=attrs), required=False)

    form = Choose({"pick": [choices[0][0]]})
    form.fields["pick"].choices = [
        (mark_safe(value) if safe_values else value, label)  # noqa: S308 (as a host may)
        for value, label in choices
    ]
    for option, widget in pairs(form, "pick"):
        assert option.tag() == widget.tag()


def test_a_renderer_with_its_own_input_template_renders_the_checkboxes_itself(tmp_path):
    widgets = tmp_path / "django" / "forms" / "widgets"
    widgets.mkdir(parents=True)
    (widgets / "input.html").write_text('<input data-host-template name="{{ widget.name }}">')

    class HostRenderer(DjangoTemplates):
        @property
        def engine(self):
            engine = super().engine
            engine.engine.dirs = [str(tmp_path), *engine.engine.dirs]
            return engine

    renderer = HostRenderer()
    assert renders_django_own(DjangoTemplates(), OPTION_TEMPLATES)
    assert not renders_django_own(renderer, OPTION_TEMPLATES)
    form = MeetingFilterForm(None, locale=polish())
    widget = next(iter(form["sphere"]))
    option = Option(widget.parent_widget, widget.data, renderer)
    assert option.tag() == BoundWidget(widget.parent_widget, widget.data, renderer).tag()
    assert "data-host-template" in option.tag()


FILTER_QUERIES = ["", "month=2027-13&venue=999999&mode=nie&status=x", "month=2026-05&mode=online"]


@pytest.mark.parametrize("query", FILTER_QUERIES)
def test_the_filters_selects_and_text_input_are_what_djangos_templates_make(query):
    for locale in (polish(), english()):
        form = MeetingFilterForm(QueryDict(query) if query else None, locale=locale)
        form.is_valid()
        for name, base in [
            ("month", forms.TextInput),
            ("venue", forms.Select),
            ("mode", forms.Select),
            ("status", forms.Select),
        ]:
            field = form[name]
            assert isinstance(field.field.widget, WrittenSelect | WrittenTextInput)
            written = str(field)
            field.field.widget.__class__ = base  # the same widget, as Django's class renders it
            rendered = str(field)
            assert written == rendered, name


@settings(max_examples=60, deadline=None)
@given(
    choices=st.lists(
        st.one_of(
            st.tuples(texts, texts),
            st.tuples(texts, st.lists(st.tuples(texts, texts), min_size=1, max_size=3)),
        ),
        min_size=1,
        max_size=4,
    ),
    value=st.one_of(st.none(), texts, st.lists(texts, max_size=2)),
    attrs=st.dictionaries(
        st.sampled_from(["data-x", "title", "required", "disabled", "class"]),
        st.one_of(texts, st.booleans()),
        max_size=3,
    ),
    multiple=st.booleans(),
)
def test_any_select_is_written_as_djangos_templates_write_it(choices, value, attrs, multiple):
    written_class = type("Multiple", (WrittenSelect,), {"allow_multiple_selected": multiple})
    written = written_class(attrs=attrs, choices=choices)
    assert written.render("pick", value) == forms.Select.render(written, "pick", value)


@settings(max_examples=60, deadline=None)
@given(
    value=st.one_of(st.none(), texts, st.integers()),
    attrs=st.dictionaries(
        st.sampled_from(["data-x", "placeholder", "required", "inputmode"]),
        st.one_of(texts, st.booleans()),
        max_size=3,
    ),
)
def test_any_text_input_is_written_as_djangos_templates_write_it(value, attrs):
    written = WrittenTextInput(attrs=attrs)
    assert written.render("month", value) == forms.TextInput.render(written, "month", value)
