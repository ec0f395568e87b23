"""Hostile text made safe for a terminal: control characters and bidi overrides shown as escapes."""
from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls (0x9b is a one-byte CSI), the bidi embeddings,
# overrides and isolates ("Trojan Source"), and the line/paragraph separators some terminals honour.
# Lone surrogates (a file name's undecodable bytes) cannot even be written out.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")
_UNSAFE_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                             "\ud800-\udfff]")


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match) -> str:
    if m.group() in _NAMED:
        return _NAMED[m.group()]
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def neutralize(text: str) -> str:
    """`text` with every character that could steer a terminal written as a visible escape (\\x1b, \\u202e).

    Tabs and line feeds stay: they lay text out but cannot change the terminal's state.
    """
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """`neutralize`, and line breaks and tabs escaped too, so the result is one line."""
    return _UNSAFE_IN_LINE.sub(_escape, text)


def quote_name(name: str) -> str:
    """An input name for a one-line message: in quotes, every unsafe character escaped."""
    return "'" + one_line(name.replace("\\", "\\\\").replace("'", "\\'")) + "'"
