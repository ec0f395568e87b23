"""Write examples/archive.warc.gz: two HTML pages and one non-HTML record that readers must skip.

Run: .venv/bin/python tools/make_example_warc.py  (writes examples/archive.warc.gz; deterministic output
apart from the WARC-Record-ID and gzip headers that warcio fills in).
"""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parents[1] / "examples" / "archive.warc.gz"
DATE = "2026-03-15T10:00:00Z"

PAGE_1 = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Russian Military Police Deploy to Manbij Outskirts | Steppe Times</title></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/syria">Syria</a></nav>
<article>
<h1>Russian Military Police Deploy to Manbij Outskirts</h1>
<p class="byline">By Arkady Petrov</p>
<p>Russian military police units began patrolling the outskirts of Manbij in northern Syria on Saturday, the Russian Defence Ministry said, as Syrian government troops took over positions vacated by Kurdish-led forces under a deal brokered by Moscow.</p>
<p>"Our units are patrolling the line of contact to prevent provocations and to ensure the safety of the civilian population," a ministry spokesman said in a statement carried by state media.</p>
<p>The United States withdrew its small contingent from the area last year. A US official said Washington had been informed of the deployment through the deconfliction line and did not object.</p>
<p>Turkey, which regards the Kurdish YPG militia as a terrorist organisation, said it was monitoring the situation closely and reserved the right to act if its security was threatened.</p>
</article>
<div class="share">Share this: <a href="#">Twitter</a> <a href="#">Facebook</a></div>
<footer><p>&copy; 2026 Steppe Times. All rights reserved.</p></footer>
</body></html>
"""

PAGE_2 = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Opinion: The Deconfliction Line Is the Only Thing Working in Syria | Harbor Review</title></head>
<body>
<header><a href="/">Harbor Review</a><nav><a href="/opinion">Opinion</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article>
<h1>Opinion: The Deconfliction Line Is the Only Thing Working in Syria</h1>
<p>For all the speeches about red lines and resolve, the most important channel between Washington and Moscow in Syria is a telephone line staffed by a few officers on each side. It has no press office and issues no statements, and it has probably prevented more disasters than any summit.</p>
<p>The line was set up to keep Russian and American aircraft from colliding over the Euphrates. Over the years it has been used to warn of strikes, to pull patrols apart and, at least once, to stop a firefight between troops who had wandered into each other on a desert road.</p>
<p>Politicians in both capitals like to pretend that the other side cannot be trusted with anything. The officers on the line know better. They may not trust each other, but they have learned to rely on each other, which in a war is often worth more.</p>
<p>If there is ever a settlement in Syria, it will owe something to these unglamorous conversations. Washington and Moscow would do well to protect the channel from the next political storm.</p>
</article></main>
<aside><h3>Newsletter</h3><p>Sign up for our newsletter to get opinion delivered to your inbox.</p></aside>
</body></html>
"""

NOT_HTML = b'{"status": "ok", "items": [], "note": "an API response that is not a page"}\n'


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type),
                                          ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": DATE})
    writer.write_record(record)


def main(path: Path = OUT) -> Path:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        _response(writer, "https://steppetimes.example/world/2026/03/15/manbij-military-police",
                  PAGE_1.encode("utf-8"), "text/html; charset=utf-8")
        _response(writer, "https://api.steppetimes.example/v1/status", NOT_HTML, "application/json")
        _response(writer, "https://harborreview.example/opinion/deconfliction-line",
                  PAGE_2.encode("utf-8"), "text/html; charset=utf-8")
    return path


if __name__ == "__main__":
    print(main())
