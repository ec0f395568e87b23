"""The `dates` stage: date expressions of title, body and comments, resolved against the publication date."""
from __future__ import annotations

# Finding is ours (spaCy's DATE entities plus the word patterns of data/dates/en.yaml); normalizing
# is dateparser's, with RELATIVE_BASE = the publication date and PREFER_DATES_FROM = "past": news
# copy reports what happened ("said on Thursday" is the Thursday before publication). Comments are
# dated relative to nothing reliable, so only absolute expressions (with a year) resolve there.

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache


from ...dates import iso_date, line_date
from ...model import DateMention, Document
from ...pipeline import register_stage
from ...resources import resource
from ...datafile import read_data

GRANULARITY_RANK = {"day": 3, "month": 2, "year": 1}
# The base for absolute expressions: the text names the year, so any fixed day does.
_FIXED = date(2000, 1, 1)
# Boilerplate kinds above the article that may carry its date ("By X | March 3, 2026").
_HEADER_KINDS = ("dateline", "byline", "navigation")


def _alt(words, *, case: bool = False) -> str:
    """A regex alternation of phrases, longest first; blanks match any run of blanks."""
    parts = sorted({w for w in words}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts)
    return f"(?:{body})" if case else f"(?i:{body})"


@dataclass(frozen=True)
class Lexicon:
    """The compiled candidate patterns of one language file."""

    patterns: tuple[tuple[str, re.Pattern], ...]  # (kind, pattern); group `d` is the date
    modifier: re.Pattern  # "early", "the end of" at the start of an expression
    weekday: re.Pattern  # a bare weekday name
    year_range: tuple[int, int]
    more_months: re.Pattern  # ", and August" after a month
    year_in_entity: re.Pattern  # a year inside a spaCy DATE entity, not a decade nor a duration
    weekday_name: re.Pattern  # words after a weekday that make it a name ("Night", "Times")
    weekday_name_before: re.Pattern  # words before one ("Good", "Black")
    # "[of] last year" after a month ("in March last year"); group `q` is the determiner, and
    # `shift` gives its year offset (the `determiners` of the language file: last, this, next)
    relative_year: re.Pattern = re.compile(r"(?!x)x")
    shift: tuple[tuple[str, int], ...] = ()
    # "last March", "next March": a determiner and a full month name (group `mon`), and the month names
    det_month: re.Pattern = re.compile(r"(?!x)x")
    months: tuple[str, ...] = ()
    # a word of what is to come ("will", "we'll") between the start of a sentence and a bare month
    future: re.Pattern = re.compile(r"(?!x)x")
    # a counted noun right after a year-like number ("1887 visits"): a count, not a year
    count_after: re.Pattern = re.compile(r"(?!x)x")
    # a heading line over an upcoming schedule ("UP NEXT"), folded
    future_headings: frozenset = frozenset()
    that_year: re.Pattern | None = None
    # a verb of a timetable in the present ("Lowe's reports earnings Wednesday") right before a bare weekday (realworld43)
    scheduled: re.Pattern | None = None
    model_before: tuple | None = None  # (pattern, letters kept); a product's model letters right before a number ("RTX 2060")
    # a car's model year: a determiner before the number and a make or model after it ("the 2014 Camry"; stop 44)
    vehicle_before: re.Pattern = re.compile(r"(?!x)x")
    vehicle_after: re.Pattern = re.compile(r"(?!x)x")
    # a model by its shape (kb45): a code "F-250", a pickup's load class in hundreds "Sierra 2500" ("Flight 447", "Boeing
    # 737" are no trims); a name or code a vehicle noun follows ("my 2018 CX-5 sedan", "the 2015 Outback, a small SUV")
    model_code_after: re.Pattern = re.compile(r"\s+(?:[A-Z]{1,3}-\d{3,4}|[A-Z][\w-]*\s+[1-9]\d00)(?![\w-])")
    vehicle_noun_after: re.Pattern = re.compile(r"(?!x)x")
    # a modal of what may come ("could be made") and a lead right before a bare weekday ("as early as"), one clause
    modal_lead: tuple | None = None  # (modal pattern, lead pattern ending at the weekday)


