"""Load the cue-line data files (`data/cues/<language>.yaml`) into compiled patterns."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from ..resources import resource
from ..errors import DataFileError
from ..datafile import data_or_file_text, load_yaml_nodes, node_line

DEFAULT_LANGUAGE = "en"


@dataclass(slots=True)
class CueRule:
    kind: str
    pattern: re.Pattern
    max_words: int
    claims: str | None = None
    # ASCII strings one of which every match contains, lower-case (None: not known): a line (folded by
    # `fold`) holding none of them cannot match, and its search is skipped (the same answers, a third of the time)
    anchors: tuple[str, ...] | None = None


# What a case-insensitive search of an ASCII literal can match, folded onto it: `str.casefold` does it for every
# character but two, which `re.IGNORECASE` matches to "i" and casefold does not fold there (checked for every
# code point against every ASCII character: tests/test_clean.py).
_FOLD_FIX = str.maketrans({"\u0130": "i", "\u0131": "i"})


def fold(line: str) -> str:
    if "\u0130" in line or "\u0131" in line:  # (translate is slow; without these two it changes nothing)
        line = line.translate(_FOLD_FIX)
    return line.casefold()


def _ascii_anchors(pattern: str) -> tuple[str, ...] | None:
    from ..text.anchors import anchors

    found = anchors(pattern)
    if not found or not all(a.isascii() for a in found):
        return None
    return tuple(sorted(found))


@dataclass(slots=True, frozen=True)
class InlineWidget:
    """A widget glued into a line of prose (`inline_widgets`): its case-sensitive pattern, and the casefolded strings
    one of which every match contains (None: not known; a text holding none of them is not searched)."""

    pattern: re.Pattern
    anchors: tuple[str, ...] | None = None


@dataclass(slots=True)
class Cues:
    language: str
    rules: list[CueRule] = field(default_factory=list)
    thread_start: re.Pattern | None = None
    author: list[re.Pattern] = field(default_factory=list)
    author_after: list[re.Pattern] = field(default_factory=list)
    meta: re.Pattern | None = None
    ui: re.Pattern | None = None
    end: re.Pattern | None = None
    timestamp: re.Pattern | None = None  # a comment's stated date (and time), searched in a line
    author_around: re.Pattern | None = None  # what surrounds a name in an author element
    not_author: re.Pattern | None = None  # an author element's button words
    inline_signature: re.Pattern | None = None  # a signature run into the comment text on one line
    form_heading: re.Pattern | None = None  # the comment form's heading ("Leave a Reply"), never a page's title
    gallery_box: re.Pattern | None = None  # a class or id naming a photo gallery box ("cnnGalleryContainer")
    gallery_main: re.Pattern | None = None  # ... and naming the page's main box too ("photo-gallery main-content")
    popup_box: re.Pattern | None = None  # a class or id naming a pop-up card inside a paragraph ("rollover-block")
    profile_box: re.Pattern | None = None  # a class or id naming a database's profile box in a story ("module-crunchbase")
    hidden_class: re.Pattern | None = None  # a whole class token that hides an element ("visually-hidden", "hidden")
    hidden_style: re.Pattern | None = None  # an inline style that hides an element ("display: none")
    not_thread: re.Pattern | None = None  # the heading of a box of other stories' comments ("Most Recommended")
    footer_note: re.Pattern | None = None  # a closing note of the article ("Editor's note: ...") over its furniture
    # widgets glued into a line (`inline_widgets`), the page author's byline and bio heading (`page_author`); None
    # when the file has no such table (`cues_for` and `load_cue_file` then take the English file's)
    inline_widgets: tuple[InlineWidget, ...] | None = None
    by_line: tuple[re.Pattern, ...] | None = None
    about_heading: tuple[re.Pattern, ...] | None = None
    # a word of a commenter's bare name line: capitalized, a number, or one of `comments.name_particles` as written
    name_word: re.Pattern | None = None

    def kind_of(self, line: str, n_words: int) -> CueRule | None:
        """The first rule whose pattern matches this stripped line, if any."""
        folded = None
        for rule in self.rules:
            if n_words > rule.max_words:
                continue
            if rule.anchors is not None:
                if folded is None:
                    folded = fold(line)
                if not any(a in folded for a in rule.anchors):
                    continue
            if rule.pattern.search(line):
                return rule
        return None


class CueFileError(DataFileError):
    """A cue file that cannot be used; the message names the file and the field."""


def _alternation(patterns: list[str], where: str) -> re.Pattern | None:
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as exc:
        raise CueFileError(f"{where}: bad regular expression: {exc}") from None


def parse_cues(data: dict, origin: str, root=None) -> Cues:
    """Compile one parsed cue file; errors name the file and the field (and the line, for the tables read with their
    YAML node tree `root`: `inline_widgets`, `page_author`)."""
    if not isinstance(data, dict):
        raise CueFileError(f"{origin}: expected a mapping at the top level")
    cues = Cues(language=str(data.get("language", DEFAULT_LANGUAGE)))
    for i, rule in enumerate(data.get("boilerplate") or []):
        where = f"{origin}: boilerplate[{i}]"
        if not isinstance(rule, dict) or "kind" not in rule or not rule.get("patterns"):
            raise CueFileError(f"{where}: needs `kind` and a list of `patterns`")
        claims = rule.get("claims")
        if claims not in (None, "headlines", "paragraph", "form", "tail"):
            raise CueFileError(f"{where}: `claims` must be headlines, paragraph, form or tail, not {claims!r}")
        pattern = _alternation(list(rule["patterns"]), where)
        cues.rules.append(CueRule(kind=str(rule["kind"]), pattern=pattern,
                                  max_words=int(rule.get("max_words", 40)), claims=claims,
                                  anchors=_ascii_anchors(pattern.pattern)))
    comments = data.get("comments") or {}
    cues.thread_start = _alternation(comments.get("thread_start") or [], f"{origin}: comments.thread_start")
    for i, p in enumerate(comments.get("author") or []):
        pat = _alternation([p], f"{origin}: comments.author[{i}]")
        if "author" not in pat.groupindex:
            raise CueFileError(f"{origin}: comments.author[{i}]: needs a named group (?P<author>...)")
        cues.author.append(pat)
    for i, p in enumerate(comments.get("author_after") or []):
        pat = _alternation([p], f"{origin}: comments.author_after[{i}]")
        if "author" not in pat.groupindex:
            raise CueFileError(f"{origin}: comments.author_after[{i}]: needs a named group (?P<author>...)")
        cues.author_after.append(pat)
    cues.meta = _alternation(comments.get("meta") or [], f"{origin}: comments.meta")
    cues.ui = _alternation(comments.get("ui") or [], f"{origin}: comments.ui")
    cues.end = _alternation(comments.get("end") or [], f"{origin}: comments.end")
    cues.timestamp = _timestamp(comments, origin)
    cues.author_around = _alternation(comments.get("author_around") or [], f"{origin}: comments.author_around")
    cues.not_author = _alternation(comments.get("not_author") or [], f"{origin}: comments.not_author")
    cues.inline_signature = _alternation(comments.get("inline_signature") or [],
                                         f"{origin}: comments.inline_signature")
    cues.form_heading = _alternation(comments.get("form_heading") or [], f"{origin}: comments.form_heading")
    galleries = data.get("galleries") or {}
    cues.gallery_box = _alternation(galleries.get("box") or [], f"{origin}: galleries.box")
    cues.gallery_main = _alternation(galleries.get("main") or [], f"{origin}: galleries.main")
    cues.popup_box = _alternation((data.get("popups") or {}).get("box") or [], f"{origin}: popups.box")
    cues.profile_box = _alternation((data.get("profiles") or {}).get("box") or [], f"{origin}: profiles.box")
    hidden = data.get("hidden") or {}
    cues.hidden_class = _alternation(hidden.get("class") or [], f"{origin}: hidden.class")
    cues.hidden_style = _alternation(hidden.get("style") or [], f"{origin}: hidden.style")
    cues.not_thread = _alternation(comments.get("not_thread") or [], f"{origin}: comments.not_thread")
    cues.footer_note = _alternation(data.get("footer_notes") or [], f"{origin}: footer_notes")
    cues.inline_widgets = _inline_widgets(data, root, origin)
    cues.name_word = _name_word(comments, _child(root, "comments"), origin)
    author = _table(data, root, origin, "page_author", dict, "a mapping with `by_line` and `about_heading`")
    if author is not None:
        value, node = author
        at_key = f"{origin}:{node_line(root, 'page_author')}" if root is not None else origin
        cues.by_line = _named_patterns(value, node, origin, at_key, "page_author", "by_line")
        cues.about_heading = _named_patterns(value, node, origin, at_key, "page_author", "about_heading")
    return cues


def _child(node, key: str):
    """The value node of `key` in a YAML mapping node (None: no node tree, or no such key)."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if getattr(k, "value", None) == key), None)


