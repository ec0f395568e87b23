"""Turn the bytes of a text input into a `str`, refusing binary files with a clear reason."""
from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

from .base import ReadError
from ..terminal import quote_name
from .codepoints import repair_text

log = logging.getLogger(__name__)

SNIFF_BYTES = 8192  # the head that decides "binary or text"; enough for any magic number

# File signatures of common binary formats, checked against the first bytes of the input.
MAGIC = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive (also .docx, .xlsx, .epub)"),
    (b"PK\x05\x06", "empty ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy MS Office file (.doc, .xls)"),
    (b"{\\rtf", "RTF document"),
    (b"PAR1", "Parquet file"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)
# Formats whose signature sits a few bytes in: (offset, signature, name).
MAGIC_AT = (
    (8, b"WEBP", "WebP image"),
    (8, b"WAVE", "WAV audio"),
    (8, b"AVI ", "AVI video"),
    (4, b"ftyp", "MP4/MOV media"),
)

# Byte-order marks and the codec that reads past them (no slicing, so no copy of the input).
# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Labels that mean something else in practice (the WHATWG encoding standard's reading).
LABEL_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
    "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254",
    "tis-620": "cp874", "iso-8859-11": "cp874", "gb2312": "gb18030", "gbk": "gb18030",
    "x-sjis": "shift_jis", "ks_c_5601-1987": "cp949", "euc-kr": "cp949",
    "utf8": "utf-8", "unicode": "utf-16",
}

# Legacy encodings in order of how common they are on the web. The detector often scores rare
# look-alikes (e.g. ISO-8859-14 for French) level with these; on a near-tie the common one wins.
COMMON_ENCODINGS = ("utf_8", "cp1252", "cp1251", "cp1250", "gb18030", "shift_jis", "cp1256",
                    "cp1253", "cp1254", "cp1255", "cp1257", "cp949", "big5", "euc_jp", "koi8_r",
                    "cp874", "cp1258", "iso8859_2", "iso8859_15", "koi8_u", "euc_kr", "gb2312")
NEAR_TIE = {"chaos": 0.03, "coherence": 0.05}

CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")
MAX_CONTROL_SHARE = 0.05  # real text has almost none; binary data has plenty
# UTF-16 without a BOM has a zero byte in most characters of Latin text and in every space of Cyrillic
# or Greek; a few stray NULs in UTF-8 text are damage, not an encoding.
MIN_UTF16_NUL_SHARE = 0.05
MAX_STRAY_NUL_SHARE = 0.001  # NULs in text that is otherwise fine: replaced with a warning
_NEWLINES = re.compile(r"\r\n?")


def binary_kind(head: bytes) -> str | None:
    """The name of a binary format whose signature `head` starts with, if any."""
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    for offset, magic, name in MAGIC_AT:
        if head[offset:offset + len(magic)] == magic:
            return name
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'-be' when the NULs of `head` sit on one byte parity and it decodes cleanly."""
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) < max(2, MIN_UTF16_NUL_SHARE * len(head) / 2):
        return None
    # ASCII in UTF-16 has its zero high byte on one side; the other side is almost never zero.
    if odd and even <= 0.01 * len(head) / 2:
        codec = "utf-16-le"
    elif even and odd <= 0.01 * len(head) / 2:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = codecs.getincrementaldecoder(codec)().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
    return codec if controls <= MAX_CONTROL_SHARE * max(len(text), 1) else None


def check_not_binary(head: bytes) -> None:
    """Raise `ReadError` when the first bytes of an input say it is not text."""
    if any(head.startswith(bom) for bom, _ in BOMS):
        return
    kind = binary_kind(head)
    if kind:
        raise ReadError(f"binary file, not text (looks like {kind})")
    if _utf16_without_bom(head):
        return  # its NULs and low bytes are text
    if head.count(0) > max(2, MAX_STRAY_NUL_SHARE * len(head)):
        raise ReadError("binary file, not text (contains NUL bytes)")
    if head and sum(head.count(b) for b in CONTROL_BYTES) > MAX_CONTROL_SHARE * len(head):
        raise ReadError("binary file, not text (many control characters)")


def normalize_label(label: str | None) -> str | None:
    """A Python codec name for a declared charset label, or None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def normalize_newlines(text: str) -> str:
    # Python's text mode reading: \r\n and lone \r both become \n.
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def sniff_encoding(sample: bytes, declared: str | None = None) -> str:
    """The encoding to stream a large input with, judged from its first bytes only."""
    for bom, codec in BOMS:
        if sample.startswith(bom):
            return codec
    utf16 = _utf16_without_bom(sample[:SNIFF_BYTES])
    if utf16:
        return utf16
    # The sample may end inside a multi-byte character, so decode it as an unfinished stream.
    for candidate in filter(None, ("utf-8", normalize_label(declared))):
        try:
            codecs.getincrementaldecoder(candidate)().decode(sample, final=False)
            return candidate
        except UnicodeDecodeError:
            continue
    return detect_encoding(sample) or "utf-8"