@resource("data/dates/{0}.yaml")
def lexicon(language: str = "en") -> Lexicon:
    """The patterns built from `data/dates/<language>.yaml`."""
    raw = read_data(f"data/dates/{language}.yaml")
    full = _alt(raw["months"] + [w.upper() for w in raw["months"]], case=True)
    abbr = _alt(raw["month_abbreviations"] + [w.upper() for w in raw["month_abbreviations"]], case=True)
    mon = rf"(?:{full}|{abbr}\.?)(?![A-Za-z])"
    mon_full = rf"{full}(?![A-Za-z])"
    wday = _alt(raw["weekdays"] + [w.upper() for w in raw["weekdays"]], case=True) + r"(?![A-Za-z])"
    day = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    year = r"(?:\d{4})(?![\d\w])"
    mod = _alt(raw["modifiers"])
    det = _alt(raw["determiners"])
    unit = _alt(raw["units"])
    count = _alt(raw["counts"]) + r"|\d{1,3}"
    lead = _alt(raw["leads"])
    mlead = _alt(raw["month_leads"])
    pre = r"(?<![\w-])"
    patterns = {
        # ISO and numeric dates
        # (a dotted date too, day first as every country that writes dots reads it: "16.06.2022", realworld52)
        "numeric": rf"{pre}(?P<d>\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}})(?![\d.]\d)",
        # [Thursday,] [early] October 6[, 2016]
        "month_day": rf"{pre}(?P<d>(?:{wday},?\s+)?(?:{mod}[\s-]+)?{mon}\s+{day}(?:,?\s+{year})?)",
        # [Thursday,] 6[th] [of] October[, 2016]
        "day_month": rf"{pre}(?P<d>(?:{wday},?\s+)?{day}\s+(?:of\s+)?{mon}(?:,?\s+{year})?)",
        # [early] October [of] 2016
        "month_year": rf"{pre}(?P<d>(?:{mod}[\s-]+)?{mon},?\s+(?:of\s+)?{year})",
        # (in|since...) [early|last] October — licensed in `candidates`
        "month": rf"{pre}(?:(?P<p>{mlead})\s+)?(?P<d>(?:(?P<m>{mod}|{det})[\s-]+)?{mon_full})",
        # (in|since|by...) [early] 2016 — licensed in `candidates`
        "year": rf"{pre}(?:(?P<p>{lead})\s+)?(?P<d>(?:(?P<m>{mod})[\s-]+)?{year})",
        # [last|this|next] Thursday
        "weekday": rf"{pre}(?P<d>(?:{det}\s+)?{wday})",
        "deictic": rf"{pre}(?P<d>{_alt(raw['deictic'])})(?!\w)",
        # last month, this year, the end of the month — licensed in `candidates`
        "unit": rf"{pre}(?P<d>(?:(?P<m>{mod})\s+)?(?:(?P<q>{det})|the)\s+{unit})(?!\w)",
        "ago": rf"{pre}(?P<d>(?:{count})\s+{unit}s?\s+(?i:ago))(?!\w)",
    }
    lo, hi = raw["years"]
    names = raw.get("weekday_names") or {}
    return Lexicon(
        patterns=tuple((name, re.compile(p)) for name, p in patterns.items()),
        modifier=re.compile(rf"^(?:{mod})[\s-]+(?:the\s+)?", re.I),
        weekday=re.compile(rf"^{wday}$"),
        year_range=(lo, hi),
        more_months=re.compile(rf"\s*(?:,|-|–|(?i:and|or|to|through|until))\s*(?P<d>{mon_full})"),
        # (realworld41: not a number glued to a Latin letter, a model's or a size's code: a monitor's "1900R" curve)
        year_in_entity=re.compile(rf"(?<![\w'‘’-])(?<!the )(\d{{4}})(?!\d|['’]?s\b|[A-Za-z]|\s*-?\s*{unit}s?\b)",
                                  re.I),
        weekday_name=re.compile(rf"\s+{_alt(names.get('after') or ['-'], case=True)}\b"),
        weekday_name_before=re.compile(rf"\b{_alt(names.get('before') or ['-'], case=True)}\s+$"),
        relative_year=re.compile(rf"\s+(?:of\s+)?(?P<q>{det})\s+(?i:{_year_unit(raw)})(?!\w)"),
        shift=tuple(zip((w.casefold() for w in raw["determiners"]), (-1, 0, 1))),
        det_month=re.compile(rf"(?P<q>{det})\s+(?P<mon>{full})", re.I),
        months=tuple(w.casefold() for w in raw["months"]),
        future=_future_pattern(raw.get("future_markers") or []),
        # (or a house number: capitalized words and a street word after it, "of 1909 Jolinda Drive", realworld42)
        count_after=re.compile(rf"\s+(?:(?i:{_alt(raw.get('count_nouns') or ['(?!x)x'])})(?!\w)"
                               rf"|(?:[NSEW]\.?\s+)?(?:[A-Z][\w'’-]*\s+){{1,3}}{_alt(raw.get('street_words') or ['(?!x)x'], case=True)}(?!\w))"),
        future_headings=frozenset(" ".join(h.split()).casefold() for h in raw.get("future_headings") or []),
        model_before=_model_pattern(raw),
        vehicle_before=re.compile(rf"(?<![\w'’-])(?i:{_alt(raw.get('model_year_before') or ['(?!x)x'])}|\w+['’]s)\s+$"),
        vehicle_after=re.compile(rf"\s+{_alt(raw.get('vehicle_words') or ['(?!x)x'], case=True)}(?![\w-])"),
        vehicle_noun_after=re.compile(r"[ \t]+[A-Z][\w-]*(?:[ \t]+[A-Z0-9][\w-]*)?(?:[ \t]+|,[ \t]+(?:a|an|the)[ \t]+)"
                                      rf"(?:[a-z-]+[ \t]+){{0,2}}{_alt(raw.get('vehicle_nouns') or ['(?!x)x'], case=True)}(?![\w-])"),
        modal_lead=_modal_lead(raw),
        scheduled=re.compile(rf"(?<![\w'’])(?:{_alt(raw['scheduled_present'])})\s+(?:(?:on|next)\s+)?$", re.I)
        if raw.get("scheduled_present") else None,
        that_year=re.compile(rf"\s+(?:{_alt(raw['that_year_after'])})(?!\w)", re.I) if raw.get("that_year_after") else None,
    )


