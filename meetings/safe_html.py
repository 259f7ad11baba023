"""Output guards for what editors type: links and rich text that reach a browser.

Wagtail cleans rich text in the editor's converter, not in the model, so text saved another
way (an import, a script, an old row) reaches the outputs as stored. These guards make such
text inert wherever it is rendered as HTML or handed to the portal as HTML or a link.
"""

import re

from wagtail.rich_text import expand_db_html
from wagtail.whitelist import DEFAULT_ELEMENT_RULES, Whitelister, check_url

_SAFE_SCHEMES = ("http", "https", "ftp", "ftps", "mailto", "tel")
_SCHEME_RE = re.compile(r"^([a-z][-+.a-z0-9]*):")
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")
# Characters that XML 1.0 cannot carry at all, not even escaped.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class _RichTextWhitelister(Whitelister):
    """Wagtail's whitelist without images: our rich-text features cannot insert one."""

    element_rules = {tag: rule for tag, rule in DEFAULT_ELEMENT_RULES.items() if tag != "img"}


def safe_url(url: str | None) -> str:
    """``url`` if following it cannot run script: http(s), ftp(s), mailto, tel or relative."""
    if not url:
        return ""
    # Browsers drop control characters and spaces before looking at the scheme.
    compact = _IGNORED_BY_BROWSERS.sub("", url).lower()
    match = _SCHEME_RE.match(compact)
    if match and match.group(1) not in _SAFE_SCHEMES:
        return ""
    return url if check_url(url) is not None else ""


def rich_text_html(source: str | None) -> str:
    """Rich text from the database as HTML with only the elements the editor can make."""
    if not source:
        return ""
    return _RichTextWhitelister().clean(expand_db_html(source))


def xml_text(text: str | None) -> str:
    """``text`` without the control characters that XML 1.0 (RSS) cannot carry."""
    return _NOT_IN_XML.sub("", text or "")