def detect_encoding(data: bytes) -> str | None:
    """charset_normalizer's guess, preferring a common encoding among near-equal candidates."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    low_chaos = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= low_chaos + NEAR_TIE["chaos"]]
    rank = {name: i for i, name in enumerate(COMMON_ENCODINGS)}
    # A rare code page (cp775, cp850, …) wins only when no common encoding reads the bytes as cleanly: with a few
    # accented letters in English text, the detector's language coherence is noise, and it once read Latin-1
    # "naïve résumé" as Baltic DOS "na’ve rķsumķ".
    close = [m for m in close if m.encoding in rank] or close
    top = max(m.coherence for m in close)
    close = [m for m in close if m.coherence >= top - NEAR_TIE["coherence"]]
    close.sort(key=lambda m: rank.get(m.encoding, len(rank)))
    return close[0].encoding


def decode_bytes(data: bytes, name: str, encoding: str | None = None, *,
                 declared: str | None = None) -> str:
    """Decode a text input: BOM, strict UTF-8, declared charset, then a detector's best guess.

    `encoding` is forced (from the user); `declared` is a hint (HTTP header, meta tag) that is
    only used when the bytes really decode with it. Valid UTF-8 wins over a declaration because
    mislabelled UTF-8 pages are common and legacy text almost never passes as UTF-8.
    Newlines come out as in text mode.
    """
    if not data:
        raise ReadError("empty file")
    head = data[:SNIFF_BYTES]
    if encoding:
        codec = normalize_label(encoding) or encoding
        try:
            text = data.decode(codec, errors="replace")
        except LookupError:
            raise ReadError(f"unknown encoding {encoding!r}") from None
        if "\ufffd" in text:
            log.warning("%s: not valid %s; bad bytes replaced with U+FFFD", quote_name(name), encoding)
        return repair_text(normalize_newlines(text), name)
    for bom, codec in BOMS:
        if data.startswith(bom):
            return repair_text(normalize_newlines(data.decode(codec, errors="replace")), name)
    check_not_binary(head)
    utf16 = _utf16_without_bom(head)
    for codec in filter(None, (utf16, "utf-8", normalize_label(declared))):
        text = _strict(data, codec)
        if text is not None:
            return repair_text(normalize_newlines(text), name)
    guess = detect_encoding(data)
    if guess is not None:
        text = _strict(data, guess)
        if text is not None:
            log.info("%s: decoded as %s (detected)", quote_name(name), guess)
            return repair_text(normalize_newlines(text), name)
    # Nothing fits cleanly: keep the text readable rather than failing on a few stray bytes.
    text = data.decode("utf-8", errors="replace")
    log.warning("%s: no encoding fits; decoded as UTF-8 with %d bad bytes replaced by U+FFFD",
                quote_name(name), text.count("\ufffd"))
    return repair_text(normalize_newlines(text), name)