def _modal_lead(raw: dict) -> tuple | None:
    spec = raw.get("future_with_modal") or {}
    if not spec.get("modals") or not spec.get("leads"):
        return None
    return (re.compile(rf"(?<!\w){_alt(spec['modals'])}(?!\w)", re.I),
            re.compile(rf"(?<!\w){_alt(spec['leads'])}\s+$", re.I))


def _future_pattern(markers: list[str]) -> re.Pattern:
    """Words of the future as whole words; a marker starting with an apostrophe ends a word ("we'll")."""
    words = [m for m in markers if m[:1].isalpha()]
    clitics = [m for m in markers if not m[:1].isalpha()]
    parts = ([rf"(?<!\w){_alt(words)}"] if words else []) + ([rf"(?<=\w){_alt(clitics)}"] if clitics else [])
    return re.compile(rf"(?:{'|'.join(parts)})(?!\w)") if parts else re.compile(r"(?!x)x")


def _model_pattern(raw: dict) -> re.Pattern:
    """Capital letters written as a word of their own right before a number: a product's model letters ("the RTX
    2060", "a GTX 2080"), not a year; an era's or a fiscal year's letters (`year_prefixes`: "AD 1066", "FY 2016")
    are left to the year (places41b)."""
    keep = {w.casefold() for w in raw.get("year_prefixes") or []}
    return re.compile(r"(?<![\w.&'’-])(?P<l>[A-Z]{2,5})[ \u00a0]$"), keep


def _model_letters_before(text: str, s: int, lex: "Lexicon") -> bool:
    """Model letters right before the number at `s` (see `_model_pattern`)."""
    if lex.model_before is None:
        return False
    pat, keep = lex.model_before
    m = pat.search(text[max(0, s - 8):s])
    return bool(m and m.group("l").casefold() not in keep)


