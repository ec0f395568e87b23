"""Made-up inputs for the ingest tests: fictional outlets, news-like text, real file formats."""
from __future__ import annotations

import io

RU_TEXT = (
    "Мэрия Северогорска объявила во вторник, что ремонт моста через реку Ясную "
    "продлится до конца октября. «Мы не можем рисковать безопасностью жителей», — "
    "заявил заместитель мэра Игорь Лавров. Жители жалуются на пробки в центре города.\n"
)

FR_TEXT = (
    "Le conseil municipal de Valbrune a voté jeudi soir la rénovation de l'école élémentaire. "
    "« Nous avons été très prudents sur le budget », a déclaré la maire, Hélène Garçon. "
    "Les travaux débuteront à la rentrée, après l'été.\n"
)

EN_PARAS = [
    "Repairs to the Harbour Road bridge will not finish before the summer, the county council "
    "said on Wednesday, blaming a shortage of steel and a wet winter.",
    '"We are doing everything we can," said councillor Mara Eddison, who chairs the transport '
    "committee. She added that a temporary footbridge would open in April.",
    "Local traders say the closure has cost them customers for nine months. \"Footfall is down "
    'by a third," said Tom Reyes, who runs a bakery on Quay Street.',
]

TITLE = "Harbour bridge repairs delayed again"
OUTLET = "The Millbrook Courier"


def _article(paras=EN_PARAS) -> str:
    return "".join(f"<p>{p}</p>\n" for p in paras)


HEAD = f"""<head><meta charset="utf-8">
<title>{TITLE} | {OUTLET}</title>
<meta property="og:site_name" content="{OUTLET}">
<meta property="og:title" content="{TITLE}">
<meta property="article:published_time" content="2024-03-14T09:30:00+00:00">
<link rel="canonical" href="https://courier.example/news/harbour-bridge">
</head>"""

NAV = """<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
</header>"""

WORDPRESS_HTML = f"""<!DOCTYPE html><html lang="en-GB">{HEAD}<body>{NAV}
<main><article class="post"><h1 class="entry-title">{TITLE}</h1>
<div class="entry-content">{_article()}</div></article>
<div id="comments" class="comments-area">
<h2 class="comments-title">3 thoughts on &ldquo;{TITLE}&rdquo;</h2>
<ol class="comment-list">
 <li id="comment-11" class="comment even thread-even depth-1 parent">
  <article id="div-comment-11" class="comment-body">
   <footer class="comment-meta"><div class="comment-author vcard">
    <b class="fn">Janet Pike</b> <span class="says">says:</span></div>
    <div class="comment-metadata"><a href="#comment-11"><time>March 14, 2024 at 10:02 am</time></a></div>
   </footer>
   <div class="comment-content"><p>Nine months and still no plan for the traders.</p>
   <p>The council should publish the steel contract.</p></div>
   <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
  </article>
  <ul class="children">
   <li id="comment-12" class="comment odd alt depth-2">
    <article id="div-comment-12" class="comment-body">
     <footer class="comment-meta"><div class="comment-author vcard">
      <b class="fn"><a href="https://example.org" rel="external nofollow">Quay Street Watch</a></b>
      <span class="says">says:</span></div></footer>
     <div class="comment-content"><p>The steel shortage is real, to be fair to them.</p></div>
     <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
    </article>
   </li>
  </ul>
 </li>
 <li id="comment-13" class="comment even thread-odd depth-1">
  <article id="div-comment-13" class="comment-body">
   <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Sam Okafor</b></div></footer>
   <div class="comment-content"><p>Open the footbridge sooner, please!</p></div>
  </article>
 </li>
</ol>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3>
<form class="comment-form"><p>Your email address will not be published.</p><textarea></textarea></form></div>
</div></main>
<footer class="site-footer"><p>&copy; 2024 {OUTLET}. All rights reserved.</p></footer>
</body></html>"""

WPDISCUZ_HTML = f"""<!DOCTYPE html><html lang="en">{HEAD}<body>{NAV}
<article><h1>{TITLE}</h1>{_article()}</article>
<div id="wpdcom" class="wpdiscuz_unauth">
 <div class="wpd-thread-list">
  <div id="wpd-comm-21_0" class="wpd-comment wpd_comment_level-1">
   <div class="wpd-comment-wrap">
    <div class="wpd-comment-right">
     <div class="wpd-comment-header"><div class="wpd-comment-author">Priya N.</div>
      <div class="wpd-comment-date">2 days ago</div></div>
     <div class="wpd-comment-text"><p>Who signed off on the original timetable?</p></div>
     <div class="wpd-comment-footer"><div class="wpd-vote"><span>3</span></div></div>
    </div>
   </div>
   <div id="wpd-comm-22_21" class="wpd-comment wpd-reply wpd_comment_level-2">
    <div class="wpd-comment-wrap"><div class="wpd-comment-right">
     <div class="wpd-comment-header"><div class="wpd-comment-author">Harbour Resident</div></div>
     <div class="wpd-comment-text"><p>Nobody, apparently.</p></div>
    </div></div>
   </div>
  </div>
 </div>
</div>
</body></html>"""

PLAIN_HTML = f"""<!DOCTYPE html><html lang="fr">{HEAD}<body>{NAV}
<article><h1>{TITLE}</h1>{_article()}</article>
<footer><p>Contact us</p></footer></body></html>"""

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
 <title>{OUTLET}</title>
 <link>https://courier.example/</link>
 <description>Local news</description>
 <language>en-gb</language>
 <item>
  <title>{TITLE}</title>
  <link>https://courier.example/news/harbour-bridge</link>
  <pubDate>Thu, 14 Mar 2024 09:30:00 GMT</pubDate>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[{_article()}<script>alert(1)</script>]]></content:encoded>
 </item>
 <item>
  <title>Library opening hours cut</title>
  <link>https://courier.example/news/library-hours</link>
  <pubDate>Fri, 15 Mar 2024 17:05:00 +0100</pubDate>
  <description>&lt;p&gt;The central library will close at 5 pm on weekdays.&lt;/p&gt;&lt;p&gt;Staff were told on Friday.&lt;/p&gt;</description>
 </item>
</channel>
</rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
 <title>Valbrunner Bote</title>
 <id>urn:example:bote</id>
 <updated>2024-05-02T08:00:00Z</updated>
 <entry>
  <title>Neuer Radweg eröffnet</title>
  <id>urn:example:bote:1</id>
  <link href="https://bote.example/radweg"/>
  <published>2024-05-01T06:00:00Z</published>
  <updated>2024-05-02T08:00:00Z</updated>
  <content type="html">&lt;p&gt;Der Radweg an der Au ist seit Mittwoch offen.&lt;/p&gt;&lt;p&gt;Er ist vier Kilometer lang.&lt;/p&gt;</content>
 </entry>
</feed>"""


def html_page(title: str, paras: list[str], *, charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def make_warc(pages: list[tuple[str, bytes, str]], *, gzip: bool, extra: bool = True) -> bytes:
    """A WARC holding a request + response per page (url, body, content type), and noise."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for url, body, ctype in pages:
        req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "courier.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    if extra:  # an image and a redirect: neither is an article
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://courier.example/logo.png", "response",
            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50), http_headers=img))
        moved = StatusAndHeaders("301 Moved Permanently", [("Content-Type", "text/html"),
                                                           ("Location", "/new")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://courier.example/old", "response",
            payload=io.BytesIO(b"<html><body><p>Moved</p></body></html>"), http_headers=moved))
    return buf.getvalue()
