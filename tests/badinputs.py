"""A corpus of bad inputs, written into a folder: every encoding, broken archives and tables, hostile
markup, control characters, odd names, pipes and devices. Used by tests/test_bad_inputs.py.

    python tests/badinputs.py OUT_DIR      # write the corpus (one file or link per case) and list it

Each case is one path given to spinscope; the test requires a record or a one-line error naming it.
"""
from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import random
import sys
import zipfile
from pathlib import Path

SENT = "Russian forces attacked the city on Monday, officials in Kyiv said. "
ARTICLE = ("Officials Report New Attack\n\n" + SENT * 4 + "\n\n"
           '"We will respond," the minister told reporters in Moscow on Tuesday.\n')
PAGE = ("<html><head><title>Officials Report New Attack</title></head><body><article>"
        "<h1>Officials Report New Attack</h1><p>{body}</p><p>" + SENT * 3 + "</p></article></body></html>")
MULTI = {  # text in a script the encoding covers
    "cp1251": "Российские войска атаковали город в понедельник, заявили официальные лица. " * 4,
    "koi8_r": "Российские войска атаковали город в понедельник, заявили официальные лица. " * 4,
    "shift_jis": "ロシア軍は月曜日に市を攻撃したと当局者は述べた。" * 6,
    "euc_jp": "ロシア軍は月曜日に市を攻撃したと当局者は述べた。" * 6,
    "gb18030": "俄罗斯军队星期一袭击了这座城市，官员说。" * 6,
    "big5": "俄羅斯軍隊星期一襲擊了這座城市，官員說。" * 6,
    "cp949": "러시아군이 월요일에 도시를 공격했다고 관리들이 말했다. " * 5,
    "iso8859_7": "Οι ρωσικές δυνάμεις επιτέθηκαν στην πόλη τη Δευτέρα, δήλωσαν αξιωματούχοι. " * 4,
    "cp1256": "هاجمت القوات الروسية المدينة يوم الاثنين، حسبما قال المسؤولون. " * 4,
    "cp1255": "כוחות רוסיים תקפו את העיר ביום שני, אמרו גורמים רשמיים. " * 4,
    "cp1252": "Les forces russes ont attaqué la ville lundi, ont déclaré les responsables à Kyïv. " * 4,
    "latin_1": "Die russischen Streitkräfte griffen die Stadt am Montag an, sagten Beamte in Kiew. " * 4,
    "cp1250": "Rosyjskie siły zaatakowały miasto w poniedziałek, powiedzieli urzędnicy. " * 4,
    "tis_620": "กองกำลังรัสเซียโจมตีเมืองเมื่อวันจันทร์ เจ้าหน้าที่กล่าว " * 4,
}


def _warc(records: list[tuple[str, bytes, bytes]]) -> bytes:
    """WARC/1.0 response records from (uri, http headers, body)."""
    out = b""
    for i, (uri, headers, body) in enumerate(records):
        payload = headers + b"\r\n" + body
        out += (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%d>\r\n"
                b"WARC-Target-URI: %s\r\nWARC-Date: 2024-03-01T00:00:00Z\r\n"
                b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
                % (i, uri.encode(), len(payload))) + payload + b"\r\n\r\n"
    return out


def _http(body: bytes, ctype: bytes = b"text/html; charset=utf-8", status: bytes = b"200 OK") -> bytes:
    return b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype + b"\r\n"


def _parquet(table: dict) -> bytes | None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return None
    buf = io.BytesIO()
    pq.write_table(pa.table(table), buf)
    return buf.getvalue()