def _model_year(text: str, s: int, e: int, lex: "Lexicon") -> bool:
    """The number at text[s:e] is a car's model year: a determiner before it and a make or model after it
    (`model_year_before`, `vehicle_words`: "the 2014 Camry", "a 2012 Ford"; stop 44), or a model by its shape ("a
    2019 F-250", "the 2020 Sierra 2500"), or a capitalized name a vehicle noun follows (`vehicle_nouns`: "my 2017
    CX-5 sedan"; kb45)."""
    if not lex.vehicle_before.search(text[max(0, s - 16):s]):
        return False
    if lex.vehicle_after.match(text, e) or lex.model_code_after.match(text, e):
        return True  # "a 2012 Ford"; by its shape, "a 2019 F-250", "the 2020 Sierra 2500" (kb45)
    # "my 2017 CX-5 sedan", "the 2015 Outback, a small SUV": a vehicle noun right after the name, or after it in
    # apposition (kb45)
    return bool(lex.vehicle_noun_after.match(text, e))


def _year_unit(raw: dict) -> str:
    """The language's word for a year: the last of its `units` (day, week, month, year)."""
    return re.escape(raw["units"][-1])


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    text: str


def candidates(text: str, ents: list[tuple[int, int]], lex: Lexicon) -> list[Candidate]:
    """Date expressions in one segment: pattern matches, then the years inside spaCy DATE entities."""
    found: list[tuple[int, int]] = []
    for kind, pat in lex.patterns:
        for m in pat.finditer(text):
            s, e = m.span("d")
            core = m.group("d")
            groups = m.groupdict()
            rel = lex.relative_year.match(text, e) if kind == "month" else None
            if rel:
                e = rel.end()  # "March last year" is one date: March of the year before publication
            if kind in ("month", "unit") and not rel and not any(groups.get(g) for g in ("p", "m", "q")):
                continue  # a month name alone ("May"), or "the week": not a date without a licence
            if kind == "unit" and re.search(r"(?i)\bthe\s+$", text[max(0, s - 8):s]):
                continue  # "the last year", "the next week": a period up to or from now, not a date
            if re.search(r"\d{4}", core) and not _years_ok(core, lex):
                continue
            if kind == "year" and not (groups.get("p") or groups.get("m")):
                continue  # a bare number: only spaCy's DATE entity makes it a year
            if kind == "year" and lex.count_after.match(text, e):
                continue  # "peaked at 1887 visits": a count
            if kind == "year" and _model_year(text, s, e, lex):
                continue  # "the 2014 Camry": a car's model year
            if _in_a_name(text, s, e, core):
                continue  # "Tomorrow Never Dies", "USA Today": a capitalized day word inside a title
            if kind == "weekday" and (lex.weekday_name.match(text, e)
                                      or lex.weekday_name_before.search(text[max(0, s - 12):s])):
                continue  # "Saturday Night Live", "Good Friday"
            found.append((s, e))
            if kind == "month":
                while (more := lex.more_months.match(text, e)):
                    e = more.end()
                    found.append(more.span("d"))
    for s, e in ents:
        for m in lex.year_in_entity.finditer(text, s, e):
            if _years_ok(m.group(1), lex) and not lex.count_after.match(text, m.end(1)) \
                    and not _model_letters_before(text, m.start(1), lex) \
                    and not _model_year(text, m.start(1), m.end(1), lex):  # "the RTX 2060", "a 2012 Ford"
                found.append(m.span(1))
    found.sort(key=lambda p: (p[0], -(p[1] - p[0])))
    out: list[Candidate] = []
    for s, e in found:
        s, e = _trim(text, s, e)
        if e <= s or (out and s < out[-1].end):
            continue  # nested in or overlapping a longer one found first
        out.append(Candidate(s, e, text[s:e]))
    return out


_DAY_WORDS = ("Today", "Tomorrow", "Yesterday", "Tonight")


