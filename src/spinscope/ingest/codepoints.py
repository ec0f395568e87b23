"""Invalid code points (lone surrogates, noncharacters, NUL) replaced at the reader, with a warning."""
from __future__ import annotations

import logging
import re

from ..terminal import quote_name

log = logging.getLogger("spinscope.ingest")

REPLACEMENT = "\ufffd"
# Characters no later stage can take: lone surrogates cannot be encoded (spaCy, JSON output), and
# noncharacters and NUL are refused by lxml and by most stores. Each is one character, so replacing
# it with U+FFFD keeps every offset.
_NONCHARS = "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0, 0x110000, 0x10000))
_INVALID_TEXT = re.compile("[\x00\ud800-\udfff\ufdd0-\ufdef" + re.escape(_NONCHARS) + "]")
# In markup also the C0 controls but tab, LF, CR: XML-incompatible, so lxml and trafilatura fail on them.
_INVALID_MARKUP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef" + re.escape(_NONCHARS) + "]")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _bad_code(code: int) -> bool:
    return (code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF
            or (code & 0xFFFE) == 0xFFFE or (code < 0x20 and code not in (0x09, 0x0A, 0x0D)))


def _warn(name: str, count: int, what: str) -> None:
    if count:
        log.warning("%s: %d invalid code point(s) (%s) replaced with U+FFFD", quote_name(name), count, what)


def repair_text(text: str, name: str = "<text>") -> str:
    """`text` with every invalid code point replaced by U+FFFD, same length; a warning says how many."""
    if not _INVALID_TEXT.search(text):
        return text
    out, count = _INVALID_TEXT.subn(REPLACEMENT, text)
    _warn(name, count, "lone surrogates, noncharacters or NUL")
    return out


def repair_markup(markup: str, name: str = "<html>") -> str:
    """HTML or feed markup with invalid code points and character references to them repaired.

    A surrogate pair, written as two references (`&#xD83D;&#xDE00;`) or left as two characters by
    a parser, becomes the character it encodes; anything else invalid becomes U+FFFD.
    """
    count = 0

    def ref(m: re.Match) -> str:
        nonlocal count
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if not _bad_code(code):
            return m.group()
        if 0xD800 <= code <= 0xDFFF:
            return chr(code)  # joined with its other half below, or replaced when alone
        count += 1
        return REPLACEMENT

    if "&#" in markup:
        markup = _REF.sub(ref, markup)
    if _PAIR.search(markup):
        markup, pairs = _PAIR.subn(lambda m: m.group().encode("utf-16", "surrogatepass").decode("utf-16"),
                                   markup)
        log.warning("%s: %d surrogate pair(s) joined into one character each", quote_name(name), pairs)
    if _INVALID_MARKUP.search(markup):
        markup, more = _INVALID_MARKUP.subn(REPLACEMENT, markup)
        count += more
    _warn(name, count, "surrogates, noncharacters or control characters")
    return markup


_REF_BYTES = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
_REF_PAIR_BYTES = re.compile(rb"(&#(?:[xX][0-9a-fA-F]{1,8}|[0-9]{1,10});?)(&#(?:[xX][0-9a-fA-F]{1,8}|[0-9]{1,10});?)")


def _ref_code(ref: bytes) -> int:
    m = _REF_BYTES.fullmatch(ref)
    return int(m.group(1), 16) if m.group(1) else int(m.group(2))


def repair_references(data: bytes, name: str = "<markup>") -> bytes:
    """Markup bytes with character references to invalid code points rewritten before a parser
    meets them (feedparser fails a whole feed on one `&#xD83D;`): pairs joined, the rest `&#xFFFD;`."""
    if b"&#" not in data:
        return data
    count = 0

    def pair(m: re.Match) -> bytes:
        hi, lo = _ref_code(m.group(1)), _ref_code(m.group(2))
        if 0xD800 <= hi <= 0xDBFF and 0xDC00 <= lo <= 0xDFFF:
            return b"&#x%X;" % (0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
        return m.group()

    def single(m: re.Match) -> bytes:
        nonlocal count
        if not _bad_code(_ref_code(m.group())):
            return m.group()
        count += 1
        return b"&#xFFFD;"

    data = _REF_PAIR_BYTES.sub(pair, data)
    data = _REF_BYTES.sub(single, data)
    _warn(name, count, "character references to surrogates, noncharacters or controls")
    return data
