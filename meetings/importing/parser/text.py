"""Reading raw input: pasted text or uploaded bytes, decoded and tidied, or refused."""

import codecs
import unicodedata

from .messages import count, message
from .types import ImportTextError

MAX_TEXT_LENGTH = 100_000  # characters

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_BREAKS = dict.fromkeys(map(ord, "\u2028\u2029\x0b\x0c\x85"), "\n")


def read_text(data: bytes | str) -> str:
    """Decode and tidy pasted or uploaded text, or say in Polish why it cannot be read."""
    if isinstance(data, bytes | bytearray):
        text = _decode(bytes(data))
    else:
        text = str(data)
        if "\x00" in text:
            raise ImportTextError(message("binary"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_SPACES).translate(_INVISIBLE).translate(_BREAKS)
    text = unicodedata.normalize("NFC", text).strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise ImportTextError(
            message("too_long", length=count(len(text)), limit=count(MAX_TEXT_LENGTH))
        )
    if not text:
        raise ImportTextError(message("empty"))
    if _looks_binary(text):
        raise ImportTextError(message("binary"))
    return text


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Notepad's "Unicode": the only encoding in which NUL bytes are normal.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportTextError(message("undecodable")) from None
    if b"\x00" in data:
        raise ImportTextError(message("binary"))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # What Polish Windows word processors save as "plain text".
        return data.decode("cp1250")
    except UnicodeDecodeError:
        raise ImportTextError(message("undecodable")) from None


def _looks_binary(text: str) -> bool:
    """Control characters in more than a few per cent of the text mean it is not prose."""
    sample = text[:20_000]
    odd = sum(
        1
        for char in sample
        if char not in "\n\t" and unicodedata.category(char) in ("Cc", "Cs", "Cn")
    )
    return odd > len(sample) * 0.05