def _in_a_name(text: str, s: int, e: int, core: str) -> bool:
    """A capitalized "Today", "Tomorrow"... inside a name: not where a sentence starts, and next to a
    capitalized word ("Tomorrow Never Dies", "USA Today", "the Today Show")."""
    if core.strip() not in _DAY_WORDS and not (core.strip().isupper() and core.strip().capitalize() in _DAY_WORDS):
        return False  # (in capitals too: "USA TODAY's request", realworld49)
    before = text[:s].rstrip(" ")
    if before and before[-1] in "\"“‘'" and re.match(r"[A-Z]\w*(?: [A-Z]\w*){1,5}[\"”’'.,!?]", text[s:s + 60]):
        return True  # a quoted Title-Case name: "'Tomorrow Never Dies'"
    if not before or before[-1] in ".!?\n\"“‘'(:—–-":
        return False  # a sentence or a line starts with it: "Today the minister said"
    if core.strip().isupper():
        line = text[text.rfind("\n", 0, s) + 1:(text.find("\n", e) + 1 or len(text) + 1) - 1]
        if line.upper() == line or not re.search(r"[A-Z][A-Z.]* $", text[max(0, s - 20):s]):
            return False  # "TODAY" in a shouted line ("SALE ENDS TODAY") or after no name in capitals: a date
    nxt = re.match(r" +([A-Z])", text[e:e + 3])
    prv = re.search(r"[A-Z][\w.]* $", text[max(0, s - 20):s])
    return bool(nxt or prv)


def _years_ok(core: str, lex: Lexicon) -> bool:
    lo, hi = lex.year_range
    return all(lo <= int(y) <= hi for y in re.findall(r"(?<!\d)\d{4}(?!\d)", core))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """No blanks, trailing commas or a possessive "'s" at the edges (a span is the date alone)."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    if e - s > 2 and text[e - 2] in "'’" and text[e - 1] == "s":
        e -= 2
    return s, e


# ------------------------------------------------------------------------------------ resolving

@lru_cache(maxsize=64)
def _parser(base: date):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False})


@lru_cache(maxsize=8192)
def _parse(text: str, base: date) -> tuple[date, str] | None:
    """dateparser's date and period for a string, cached per (string, base): it is slow cold."""
    try:
        data = _parser(base).get_date_data(text)
    except (ValueError, OverflowError, TypeError):  # an impossible day ("Feb. 30") or year
        return None
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _absolute(core: str) -> bool:
    return bool(re.search(r"(?<!\d)\d{4}(?!\d)", core))


_DOTTED_DAY = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")


def resolve(core: str, base: date | None, lex: Lexicon, *, absolute_only: bool = False, future: bool = False):
    """(value, granularity, anchor) of one expression; all None when it cannot be anchored. With `future`
    (the sentence speaks of what is to come), a bare month is the next one from publication."""
    if _DOTTED_DAY.fullmatch(core):
        found = line_date(core)  # day first ("16.06.2022" is 16 June), as the cleaner reads a date line
        return (found, "day", "absolute") if found else (None, None, None)
    absolute = _absolute(core)
    if not absolute and (base is None or absolute_only):
        return None, None, None
    anchor = "absolute" if absolute else "published"
    use = base if (base is not None and not absolute) else _FIXED
    # "early April", "the end of the month": the modifier narrows, dateparser reads the rest
    # ("the end of the year" reads as "this year").
    words = core
    m = lex.modifier.match(words)
    if m:
        rest = words[m.end():]
        words = ("this " + rest) if re.fullmatch(r"(?i)week|month|year", rest) else rest
    words = " ".join(words.split())
    if future and base is not None and not absolute and words.casefold() in lex.months:
        month = lex.months.index(words.casefold()) + 1  # "will vote in September" in an August paper
        return f"{base.year + (month < base.month):04d}-{month:02d}", "month", anchor
    if future and base is not None and not absolute and lex.weekday.match(words) and \
            base.strftime("%A").casefold() != words.casefold():
        # "will be back in action on Wednesday" in Tuesday's paper: the coming one (within a week)
        ahead = next(base + timedelta(days=n) for n in range(1, 8)
                     if (base + timedelta(days=n)).strftime("%A").casefold() == words.casefold())
        return ahead.isoformat(), "day", anchor
    dm = lex.det_month.fullmatch(words)
    if dm and base is not None and not absolute:
        return _month_from(dm, base, lex), "month", anchor
    rel = re.search(lex.relative_year.pattern + "$", " " + words)
    if rel:
        if base is None:
            return None, None, None
        year = base.year + dict(lex.shift).get(rel.group("q").casefold(), 0)
        words = f"{words[:rel.start()].strip()} {year}"  # "March last year" -> "March 2011"
        use = _FIXED
    if base is not None and not absolute and lex.weekday.match(words) and \
            base.strftime("%A").casefold() == words.casefold():
        return base.isoformat(), "day", anchor  # "said on Thursday" in Thursday's paper is that day
    parsed = _parse(words, use)
    if parsed is None:
        return None, None, None
    day, period = parsed
    if period == "day" and base is not None and not absolute and re.search(r"\d", words) \
            and not re.search(r"(?i)\bago\b", words):
        day = _upcoming(day, base)
    if period == "week":
        return (*_week(day), anchor) if _week(day)[0] else (None, None, None)
    if period == "year":
        return f"{day.year:04d}", "year", anchor
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}", "month", anchor
    return day.isoformat(), "day", anchor


