"""decode_bytes: encodings, BOMs, newlines and the refusal of binary data."""
from __future__ import annotations

import codecs
import gzip
import io
import zipfile

import pytest
from hypothesis import given, settings, strategies as st

from .ingest_samples import FR_TEXT, RU_TEXT
from spinscope.ingest.base import ReadError
from spinscope.ingest.decode import decode_bytes, sniff_encoding

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00"


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("story.txt", "Some text")
    return buf.getvalue()


def test_utf8_plain():
    assert decode_bytes("Café in Zürich".encode(), "a.txt") == "Café in Zürich"


def test_cp1251_russian_comes_out_right():
    assert decode_bytes(RU_TEXT.encode("cp1251"), "ru.txt") == RU_TEXT


def test_latin1_french_comes_out_right():
    assert decode_bytes(FR_TEXT.encode("latin-1"), "fr.txt") == FR_TEXT


def test_cp1252_quotes():
    text = "The mayor said \u201cno comment\u201d \u2014 and left. It cost \u20ac40,000 in total, officials said.\n"
    assert decode_bytes(text.encode("cp1252"), "q.txt") == text


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_boms_and_utf16(codec):
    data = RU_TEXT.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):  # BOM-less UTF-16 is recognised by its NUL pattern
        assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    out = decode_bytes(data, "x.txt")
    assert out == RU_TEXT
    assert not out.startswith("\ufeff")


def test_newlines_normalized_like_text_mode():
    assert decode_bytes(b"one\r\ntwo\rthree\n", "n.txt") == "one\ntwo\nthree\n"


def test_forced_encoding_wins():
    data = FR_TEXT.encode("latin-1")
    assert decode_bytes(data, "fr.txt", "latin-1") == FR_TEXT
    # a wrong forced encoding still gives text, never a traceback
    assert "\ufffd" in decode_bytes(data, "fr.txt", "utf-8")


def test_unknown_forced_encoding():
    with pytest.raises(ReadError, match="unknown encoding"):
        decode_bytes(b"abc", "a.txt", "no-such-codec")


def test_declared_charset_is_a_hint_only():
    text = "Мэрия объявила, что ремонт моста продлится до конца октября.\n"
    assert decode_bytes(text.encode("koi8-r"), "k.html", declared="koi8-r") == text
    # a wrong declaration does not beat valid UTF-8
    assert decode_bytes(RU_TEXT.encode(), "u.html", declared="iso-8859-1") == RU_TEXT


def test_empty():
    with pytest.raises(ReadError, match="^empty file$"):
        decode_bytes(b"", "e.txt")


@pytest.mark.parametrize("data, kind", [
    (PNG, "PNG image"),
    (_zip_bytes(), "ZIP archive"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (gzip.compress(b"hello"), "gzip"),
])
def test_binary_named(data, kind):
    with pytest.raises(ReadError) as err:
        decode_bytes(data, "b.bin")
    assert str(err.value).startswith("binary file, not text (looks like " + kind)


def test_binary_unnamed():
    with pytest.raises(ReadError, match="binary file, not text"):
        decode_bytes(bytes(range(256)) * 40, "b.bin")


def test_invalid_utf8_gives_text_not_traceback():
    data = "Le maire a déclaré".encode() + b"\xff\xfe\xfa trop" + b" tard.\n"
    out = decode_bytes(data, "bad.txt")
    assert out.startswith("Le maire a d")
    assert out.endswith("tard.\n")


def test_sniff_encoding_on_a_cut_sample():
    data = ("é" * 10).encode()[:-1]  # ends in the middle of a two-byte character
    assert sniff_encoding(data) == "utf-8"
    assert sniff_encoding(RU_TEXT.encode("cp1251") * 3) == "cp1251"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_any_utf8_text_round_trips(text):
    assert decode_bytes(text.encode(), "h.txt") == text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("text", [
    "The committee met at the Hôtel de Ville on Tuesday. Its chairman said the budget for the new library "
    "would rise, and that the naïve plans of the past had to be dropped.\n",
    "Naïve résumé of the talks: the delegates agreed on a timetable for the withdrawal and promised to meet "
    "again in March, a spokesman for the ministry told reporters in the capital.\n",
])
def test_latin1_english_with_few_accents_is_not_read_as_a_dos_code_page(text):
    """A few accented letters give the detector's language score nothing to go on: a rare DOS code page
    (cp775: "H¶tel", "rķsumķ") must not beat a common one that reads the bytes as cleanly."""
    assert decode_bytes(text.encode("latin-1"), "en.txt") == text
