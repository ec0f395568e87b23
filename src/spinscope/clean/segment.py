"""The `clean` stage: split a document into title, article body, boilerplate and comment thread."""
from __future__ import annotations

import re

from ..dates import iso_date, line_date
from ..model import Boilerplate, Comment, Document, Span
from .comments import parse_thread, thread_start
from .cues import Cues, cues_for
from .lines import SOFT_END, Line, split_lines

_DIGIT = re.compile(r"\d")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_NOT_WORD = re.compile(r"[\W_]+")

PULL_QUOTE_WINDOW = 400  # lines compared for repeated pull-quotes; keeps the check linear on huge texts


def label_lines(lines: list[Line], cues: Cues) -> list[str | None]:
    """Label each line with the boilerplate kind its cue patterns give, or None."""
    labels: list[str | None] = [None] * len(lines)
    for i, line in enumerate(lines):
        if labels[i] is not None:
            continue
        rule = cues.kind_of(line.text, line.words)
        if rule is None:
            if _residue(line):
                labels[i] = "markup"
            continue
        labels[i] = rule.kind
        if rule.claims == "headlines":
            j = i + 1
            while j < len(lines) and (lines[j].headline_like or _long_listed_headline(lines, j, i)) \
                    and cues.kind_of(lines[j].text, lines[j].words) is None:
                labels[j] = rule.kind
                j += 1
        elif rule.claims == "form":
            _claim_form(lines, labels, i, rule.kind, cues)
        elif rule.claims == "tail" and len(lines) - i - 1 <= TAIL_LINES \
                and all(line.words <= 40 for line in lines[i + 1:]):
            for j in range(i + 1, len(lines)):  # an author's bio closing the text: its book lines too
                labels[j] = labels[j] or rule.kind
        elif rule.claims == "paragraph" and i + 1 < len(lines):
            j = i + 1
            labels[j] = rule.kind
            while j + 1 < len(lines) and lines[j + 1].blank_before == 0:
                j += 1
                labels[j] = rule.kind
    # Short unlabelled lines inside a donation widget (a month, a goal) belong to the widget.
    for i, line in enumerate(lines):
        if labels[i] is None and line.words <= 3:
            near = [labels[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
            if "donation" in near:
                labels[i] = "donation"
    return labels


_BULLET = re.compile(r"[-–•·*]\s+(?=\S)")


def _long_listed_headline(lines: list[Line], j: int, cue: int) -> bool:
    """A bulleted link headline of a related list too long for `headline_like` ("- Google's Social Circle ... But It
    Gives Me The Creeps", 19 words), in a list whose line before it, under the cue, is bulleted too."""
    line, prev = lines[j], lines[j - 1]
    m = _BULLET.match(line.text)
    return (j - 1 > cue and m is not None and _BULLET.match(prev.text) is not None and line.words <= 30
            and not SOFT_END.search(line.text) and not line.text[m.end():m.end() + 1].islower())


FORM_LINES = 8  # most lines a flattened poll form holds between its heading and its own fields
TAIL_LINES = 6  # most lines a closing bio ("X needs no introduction to ... readers") runs on for


def _claim_form(lines: list[Line], labels: list[str | None], i: int, kind: str, cues: Cues) -> None:
    """A form's heading ("take our poll"): its question and option lines up to the form's own field
    lines ("Email *", a consent line) are the form too; with no such line close below, claim nothing."""
    for j in range(i + 1, min(len(lines), i + 1 + FORM_LINES)):
        if cues.kind_of(lines[j].text, lines[j].words) is not None:
            for k in range(i + 1, j):
                labels[k] = kind
            return
        if lines[j].words > 40:
            return  # prose, not a question or an option list


def _residue(line: Line) -> bool:
    """Markup residue: separators ("*****", "____") and template leftovers such as "in ,";
    not a short line of prose ("A." answering "Q.", a closing "!”")."""
    if _DIGIT.search(line.text) or line.ends_sentence:
        return False
    return line.letters == 0 or (line.letters < 3 and bool(_LIST_PUNCT.search(line.text)))


_LIST_PUNCT = re.compile(r"[,|;/]")


def _norm(text: str) -> str:
    return _NOT_WORD.sub(" ", text.translate(_QUOTES).lower()).strip()


def _grams(text: str) -> set[tuple[str, ...]]:
    words = _norm(text).split()
    return {tuple(words[k:k + 4]) for k in range(len(words) - 3)}


def mark_pull_quotes(lines: list[Line], labels: list[str | None], lo: int, hi: int) -> None:
    """A line whose words mostly repeat a longer line, or a copy heading the article, is a pull-quote."""
    cand = [i for i in range(lo, min(hi, lo + PULL_QUOTE_WINDOW)) if labels[i] is None and 6 <= lines[i].words <= 80]
    grams = {i: _grams(lines[i].text) for i in cand}
    first = cand[0] if cand else None
    for i in cand:
        for j in cand:
            if j == i or labels[j] is not None or not grams[i]:
                continue
            shared = len(grams[i] & grams[j])
            if shared < 0.75 * len(grams[i]):
                continue
            if lines[j].words > 1.3 * lines[i].words and lines[i].words >= 8 and shared >= 0.85 * len(grams[i]):
                labels[i] = "pull_quote"  # a standalone excerpt of a longer paragraph
                break
            if i == first and not lines[i].headline_like and lines[i].words <= 1.3 * lines[j].words:
                labels[i] = "pull_quote"  # a copy heading the article; repeats further down are the text's own
                break


def _title_like(line: Line) -> bool:
    return (2 <= line.words <= 30 and (line.words >= 3 or len(line.text) >= 15) and len(line.text) <= 250
            and not SOFT_END.search(line.text) and not line.text[:1].islower())


_INNER_STOP = re.compile(r"[.!?][\"'”’)\]]*\s")


def _headline_with_period(lines: list[Line], i: int, hi: int) -> bool:
    """A text's first line written as a headline with a full stop, as news archives store them ("Rabbis
    vow to boycott a speech."): one short sentence ending in a single period, capitalized, alone in its
    paragraph, with a longer paragraph of prose within the next few lines."""
    line = lines[i]
    text = line.text.rstrip().rstrip("’'")  # "... of ‘New York values.’"
    nxt = lines[i + 1] if i + 1 < hi else None
    return (3 <= line.words <= 20 and text.endswith(".") and not text.endswith("..")
            and (text[:1].isupper() or text[:1].isdigit())  # "400-page audit of the harbour budget finds few savings."
            and not _INNER_STOP.search(_INITIALS.sub("", text[:-1]))  # "... From The U.S. And Iran."
            and '"' not in text and "“" not in text
            and nxt is not None and nxt.blank_before >= 1
            and any(lines[j].paragraph_like and lines[j].words > line.words for j in range(i + 1, min(hi, i + 6))))


_INITIALS = re.compile(r"\b(?:[A-Z]\.)+")  # "G.O.P.", "U.S.": no sentence end


def _headline_over_subhead(lines: list[Line], i: int, hi: int) -> bool:
    """A news archive's "headline; " line over its subhead line ("Ryan wages campaign to counter Trump
    and Cruz; " / "House speaker laying out an agenda in case unity shatters."): a capitalized line of
    3-20 words ending in a semicolon, the next line (no blank between) one sentence of 3-30 words
    ending in a full stop, a longer paragraph of prose within the next few lines."""
    line, nxt = lines[i], lines[i + 1] if i + 1 < hi else None
    text = line.text.rstrip()
    return (3 <= line.words <= 20 and text.endswith(";") and text[:1].isupper() and ";" not in text[:-1]
            and nxt is not None and nxt.blank_before == 0 and 3 <= nxt.words <= 30
            and nxt.text.rstrip().endswith(".") and not _INNER_STOP.search(_INITIALS.sub("", nxt.text.rstrip()[:-1]))
            and any(lines[j].paragraph_like and lines[j].words > nxt.words for j in range(i + 2, min(hi, i + 8))))


_MENU_SEP = re.compile(r"\s+[|»›•·]\s+")


def _menu_like(line: Line) -> bool:
    """A masthead or breadcrumb line: three or more parts of at most three words between separators
    ("LIBERTY WIRE | Politics | Opinion", "Home » World » Europe"); a headline has at most a site name after one."""
    parts = _MENU_SEP.split(line.text.strip())
    return len(parts) >= 3 and all(0 < len(p.split()) <= 3 for p in parts)


def find_title(lines: list[Line], labels: list[str | None], lo: int, hi: int, known: str | None) -> int | None:
    """The headline: the metadata title if it stands near the top, else a first line shaped like one."""
    window = range(lo, min(hi, lo + 12))
    if known:
        want = _norm(known)
        for i in window:
            if _norm(lines[i].text) == want:
                return i
    for i in window:
        if labels[i] is not None or _menu_like(lines[i]):
            continue
        if _title_like(lines[i]):
            rubric = _rubric_over_headline(lines, labels, i, hi)
            if rubric is not None:
                return rubric
            return i if any(labels[j] is None for j in range(i + 1, hi)) else None
        if i == lo and not known and (_headline_with_period(lines, i, hi) or _headline_over_subhead(lines, i, hi)):
            return i
        if lines[i].words > 3 or lines[i].ends_sentence:
            return None  # prose before any headline: the text has none
        # a short menu or section line ("World News") above the headline: look further
    return None


def _rubric_over_headline(lines: list[Line], labels: list[str | None], i: int, hi: int) -> int | None:
    """The headline under a section's or a story tag's name (a news agency's "Energy talks" over the story's own
    headline, realworld52): a first title-like line of at most three words and 30 characters, the next
    line (after a blank) a headline of six words or more with no stop, prose within the next three lines; else
    None."""
    if lines[i].words > 3 or len(lines[i].text.strip()) > 30:
        return None
    j = _next_free(labels, i, hi)
    if j is None or lines[j].blank_before == 0 or not _title_like(lines[j]) or lines[j].words < 6 \
            or lines[j].ends_sentence or lines[j].words < 2 * lines[i].words:
        return None
    return j if any(lines[k].paragraph_like for k in range(j + 1, min(hi, j + 4))) else None


def _next_free(labels: list[str | None], i: int, hi: int) -> int | None:
    return next((j for j in range(i + 1, hi) if labels[j] is None), None)


# A person's name alone on a line: two to four capitalized words, initials allowed ("Peter J. Example").
_NAME_LINE = re.compile(r"[A-Z][a-z'’-]+(?: (?:[A-Z]\.|[A-Z][a-z'’-]+)){1,3}")


def mark_header(lines: list[Line], labels: list[str | None], title: int | None, lo: int, hi: int) -> int:
    """Label furniture around the headline (lines above it, captions below it); return where the body starts."""
    if title is None:
        return lo
    for i in range(lo, title):
        if labels[i] is None:
            labels[i] = "navigation"
    captions = 0
    k = title + 1
    while k < hi:
        if labels[k] is not None:
            k += 1
            continue
        nxt = _next_free(labels, k, hi)
        line = lines[k]
        if k + 1 < hi and labels[k + 1] == "dateline" and _NAME_LINE.fullmatch(line.text.strip()):
            labels[k] = "byline"  # the author's name alone over the date line ("NAME" / "March 7, 2017": The Duran)
            k += 1
            continue
        if captions < 2 and line.headline_like and not line.ends_sentence and nxt is not None and lines[nxt].paragraph_like:
            labels[k] = "caption"  # a photo caption scraped between headline and lede
            captions += 1
            k += 1
            continue
        if line.words <= 2 and not line.ends_sentence and not line.text.rstrip().endswith(":") \
                and nxt is not None and lines[nxt].paragraph_like:  # "From TPM:" introduces what follows
            labels[k] = "navigation"  # the site's or section's name between headline and lede ("SouthFront")
            k += 1
            continue
        break
    return k


def mark_footer(lines: list[Line], labels: list[str | None], lo: int, hi: int, cues: Cues | None = None) -> None:
    """Short unpunctuated lines after the article's closing furniture are related-link headlines."""
    trailing = []
    j = hi - 1
    while j >= lo and (labels[j] is not None or _footer_shaped(lines[j])):
        trailing.append(j)
        j -= 1
    cues_at = [t for t in trailing if labels[t] is not None]
    if not cues_at:
        return
    first_cue = min(cues_at)
    # bulleted link headlines in title case right over the closing furniture ("- 15 Amazing Images of Stars" /
    # "- 11 Fascinating Facts About Our Milky Way Galaxy" over "Originally published on SITE."): two or more
    listed = []
    k = first_cue - 1
    note = cues.footer_note if cues is not None else None
    if k > lo and labels[k] is None and note is not None and note.search(lines[k].text):
        k -= 1  # "Editor's note: This story was updated ..." between the list and the furniture stays body (realworld42)
    while k >= lo and labels[k] is None and _BULLET.match(lines[k].text) and lines[k].headline_like \
            and _title_cased(lines[k].text):
        listed.append(k)
        k -= 1
    if len(listed) >= 2:
        for t in listed:
            labels[t] = "related"
    for t in trailing:
        if labels[t] is None and t > first_cue:
            # "Podcasts", "Most read": site sections; longer unpunctuated lines: link headlines
            labels[t] = "related" if lines[t].words > 2 else "navigation"


def _name_in(patterns, text: str) -> str | None:
    """The `name` group of the first of a cue file's `page_author` patterns that matches the line (None: none does)."""
    for pattern in patterns or ():
        m = pattern.match(text)
        if m:
            return m.group("name")
    return None


BY_LINE_REACH = 6  # lines from the body's start looked at for the author's byline
BY_LINE_MAX_WORDS = 12
BIO_MIN_WORDS = 8
BIO_MAX_WORDS = 120


def _authors(lines: list[Line], lo: int, hi: int, known: str | None, cues: Cues) -> list[str]:
    """The page's authors: the reader's byline (the HTML metadata), and a short byline line over the story or at its
    start, `lo` being the body's first line ("Guest post by NAME of SITE": the cue file's `page_author.by_line`)."""
    out = [a.strip() for a in re.split(r",|\band\b|;", known or "") if len(a.split()) >= 2]
    for i in range(0, min(hi, lo + BY_LINE_REACH)):  # (over the body too: a byline under the title is a caption)
        name = _name_in(cues.by_line, lines[i].text.strip())
        if name is not None and lines[i].words <= BY_LINE_MAX_WORDS:
            out.append(name)
    return out


def _about_heading_bio(lines: list[Line], labels: list[str | None], lo: int, last: int, cues: Cues) -> bool:
    """The body's last paragraph opening with the name an "About NAME" heading right over it gives, and that heading:
    the author's bio box, not the story ("ABOUT JANE ROE" / "Jane Roe blogs on ... about ..."; realworld51b). A heading
    whose name the paragraph does not open with ("About Face" over a story's last paragraph) stays. The heading's
    patterns: the cue file's `page_author.about_heading`."""
    # (the heading may already be filed as a bio by its cue: "About the author: NAME")
    prev = next((i for i in range(last - 1, lo - 1, -1) if labels[i] in (None, "author_bio")), None)
    if prev is None or prev == lo or lines[prev].words > 6 or lines[last].words > BIO_MAX_WORDS:
        return False
    found = _name_in(cues.about_heading, lines[prev].text.strip())
    if found is None:
        return False
    name = " ".join(found.split())
    if not " ".join(lines[last].text.split()).casefold().startswith(name.casefold() + " "):
        return False
    labels[prev] = labels[last] = "author_bio"
    return True


def _closing_author_bio(lines: list[Line], labels: list[str | None], lo: int, hi: int, authors: list[str],
                        cues: Cues) -> None:
    """The body's last paragraph that opens with the name of the page's author and "is" ("Eric Song is SITE's deal
    curator and ...", "Jen Goode is a work-at-home mom of 3 and ...") is the author's bio, not the story (realworld42,
    stop-41 leftovers: a deals page's curator line, a craft blog's guest author)."""
    last = next((i for i in range(hi - 1, lo - 1, -1) if labels[i] is None), None)
    if last is not None and last > lo and _about_heading_bio(lines, labels, lo, last, cues):
        return
    if last is None or last == lo or not authors or not BIO_MIN_WORDS <= lines[last].words <= BIO_MAX_WORDS:
        return
    text = lines[last].text.strip()
    for name in authors:
        if text.casefold().startswith(name.casefold()) and re.match(r",? (?:is|was|has been) ", text[len(name):]):
            labels[last] = "author_bio"
            return
        # two writers' bios in one paragraph, the co-author's second ("X is a former chairman of Y. NAME is the
        # president of Z.", realworld50): a later sentence of the paragraph opens with the author's name and "is"
        if text.startswith(tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) and re.match(r"\S+(?: \S+){0,4},? (?:is|was) ", text) \
                and re.search(r"[.!?] " + re.escape(name) + r",? (?:is|was|has been) ", text):
            labels[last] = "author_bio"
            return


_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to vs with".split())


def _title_cased(text: str) -> bool:
    """Every word but the small ones capitalized (or a number): a headline, not a list item of prose."""
    words = [w for w in re.findall(r"[^\W_][\w'’-]*", text) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _footer_shaped(line: Line) -> bool:
    return (line.headline_like and not line.paragraph_like) or (line.words <= 2 and not line.ends_sentence)


def _spans(lines: list[Line], idx: list[int]) -> list[Span]:
    """Merge runs of consecutive line indices (only blank lines between them) into spans."""
    spans: list[Span] = []
    prev = None
    for i in idx:
        if prev is not None and i == prev + 1:
            spans[-1].end = lines[i].end
        else:
            spans.append(Span(lines[i].start, lines[i].end))
        prev = i
    return spans


def _boilerplate(lines: list[Line], labels: list[str | None], skip: set[str]) -> list[Boilerplate]:
    """Labelled lines as boilerplate spans, neighbouring lines of one kind merged."""
    out: list[Boilerplate] = []
    prev = None
    for i, kind in enumerate(labels):
        if kind is None or kind in skip:
            prev = None
            continue
        if prev is not None and prev == (i - 1, kind):
            out[-1].end = lines[i].end
        else:
            out.append(Boilerplate(lines[i].start, lines[i].end, kind))
        prev = (i, kind)
    return out


def split_article(doc: Document, lines: list[Line], cues: Cues, *, find_thread: bool = True,
                  detect_title: bool = True, thread_needs_cue: bool = False) -> tuple[list[str | None], int]:
    """Label every line of an article region; return the labels and where a comment thread starts."""
    labels = label_lines(lines, cues)
    n = len(lines)
    first_body = next((i for i, line in enumerate(lines) if labels[i] is None and line.paragraph_like), n)
    hi = thread_start(lines, labels, cues, first_body, need_cue=thread_needs_cue) if find_thread else None
    hi = n if hi is None else hi
    mark_pull_quotes(lines, labels, 0, hi)
    title = find_title(lines, labels, 0, hi, doc.source.title) if detect_title else None
    if title is not None:
        labels[title] = "title"
        if _headline_over_subhead(lines, title, hi) and labels[title + 1] is None:
            labels[title + 1] = "title"  # the subhead: the archive's one headline is "headline; subhead"
        _mark_headline_copies(lines, labels, title, hi)
    body_start = mark_header(lines, labels, title, 0, hi)
    mark_footer(lines, labels, body_start, hi, cues)
    _closing_author_bio(lines, labels, body_start, hi, _authors(lines, body_start, hi, doc.hints.get("author"), cues),
                        cues)
    _mark_linked_headlines(lines, labels, body_start, hi)
    for i in range(body_start, hi):
        if labels[i] is None:
            labels[i] = "body"
    for i in range(0, body_start):
        if labels[i] is None:
            labels[i] = "navigation"
    if not doc.source.published:
        doc.source.published = _dateline_date(lines, labels, body_start, hi)
        if doc.source.published:
            doc.hints["published_from"] = "text"  # a date line of the page, not the reader's metadata
    return labels, hi


def _mark_linked_headlines(lines: list[Line], labels: list[str | None], lo: int, hi: int) -> None:
    """A Title-Case line with no stop right under a picture's caption inside the story, the paragraph going on right
    after it, is the headline of a linked story the page set in the text with its picture (a caption ending in the
    agency's name / a Title-Case headline of another story / the story's next paragraph, realworld52)."""
    for i in range(max(lo, 1), hi - 1):
        line = lines[i]
        if labels[i] is None and labels[i - 1] == "caption" and line.blank_before == 0 and line.headline_like \
                and _title_cased(line.text) and labels[i + 1] is None and lines[i + 1].blank_before == 0 \
                and lines[i + 1].paragraph_like:
            labels[i] = "related"


def _mark_headline_copies(lines: list[Line], labels: list[str | None], title: int, hi: int) -> None:
    """A line under the headline that repeats it word for word is a picture's text (its alt or caption, scraped
    with the picture: SouthFront prints the headline again over "Click to see the full-size image"), not the
    story's (realworld52)."""
    want = _norm(lines[title].text)
    if len(want.split()) < 4:
        return  # a short title ("Syria") may stand again as a line of the story
    for i in range(title + 1, hi):
        if labels[i] is None and _norm(lines[i].text) == want:
            labels[i] = "caption"


def _dateline_date(lines: list[Line], labels: list[str | None], body_start: int, end: int) -> str | None:
    """The publication date a date or byline line of the article states: above it ("Published time: 6 Oct, 2016
    14:02", "By NAME, March 3, 2017"), else in its footer before the comments ("Posted by NAME on September 6,
    2017 at 09:12 AM")."""
    above = [i for i in range(body_start) if labels[i] == "dateline"] + \
        [i for i in range(body_start) if labels[i] == "byline"]
    below = [i for i in range(body_start, end) if labels[i] in ("dateline", "byline")]
    for i in above + below:
        text = lines[i].text
        found = line_date(text) or iso_date(text) or (iso_date(text.split(":", 1)[1]) if ":" in text else None)
        if found:
            return found
    return None


def segment(doc: Document, cues: Cues | None = None) -> None:
    """Fill `title`, `body`, `boilerplate` and `comments` of a document."""
    cues = cues or document_cues(doc)
    doc.title, doc.body, doc.boilerplate, doc.comments = None, [], [], []
    if doc.hints.get("body") or doc.hints.get("comments") or doc.hints.get("comment_tree"):
        _segment_with_hints(doc, cues)
    else:
        lines = split_lines(doc.text, widgets=cues.inline_widgets)
        labels, hi = split_article(doc, lines, cues)
        _apply(doc, lines[:hi], labels[:hi])
        if hi < len(lines):
            comments, furniture = parse_thread(lines[hi:], labels[hi:], cues)
            doc.comments = comments
            doc.boilerplate.extend(furniture)
    doc.boilerplate.sort(key=lambda b: b.start)
    if doc.title is not None and not doc.source.title:
        doc.source.title = doc.text[doc.title.start:doc.title.end]


def document_cues(doc: Document) -> Cues:
    """The cue file of a document's language (its metadata's, else a guess from its script)."""
    return cues_for(doc.source.language or _script_language(doc.text))


_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")


def _script_language(text: str) -> str | None:
    """A guess good enough to pick cue lines when metadata gives no language: Cyrillic means Russian."""
    sample = text[:5000]
    return "ru" if len(_CYRILLIC.findall(sample)) > len(_LATIN.findall(sample)) else None


def _apply(doc: Document, lines: list[Line], labels: list[str | None]) -> None:
    idx_title = [i for i, k in enumerate(labels) if k == "title"]
    if idx_title:
        last = idx_title[0]
        while last + 1 in idx_title:  # "headline; " over its subhead line
            last += 1
        doc.title = Span(lines[idx_title[0]].start, lines[last].end)
    doc.body.extend(_spans(lines, [i for i, k in enumerate(labels) if k == "body"]))
    doc.boilerplate.extend(_boilerplate(lines, labels, {"body", "title"}))


def _segment_with_hints(doc: Document, cues: Cues) -> None:
    """A reader (HTML, feeds) already split title, main text and comments: refine inside each part."""
    hints = doc.hints
    if hints.get("title"):
        doc.title = hints["title"]
    regions = [r for r in hints["body"] or [] if r is not None]
    if regions:
        # One pass over the whole main text, so that repeats (pull-quotes) and the footer are seen.
        lines = split_lines(doc.text, regions[0].start, regions[-1].end, cues.inline_widgets)
        # When the reader split off comments, list items here are article, not a thread; when it
        # found none, a thread its markup rules missed may still stand under the article.
        reader_found = bool(hints.get("comments") or hints.get("comment_tree"))
        labels, hi = split_article(doc, lines, cues, find_thread=not reader_found, detect_title=False,
                                   thread_needs_cue=True)
        _apply(doc, lines[:hi], labels[:hi])
        if hi < len(lines):
            doc.comments, furniture = parse_thread(lines[hi:], labels[hi:], cues)
            doc.boilerplate.extend(furniture)
    if hints.get("comment_tree"):
        doc.comments = comments_from_tree(hints["comment_tree"])
        # the timestamp lines the reader laid out under the authors
        doc.boilerplate.extend(Boilerplate(s.start, s.end, "comment_meta")
                               for item in hints["comment_tree"] if (s := item.get("stamp_span")))
    elif hints.get("comments"):
        region = hints["comments"]
        lines = split_lines(doc.text, region.start, region.end, cues.inline_widgets)
        comments, furniture = parse_thread(lines, label_lines(lines, cues), cues)
        doc.comments = comments
        doc.boilerplate.extend(furniture)


def comments_from_tree(tree: list[dict]) -> list[Comment]:
    """Comments from a reader that recovered the thread from markup (parent given by index)."""
    out: list[Comment] = []
    for n, item in enumerate(tree):
        p = item.get("parent_index")
        parent = out[p] if p is not None and 0 <= p < len(out) else None
        span = item["span"]
        out.append(Comment(id=f"c{n + 1}", parent=parent.id if parent else None, author=item.get("author"),
                           depth=parent.depth + 1 if parent else 0, start=span.start, end=span.end,
                           author_span=item.get("author_span"), posted=item.get("posted"),
                           posted_span=item.get("stamp_span")))
    return out