def _month_from(m: re.Match, base: date, lex: Lexicon) -> str:
    """'last March' is the latest March before the month of publication, 'next March' the first one
    after it, 'this March' the one of its year."""
    month = lex.months.index(m.group("mon").casefold()) + 1
    shift = dict(lex.shift).get(m.group("q").casefold(), 0)
    year = base.year
    if shift < 0 and month >= base.month:
        year -= 1
    elif shift > 0 and month <= base.month:
        year += 1
    return f"{year:04d}-{month:02d}"


# A month and day without a year reads as the last one before publication ("said on Oct. 31"), unless
# the next one is near (within UPCOMING_DAYS) and the past one at least UPCOMING_RATIO times as far
# back: "the Dec. 12 election" in a November paper, "talks on January 5" in a December one, "before
# Dec. 31" and "begin Jan. 2" in a late-October one (63 days ahead, 303 back) are coming; "the accord
# of Dec. 20" in an early-October one (74 ahead, 292 back) is last year's.
UPCOMING_DAYS = 90
UPCOMING_RATIO = 4


def _upcoming(day: date, base: date) -> date:
    """The next occurrence of a month and day when it is near and the past one much further back."""
    try:
        nxt = day.replace(year=day.year + 1)
    except ValueError:  # February 29
        return day
    ahead, back = (nxt - base).days, (base - day).days
    return nxt if 0 < ahead <= UPCOMING_DAYS and back >= UPCOMING_RATIO * ahead else day


def _week(day: date) -> tuple[str | None, str | None]:
    """A week (Monday to Sunday) at the finest granularity that holds all of it: its month or its year."""
    first = day - timedelta(days=day.weekday())
    last = first + timedelta(days=6)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}", "month"
    if first.year == last.year:
        return f"{first.year:04d}", "year"
    return None, None


# ---------------------------------------------------------------------------- publication date

def published_from_text(doc: Document, lex: Lexicon) -> str | None:
    """A full date on a dateline, byline or navigation line above the article body, when there is one."""
    first_body = min((b.start for b in doc.body), default=len(doc.text))
    for b in sorted(doc.boilerplate, key=lambda b: b.start):
        if b.start >= first_body:
            break
        if b.kind not in _HEADER_KINDS:
            continue
        piece = doc.text[b.start:b.end]
        for c in candidates(piece, [], lex):
            if _absolute(c.text):
                value, granularity, _ = resolve(c.text, None, lex)
                if granularity == "day":
                    return value
    return None


def publication_base(doc: Document, lex: Lexicon) -> date | None:
    """The publication date to resolve against: metadata (or the cleaner's dateline), else the header."""
    if doc.source.published:
        found = iso_date(doc.source.published)
        doc.hints.setdefault("published_from", "metadata" if found else None)
    else:
        found = published_from_text(doc, lex)
        if found:
            doc.source.published = found
            doc.hints["published_from"] = "text"
    return date.fromisoformat(found) if found else None


# -------------------------------------------------------------------------------------- stage

