"""Checks shared by the models' ``clean()``."""

import re

from django.utils.translation import gettext_lazy as _

# C0 controls other than tab and line breaks, and DEL: PostgreSQL refuses NUL, XML (RSS) and
# iCalendar cannot carry the others, and no one types them on purpose.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character_errors(instance, names) -> dict:
    """{field: error} for the text fields of ``instance`` that hold control characters."""
    message = _("This text contains invisible control characters (such as NUL); remove them.")
    return {
        name: message
        for name in names
        if _CONTROL_CHARACTERS.search(str(getattr(instance, name, "") or ""))
    }
