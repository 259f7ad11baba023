"""Templates that the plugin writes without the template engine while they are its own.

A list renders dozens of meeting summaries and an announcement a meeting each, and the
template engine's work for each was the largest part of those pages rendered from scratch.
So ``{% meeting_summary %}`` and ``{% meeting_details %}`` hand the meeting to a writer
(``meetings.summary``, ``meetings.details``) that gives the same bytes as the template, while
the template that the engine finds is the plugin's own; a host that overrides it gets its
own template, rendered.
"""

from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.apps import apps
from django.utils.safestring import SafeString


def render(context, name: str, write: Callable[..., SafeString], meeting) -> SafeString:
    """Template ``name`` for ``meeting`` with the context's ``schedule`` and ``request``:
    ``write(meeting, schedule=…, request=…)`` while the template is the plugin's own."""
    template = context.template.engine.get_template(name)
    if is_own(template, name):
        return write(meeting, schedule=context.get("schedule"), request=context.get("request"))
    with context.push(meeting=meeting):
        return template.render(context)


def is_own(template, name: str) -> bool:
    """Whether ``template`` (an engine's Template) is the plugin's own template ``name``."""
    origin = getattr(template, "origin", None)
    return origin is not None and origin.name == _own_template(name)


@cache
def _own_template(name: str) -> str:
    return str(Path(apps.get_app_config("meetings").path) / "templates" / name)