def _segments(doc: Document):
    """(offset, text, kind, DATE entity spans) per parsed segment; the cleaner's segments without spaCy."""
    from ..parse import segment_text, segments

    if doc.parses:
        for offset, sdoc, kind in doc.parses:
            yield offset, segment_text(sdoc), kind, [(e.start_char, e.end_char) for e in sdoc.ents if e.label_ == "DATE"]
        return
    for s, e, kind in segments(doc):
        yield s, doc.text[s:e], kind, []


def find_dates(doc: Document, lex: Lexicon | None = None) -> list[DateMention]:
    """Every date expression of the title, body and comments, in document order."""
    lex = lex or lexicon()
    base = publication_base(doc, lex)
    posted = _posted_days(doc)
    out = []
    for offset, text, kind, ents in _segments(doc):
        for c in candidates(text, ents, lex):
            # A relative expression in a comment counts from the day the comment was posted, when the
            # page states it; else it stays unresolved (a comment is not written on the publication day).
            day = _posted_at(posted, offset + c.start) if kind == "comment" else None
            if lex.weekday.match(c.text):  # a bare weekday: only a future word of its own clause counts
                future = _future_in_clause_before(text, c.start, lex) or \
                    _under_future_heading(doc.text, offset + c.start, lex)
            else:
                future = _future_before(text, c.start, lex) or _future_after_fronted(text, c.start, c.end, lex)
            value, granularity, anchor = resolve(c.text, day or base, lex, absolute_only=kind == "comment" and not day,
                                                 future=future)
            if day is not None and anchor == "published":
                anchor = "posted"
            out.append(DateMention(offset + c.start, offset + c.end, value, granularity, anchor))
    out.sort(key=lambda d: d.start)
    _weekday_of_a_named_day(doc.text, out, lex)
    _month_of_that_year(doc.text, out, lex)
    return out


def _month_of_that_year(text: str, dates: list[DateMention], lex: Lexicon) -> None:
    """A bare month followed by "that year" or "the same year" (`that_year_after`: "in February 2011 a judge
    ruled ... But in April that year an appeals court ...") is that month of the year the text named last
    before it, not the last one before publication (realworld40)."""
    if lex.that_year is None:
        return
    year = None
    for d in dates:
        core = " ".join(text[d.start:d.end].split()).casefold()
        if core in lex.months and lex.that_year.match(text, d.end):
            if year is not None:
                d.value, d.granularity, d.anchor = f"{year}-{lex.months.index(core) + 1:02d}", "month", "absolute"
            continue
        if d.anchor == "absolute" and d.value:
            year = d.value[:4]


def _posted_days(doc: Document) -> list[tuple[int, int, date]]:
    """(start, end, day) of every comment whose posting day the page states."""
    out = []
    for c in doc.comments:
        found = iso_date(c.posted) if c.posted else None
        if found and len(found) == 10:
            out.append((c.start, c.end, date.fromisoformat(found)))
    return out


def _posted_at(posted: list[tuple[int, int, date]], pos: int) -> date | None:
    return next((day for start, end, day in posted if start <= pos < end), None)


_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s|\n")