def _at(origin: str, node) -> str:
    """The file and the line of a node ("en.yaml:12"), or the file alone when the data came without its node tree."""
    return f"{origin}:{node_line(node)}" if node is not None else origin


def _table(data: dict, root, origin: str, key: str, kind: type, shape: str):
    """(value, node) of a table that must not be empty when given; None when the file has none."""
    if key not in data:
        return None
    value, node = data[key], _child(root, key)
    if not isinstance(value, kind) or not value:
        where = f"{origin}:{node_line(root, key)}" if root is not None else origin
        raise CueFileError(f"{where}: field `{key}`: {shape}, not empty")
    return value, node


def _item_pattern(value, where: str, flags: int) -> re.Pattern:
    if not isinstance(value, str) or not value.strip():
        raise CueFileError(f"{where}: a regular expression (a non-empty string), not {value!r}")
    try:
        return re.compile(value, flags)
    except re.error as exc:
        raise CueFileError(f"{where}: bad regular expression: {exc}") from None


def _inline_widgets(data: dict, root, origin: str) -> tuple[InlineWidget, ...] | None:
    """The `inline_widgets` table: case-sensitive patterns, each searched on its own (docs/cleaning.md)."""
    table = _table(data, root, origin, "inline_widgets", list, "a list of regular expressions (case-sensitive)")
    if table is None:
        return None
    value, node = table
    out = []
    for i, p in enumerate(value):
        item = node.value[i] if node is not None else None
        pattern = _item_pattern(p, f"{_at(origin, item)}: inline_widgets[{i}]", 0)
        out.append(InlineWidget(pattern, _ascii_anchors(pattern.pattern)))
    return tuple(out)


