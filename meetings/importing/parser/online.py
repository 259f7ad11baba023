"""Online meetings: whether a meeting is held online, and the link to join it."""

import re

from .markup import split_url

ONLINE_RE = re.compile(
    r"(?i:\bon-?\s?line\b|\bzdaln\w{0,5}|\bwideokonferencj\w{0,3}|\bMS\sTeams\b|\bTeams\b"
    r"|\bZoom\w{0,2}\b|\bGoogle\sMeet\b|\bClickMeeting\b|\bJitsi\b|\bWebex\b|\bhybrydow\w{0,3})"
)
_URL_RE = re.compile(r"https?://[^\s<>()\[\]\"]{1,2000}")
_REGISTRATION_RE = re.compile(r"(?i:rejestrac|zgłosze|zgłos|formularz|zapis)")


def find_online_url(text: str) -> str:
    for match in _URL_RE.finditer(text):
        if _REGISTRATION_RE.search(text, max(0, match.start() - 40), match.start()):
            continue
        return split_url(match.group(0))[0]
    return ""