def _future_before(text: str, start: int, lex: Lexicon) -> bool:
    """A word of the future between the start of the sentence and `start` ("The council will vote in")."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    return bool(lex.future.search(text, ends[-1] if ends else 0, start))


# how far back (characters) a bare weekday looks for an "UP NEXT" heading over it
FUTURE_HEADING_REACH = 400


def _under_future_heading(text: str, pos: int, lex: Lexicon) -> bool:
    """A bare weekday in the lines under a heading of what comes next ("UP NEXT" / "Thunder: Host the Lakers
    on Friday."): the nearest heading-like line before it (no sentence end, up to four words) is one of
    `future_headings`, within FUTURE_HEADING_REACH characters."""
    if not lex.future_headings:
        return False
    lo = max(0, pos - FUTURE_HEADING_REACH)
    lines = text[lo:pos].split("\n")[:-1]  # whole lines before the weekday's own
    for line in reversed(lines):
        line = " ".join(line.split()).rstrip(":")
        if not line:
            continue
        if line.casefold() in lex.future_headings:
            return True
        if len(line.split()) <= 4 and not re.search(r"[.!?]$", line) and line == line.upper():
            return False  # another heading in capitals ("TIP-INS") nearer the weekday
    return False


# where a clause starts: a sentence end, a comma or semicolon, a coordinating "and"/"but"
_CLAUSE_START = re.compile(r"[.!?][\"”’')]*\s|\n|[,;]\s|\s(?:and|but)\s")
# what ends the reach of a future word over a weekday after it: a comma, a colon, a quotation mark
_CLAUSE_BREAK = re.compile(r"[,;:\"“”«»()]")


def _future_in_clause_before(text: str, start: int, lex: Lexicon) -> bool:
    """A word of the future before a bare weekday in its sentence, with no comma, colon or quotation mark
    between them ("will be back in action on Wednesday"; not "The mill will close, its owner said on
    Monday" nor "“We will win,” he said on Sunday")."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    found = list(lex.future.finditer(text, ends[-1] if ends else 0, start))
    if found and not _CLAUSE_BREAK.search(text, found[-1].end(), start):
        return True
    # "Lowe's reports earnings Wednesday": a timetable's verb in the present right before it (realworld43)
    if lex.scheduled is not None and lex.scheduled.search(text, max(0, start - 60), start):
        return True
    # "an announcement could be made as early as Tuesday": a modal and a lead of `future_with_modal` (realworld42)
    if lex.modal_lead is None or not lex.modal_lead[1].search(text[max(0, start - 30):start]):
        return False
    found = list(lex.modal_lead[0].finditer(text, ends[-1] if ends else 0, start))
    return bool(found) and not _CLAUSE_BREAK.search(text, found[-1].end(), start)


def _future_after_fronted(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """An expression opening its sentence or clause ("In September, voters will decide", "... and from
    May on they will ship the parts"), with a word of the future among the first three words after
    it: the clause it fronts is about what is to come ("In September, he said he will run" is not: "will"
    is the fourth word)."""
    starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, start)]
    lead = text[starts[-1] if starts else 0:start].split()
    if len(lead) > 2:
        return False
    after = text[end:end + 120].lstrip(" ,").split()[:3]
    return bool(lex.future.search(" ".join(after)))


# how far back (characters) a bare weekday looks for the day the text named with that weekday
NAMED_DAY_REACH = 2500


def _weekday_of_a_named_day(text: str, dates: list[DateMention], lex: Lexicon) -> None:
    """A bare weekday after the text named a day with that weekday and its date ("On Tuesday, October 2
    the lights went out ... Early Tuesday morning a court had ...") is that day, not the weekday before
    publication: the story is told from the day it named."""
    named: list[tuple[int, str, str, str | None]] = []  # (end, weekday, ISO day, anchor) of days named so
    for d in dates:
        core = " ".join(text[d.start:d.end].split())
        if lex.weekday.fullmatch(core):
            wd = core.casefold()
            for end, day_name, iso, anchor in reversed(named):
                if d.start - end > NAMED_DAY_REACH:
                    break
                if day_name == wd:
                    d.value, d.granularity, d.anchor = iso, "day", anchor
                    break
            continue
        first = re.match(r"[A-Za-z]+", core)
        if d.granularity == "day" and d.value and first and first.end() < len(core) \
                and lex.weekday.fullmatch(first.group(0)) \
                and date.fromisoformat(d.value).strftime("%A").casefold() == first.group(0).casefold():
            named.append((d.end, first.group(0).casefold(), d.value, d.anchor))


def date_for_span(doc: Document, start: int, end: int) -> DateMention | None:
    """The best resolved date inside [start, end): the finest granularity, then the first."""
    inside = [d for d in doc.dates if start <= d.start and d.end <= end and d.value is not None]
    if not inside:
        return None
    return max(inside, key=lambda d: (GRANULARITY_RANK.get(d.granularity or "", 0), -d.start))


@register_stage("dates", requires=("body", "boilerplate"), assigns=("dates", "source.published"))
def make_dates(config, resources):
    lex = lexicon()

    def dates(docs: list[Document]) -> None:
        for doc in docs:
            doc.dates = find_dates(doc, lex)
    return dates
