"""Plain text and rich text from light markdown."""

import html
import re

_INLINE_RE = re.compile(
    r"\[(?P<link_text>[^\[\]\n]{1,500})\]\((?P<link_url>[^()\s]{1,2000})\)"
    r"|(?P<url>https?://[^\s<>()\[\]\"]{1,2000})"
    r"|\*\*(?P<bold>[^*\n]{1,1000})\*\*"
    r"|__(?P<bold2>[^_\n]{1,1000})__"
    r"|(?<![\w*])\*(?P<italic>[^*\s][^*\n]{0,1000})(?<!\s)\*(?![\w*])"
    r"|(?<![\w_])_(?P<italic2>[^_\s][^_\n]{0,1000})(?<!\s)_(?![\w_])"
)
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_TRAILING_URL_PUNCTUATION = ".,;:!?»”'\""


def split_url(url: str) -> tuple[str, str]:
    """A bare URL at the end of a sentence does not own the full stop after it."""
    stripped = url.rstrip(_TRAILING_URL_PUNCTUATION)
    return stripped, url[len(stripped) :]


def plain_text(text: str) -> str:
    """Text without markdown markers, links reduced to their text, whitespace collapsed."""

    def replace(match: re.Match) -> str:
        groups = match.groupdict()
        if groups["link_text"] is not None:
            return groups["link_text"]
        if groups["url"] is not None:
            return match.group(0)
        for name in ("bold", "bold2", "italic", "italic2"):
            if groups[name] is not None:
                return groups[name]
        return match.group(0)

    text = _INLINE_RE.sub(replace, text)
    text = text.replace("**", "")
    return " ".join(text.split())


def inline_html(text: str) -> str:
    """Wagtail rich text for one paragraph: escaped text, <b>, <i> and safe links only."""
    parts = []
    position = 0
    for match in _INLINE_RE.finditer(text):
        parts.append(html.escape(text[position : match.start()].replace("**", ""), quote=False))
        position = match.end()
        groups = match.groupdict()
        if groups["link_text"] is not None:
            label = plain_text(groups["link_text"])
            url = groups["link_url"]
            if url.lower().startswith(_SAFE_SCHEMES):
                parts.append(f'<a href="{html.escape(url)}">{html.escape(label, quote=False)}</a>')
            else:
                parts.append(html.escape(label, quote=False))
        elif groups["url"] is not None:
            url, rest = split_url(groups["url"])
            parts.append(f'<a href="{html.escape(url)}">{html.escape(url, quote=False)}</a>')
            parts.append(html.escape(rest, quote=False))
        elif groups["bold"] is not None or groups["bold2"] is not None:
            parts.append(f"<b>{inline_html(groups['bold'] or groups['bold2'])}</b>")
        else:
            parts.append(f"<i>{inline_html(groups['italic'] or groups['italic2'])}</i>")
    parts.append(html.escape(text[position:].replace("**", ""), quote=False))
    return " ".join("".join(parts).split())