def cases() -> dict[str, bytes]:
    """File name -> bytes of every case that is a plain file."""
    rnd = random.Random(12)
    c: dict[str, bytes] = {}
    # empty, tiny, binary
    c["empty.txt"] = b""
    c["blank.txt"] = b"  \n\t\n  \r\n"
    c["one_byte.txt"] = b"x"
    c["no_extension"] = ARTICLE.encode()
    c["random.bin.txt"] = bytes(rnd.randrange(256) for _ in range(4096))
    c["png.txt"] = b"\x89PNG\r\n\x1a\n" + bytes(200)
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w") as z:
        z.writestr("a.txt", ARTICLE)
    c["docx.html"] = zbuf.getvalue()
    c["all_nul.txt"] = bytes(1000)
    c["nul_in_utf8.txt"] = ARTICLE.encode().replace(b"Monday", b"Mon\x00day", 1)
    # encodings
    c["utf8.txt"] = ARTICLE.encode()
    c["utf8_bom.txt"] = codecs.BOM_UTF8 + ARTICLE.encode()
    c["utf16le_bom.txt"] = ARTICLE.encode("utf-16")
    c["utf16be_bom.txt"] = codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be")
    c["utf16le_nobom.txt"] = ARTICLE.encode("utf-16-le")
    c["utf32.txt"] = ARTICLE.encode("utf-32")
    c["utf16_odd_length.txt"] = ARTICLE.encode("utf-16")[:-1]
    for enc, text in MULTI.items():
        c[f"enc_{enc}.txt"] = ("Headline\n\n" + text).encode(enc)
    c["invalid_utf8.txt"] = ARTICLE.encode() + b"\xff\xfe\xc3\x28 broken \xed\xa0\x80 surrogate bytes\n"
    c["cp1251_declared_utf8.html"] = ('<html><head><meta charset="utf-8"></head><body><p>'
                                      + MULTI["cp1251"] + "</p></body></html>").encode("cp1251")
    c["unknown_charset.html"] = PAGE.format(body=SENT).replace("<head>", '<head><meta charset="x-nonsense">').encode()
    # line ends and invisible text
    c["cr_only.txt"] = ARTICLE.replace("\n", "\r").encode()
    c["crlf.txt"] = ARTICLE.replace("\n", "\r\n").encode()
    c["mixed_line_ends.txt"] = ARTICLE.replace("\n\n", "\r\n\r", 1).replace("\n", "\u2028", 1).encode()
    c["form_feeds.txt"] = ARTICLE.replace("\n\n", "\n\f\n").encode()
    c["zero_width_only.txt"] = ("\u200b\u200c\u200d\ufeff\u2060" * 50).encode()
    c["zero_width_inside.txt"] = ARTICLE.replace(" ", " \u200b").replace("Russian", "Rus\u200dsian").encode()
    c["combining_marks.txt"] = ("Headline\n\n" + "e" + "\u0301" * 2000 + " text.\n").encode()
    c["bidi_override.txt"] = ARTICLE.replace("forces", "\u202eforces\u202c").replace("city", "\u2067city\u2069").encode()
    c["escape_sequences.txt"] = ("Title \x1b[31mRED\x1b[0m\x1b]0;owned\x07\n\n" + SENT
                                 + "\x1b[2J\x1b[H\x9b31m\x07\x08\x7f " + SENT).encode()
    c["control_chars.txt"] = ("Head\x01line\n\n" + "".join(chr(i) for i in range(1, 32) if i not in (10, 13))
                              + SENT).encode()
    c["rtl_arabic.txt"] = ("عنوان\n\n" + MULTI["cp1256"]).encode()
    c["emoji.txt"] = ("Headline 🔥\n\n" + SENT.replace("city", "city 🏙️👨‍👩‍👧") * 3).encode()
    c["brackets_markup.txt"] = ("[bold red]Headline[/]\n\n[link=http://x]" + SENT + "[/link] [/] [[").encode()
    # pathological sizes (kept small: the corpus runs in CI; bench/pathological.py has the big ones)
    c["long_word.txt"] = ("Headline\n\n" + "x" * 10_000 + "\n").encode()
    c["long_sentence.txt"] = ("Headline\n\n" + " ".join(SENT.rstrip(". ").split() * 100) + ".\n").encode()
    c["long_line.txt"] = ("Headline\n\n" + SENT * 120 + "\n").encode()
    c["many_quotes.txt"] = ("Headline\n\n" + '"It is so," he said. ' * 400 + "\n").encode()
    c["many_paragraphs.txt"] = ("Headline\n\n" + "Short line.\n\n" * 1000).encode()
    c["only_punctuation.txt"] = ("!?.,;:" * 2000).encode()
    # HTML
    c["empty_body.html"] = b"<html><head><title>T</title></head><body></body></html>"
    c["only_script.html"] = b"<html><body><script>var a = '<p>not text</p>';</script></body></html>"
    c["deep_divs.html"] = ("<html><body>" + "<div>" * 10_000 + "<p>" + SENT * 3 + "</p>" + "</div>" * 10_000
                           + "</body></html>").encode()
    c["unclosed_tags.html"] = ("<html><body><p>" + SENT + "<p><b><i>" + SENT + "<div><span>" + SENT).encode()
    c["bad_refs.html"] = PAGE.format(body=SENT + " &#65535; &#xD83D;&#xDE00; &#xD800; &#0; &#1; &#x110000; "
                                     "&#99999999999; &bogus; &").encode()
    c["xxe.html"] = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                     b"<html><body><p>&x; " + SENT.encode() * 3 + b"</p></body></html>")
    lol = "".join(f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10))
    c["billion_laughs.xml"] = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{lol}]>'
                               "<rss><channel><item><title>&l9;</title></item></channel></rss>").encode()
    c["huge_attribute.html"] = PAGE.format(body=f'<span title="{"a" * 200_000}">' + SENT + "</span>").encode()
    c["comment_thread_broken.html"] = (PAGE.format(body=SENT).replace(
        "</body>", '<ol class="commentlist"><li class="comment"><cite class="fn">A</cite>'
        '<div class="comment-content"><p>First</p><ul class="children"><li class="comment">'
        '<div class="comment-content"><p>Reply without author</li></ol></body>')).encode()
    c["deep_thread.html"] = PAGE.format(body=SENT).replace("</body>", '<ol class="commentlist">' + "".join(
        f'<li class="comment"><cite class="fn">R{i}</cite><div class="comment-content"><p>Reply {i}.</p></div>'
        '<ul class="children">' for i in range(300)) + "</ul></li>" * 300 + "</ol></body>").encode()
    c["hostile_page.html"] = PAGE.format(body="\x1b[31mred\x1b]0;t\x07 \u202eevil\u202c " + SENT).encode()
    c["title_only.html"] = b"<html><head><title>Only a title</title></head><body></body></html>"
    c["frameset.htm"] = b"<html><frameset><frame src='a.html'></frameset></html>"
    # feeds
    item = "<item><title>{t}</title><description>{d}</description><pubDate>{p}</pubDate></item>"
    rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>{}</channel></rss>'
    c["feed_ok.rss"] = rss.format(item.format(t="One", d=SENT, p="Mon, 04 Mar 2024 10:00:00 GMT")).encode()
    c["feed_malformed.rss"] = rss.format(item.format(t="One", d=SENT, p="x")).encode()[:-30] + b"<item><title"
    c["feed_empty.rss"] = rss.format("").encode()
    c["feed_not_xml.xml"] = b"this is not xml at all < > &"
    c["feed_empty_items.rss"] = rss.format("<item></item><item><title></title></item>").encode()
    c["feed_bad_dates.atom"] = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
                                '<entry><title>E</title><updated>9999-99-99T99:99:99Z</updated>'
                                f'<content type="html">&lt;p&gt;{SENT}&lt;/p&gt;</content></entry></feed>').encode()
    c["feed_surrogates.rss"] = rss.format(item.format(t="&#xD83D;&#xDE00; One", d="Lone &#xDC00; " + SENT,
                                                      p="")).encode()
    c["feed_rdf.rdf.xml"] = ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
                             ' xmlns="http://purl.org/rss/1.0/"><item><title>R</title>'
                             f"<description>{SENT}</description></item></rdf:RDF>").encode()
    c["feed_escapes.rss"] = rss.format(item.format(t="T\x1b[31m", d="\x1b]0;x\x07" + SENT, p="")).encode()
    # WARC
    good = _warc([("http://a.example/1", _http(PAGE.format(body=SENT).encode()), PAGE.format(body=SENT).encode()),
                  ("http://a.example/2", _http(b"", b"image/png"), b"\x89PNG"),
                  ("http://a.example/3", _http(b"", status=b"404 Not Found"), b"<html>gone</html>")])
    c["ok.warc"] = good
    c["ok.warc.gz"] = gzip.compress(good)
    c["truncated.warc"] = good[: len(good) // 2]
    c["truncated.warc.gz"] = gzip.compress(good)[:-40]
    c["bad_length.warc"] = good.replace(b"Content-Length: ", b"Content-Length: 9", 1)
    c["garbage.warc"] = b"WARC/1.0\r\nthis is not a header\r\n\r\n" + bytes(rnd.randrange(256) for _ in range(500))
    c["not_warc.warc"] = ARTICLE.encode()
    c["warc_bad_charset.warc"] = _warc([("http://b.example/", _http(b"", b"text/html; charset=nonsense-9"),
                                         PAGE.format(body=MULTI["cp1251"]).encode("cp1251"))])
    # gzip
    c["truncated.txt.gz"] = gzip.compress(ARTICLE.encode() * 50)[:-100]
    c["empty.txt.gz"] = gzip.compress(b"")
    c["garbage.txt.gz"] = b"\x1f\x8b" + bytes(rnd.randrange(256) for _ in range(300))
    c["bomb.txt.gz"] = gzip.compress(b"a" * 30_000_000)
    # JSON Lines / JSON
    rows = [{"text": ARTICLE, "title": "T1"}, {"text": SENT, "title": "T2"}]
    jl = "\n".join(json.dumps(r) for r in rows) + "\n"
    c["ok.jsonl"] = jl.encode()
    c["bad_lines.jsonl"] = (jl + "{not json\n[1,2]\n\"a string\"\n{\"text\": null}\n{\"text\": 5}\n"
                            '{"text": "   "}\n{"title": "no text"}\n').encode()
    c["surrogates.jsonl"] = b'{"text": "Lone \\ud83d and \\udc00 pair \\ud83d\\ude00 ' + SENT.encode() + b'"}\n'
    c["nul_escape.jsonl"] = b'{"text": "NUL \\u0000 in ' + SENT.encode() + b'"}\n'
    c["no_text_column.jsonl"] = b'{"body": "x"}\n'
    c["truncated.jsonl.gz"] = gzip.compress(jl.encode() * 20)[:-30]
    c["array.json"] = json.dumps(rows).encode()
    c["broken_array.json"] = json.dumps(rows).encode()[:-20]
    c["deep_nesting.json"] = b"[" * 100_000 + b"]" * 100_000
    c["jsonl_crlf.jsonl"] = jl.replace("\n", "\r\n").encode()
    # CSV
    c["ok.csv"] = b'title,text\n"T1","' + SENT.encode() + b'"\n'
    c["ragged.csv"] = (b'title,text,url\n"T1","' + SENT.encode() + b'"\nT2\nT3,"' + SENT.encode()
                       + b'",u,extra,fields\n,,\n')
    c["unclosed_quote.csv"] = b'title,text\nT1,"' + SENT.encode() + b"\nT2," + SENT.encode() + b"\n"
    c["nul.csv"] = b"title,text\nT1,A\x00B " + SENT.encode() + b"\n"
    c["header_only.csv"] = b"title,text\n"
    c["no_text_column.csv"] = b"a,b\n1,2\n"
    c["semicolon.csv"] = b"title;text\nT1;" + SENT.encode() + b"\n"
    c["bom_header.csv"] = codecs.BOM_UTF8 + b"text,title\n" + SENT.encode().replace(b",", b"") + b",T\n"
    c["tabs.tsv"] = b"title\ttext\nT1\t" + SENT.encode() + b"\n"
    c["cr_only.csv"] = (b"title,text\rT1," + SENT.encode().replace(b",", b"") + b"\r")
    c["cp1251.csv"] = ("title,text\nT1," + MULTI["cp1251"].replace(",", "") + "\n").encode("cp1251")
    c["big_field.csv"] = b'title,text\nT,"' + (SENT * 150).encode() + b'"\n'
    # Parquet
    pq = _parquet({"text": [ARTICLE, None, "  "], "title": ["T", "U", None]})
    if pq:
        c["ok.parquet"] = pq
        c["truncated.parquet"] = pq[: len(pq) // 2]
        c["int_text.parquet"] = _parquet({"text": [1, 2]}) or b""
        c["no_text_column.parquet"] = _parquet({"body": ["x"]}) or b""
    c["fake.parquet"] = b"PAR1" + b"not really" * 10
    # odd names (plain content)
    c["-dash.txt"] = ARTICLE.encode()
    c["new\nline.txt"] = ARTICLE.encode()
    c["esc\x1b[31m.txt"] = ARTICLE.encode()
    c["bidi\u202etxt.html"] = ARTICLE.encode()
    c["quote'and\"double.txt"] = ARTICLE.encode()
    c["spaces and ünïcödé.txt"] = ARTICLE.encode()
    c["x" * 200 + ".txt"] = ARTICLE.encode()
    return c


def write_corpus(root: Path) -> list[Path]:
    """Write every case under `root`; the paths to give spinscope, one per case."""
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in cases().items():
        p = root / name
        p.write_bytes(data)
        paths.append(p)
    # names that are not UTF-8
    raw = os.fsencode(root) + b"/caf\xe9-latin1.txt"
    try:
        with open(raw, "wb") as fh:
            fh.write(ARTICLE.encode())
        paths.append(Path(os.fsdecode(raw)))
    except OSError:
        pass
    # things that are not regular files
    specials = root / "specials"
    specials.mkdir(exist_ok=True)
    if hasattr(os, "mkfifo"):
        os.mkfifo(specials / "fifo.txt")
        paths.append(specials / "fifo.txt")
    for dev in ("/dev/zero", "/dev/null", "/dev/urandom"):
        if os.path.exists(dev):
            paths.append(Path(dev))
            link = specials / f"link_to_{Path(dev).name}.txt"
            link.symlink_to(dev)
            paths.append(link)
    (specials / "broken_link.txt").symlink_to(specials / "nowhere")
    paths.append(specials / "broken_link.txt")
    (specials / "dir.txt").mkdir()
    paths.append(specials / "dir.txt")
    (specials / "empty_dir").mkdir()
    paths.append(specials / "empty_dir")
    loop = specials / "loop"
    loop.mkdir()
    (loop / "self").symlink_to(loop)
    (loop / "a.txt").write_text(ARTICLE)
    paths.append(loop)
    paths.append(specials / "missing.txt")
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for p in write_corpus(Path(sys.argv[1])):
        print(repr(str(p)))