def _named_patterns(table: dict, node, origin: str, at_key: str, key: str, field_name: str) -> tuple[re.Pattern, ...]:
    """One list of a `page_author`-like table (`at_key`: where its key stands): case-insensitive patterns, each with a
    named group `name`."""
    value, child = table.get(field_name), _child(node, field_name)
    if not isinstance(value, list) or not value:
        where = _at(origin, child) if child is not None else at_key
        raise CueFileError(f"{where}: field `{key}.{field_name}`: a list of regular expressions, not empty")
    out = []
    for i, p in enumerate(value):
        item = child.value[i] if child is not None else None
        where = f"{_at(origin, item)}: {key}.{field_name}[{i}]"
        pattern = _item_pattern(p, where, re.IGNORECASE)
        if "name" not in pattern.groupindex:
            raise CueFileError(f"{where}: needs a named group (?P<name>...)")
        out.append(pattern)
    return tuple(out)


def _name_word(comments: dict, node, origin: str) -> re.Pattern | None:
    """A word of a bare name line: capitalized (Latin, Greek, Cyrillic), holding a digit, or a particle of
    `comments.name_particles` (None when the file has no such list)."""
    if not isinstance(comments, dict) or "name_particles" not in comments:
        return None
    words, child = comments["name_particles"], _child(node, "name_particles")
    where = _at(origin, child) if child is not None else origin
    if not isinstance(words, list) or not words:
        raise CueFileError(f"{where}: field `comments.name_particles`: a list of words, not empty")
    for i, w in enumerate(words):
        if not isinstance(w, str) or not w.strip() or w != w.strip():
            item = child.value[i] if child is not None and i < len(child.value) else child
            raise CueFileError(f"{_at(origin, item)}: comments.name_particles[{i}]: a word, not {w!r} (quote a bare "
                               f"`no` or `on`)")
    particles = "|".join(map(re.escape, words))
    return re.compile(rf"^(?:[A-ZÀ-ÞΑ-ΩА-Я][\w.'’-]*|(?:{particles})|[\w.-]*\d[\w.-]*)$")


_ENGLISH_TABLES = ("inline_widgets", "by_line", "about_heading", "name_word")


def _with_english(cues: Cues) -> Cues:
    """A cue file without the `inline_widgets` or `page_author` table or `comments.name_particles` takes the English
    file's (the widgets and bylines of English-language sites, which pages in other languages carry too)."""
    if any(getattr(cues, name) is None for name in _ENGLISH_TABLES):
        english = cues_for(DEFAULT_LANGUAGE)
        for name in _ENGLISH_TABLES:
            if getattr(cues, name) is None:
                setattr(cues, name, getattr(english, name))
    return cues


def _timestamp(comments: dict, origin: str) -> re.Pattern | None:
    """One pattern: a date form, then an optional time; at word boundaries."""
    dates = _alternation(comments.get("timestamp") or [], f"{origin}: comments.timestamp")
    if dates is None:
        return None
    times = _alternation(comments.get("timestamp_time") or [], f"{origin}: comments.timestamp_time")
    tail = f"(?:{times.pattern})?" if times else ""
    return re.compile(rf"(?<!\w)(?:{dates.pattern}){tail}(?!\w)", re.IGNORECASE)


def _read(text: str, origin: str) -> Cues:
    root, data = load_yaml_nodes(text, origin, CueFileError)
    return parse_cues(data, origin, root)


def load_cue_file(path: str | Path) -> Cues:
    """A user's cue file; without the `inline_widgets` or `page_author` table it takes the English file's."""
    try:
        text = data_or_file_text("", str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise CueFileError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    return _with_english(_read(text, str(path)))


@resource("data/cues")
def cues_for(language: str | None) -> Cues:
    """Cues of a language ('en', 'en-US' -> 'en'), falling back to English when no file exists."""
    lang = (language or DEFAULT_LANGUAGE).split("-")[0].split("_")[0].lower()
    folder = resources.files("spinscope") / "data" / "cues"
    for candidate in (lang, DEFAULT_LANGUAGE):
        res = folder / f"{candidate}.yaml"
        if res.is_file():
            text = data_or_file_text(f"data/cues/{candidate}.yaml")
            if candidate == DEFAULT_LANGUAGE:
                return english_cues(text)
            return _with_english(_read(text, f"cues/{candidate}.yaml"))
    raise CueFileError(f"no cue file for {lang!r} nor {DEFAULT_LANGUAGE!r}")


def english_cues(text: str, origin: str = f"cues/{DEFAULT_LANGUAGE}.yaml") -> Cues:
    """The English cue file, which must give the tables the other languages' files may leave out."""
    cues = _read(text, origin)
    for key, value in (("inline_widgets", cues.inline_widgets), ("page_author", cues.by_line),
                       ("comments.name_particles", cues.name_word)):
        if value is None:
            raise CueFileError(f"{origin}:1: field `{key}`: required in the English cue file")
    return cues


def default_widgets() -> tuple[InlineWidget, ...]:
    """The English file's `inline_widgets` (what a line split with no cue file of its own cuts)."""
    return cues_for(DEFAULT_LANGUAGE).inline_widgets
