"""Quotation-mark pairing over raw text: curly, straight and single marks, nesting, multi-paragraph quotes."""
from __future__ import annotations

from dataclasses import dataclass

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘‹"
CLOSE_SINGLE = "’›"
# What may stand right before an opening mark: start of text, space, an opening bracket, a dash, a colon.
_BEFORE_OPEN = set(" \t\n([{—–-:/") | set(OPEN_DOUBLE) | {'"'}
_DOUBLE_KINDS = ("d", '"', "2")


@dataclass(slots=True)
class Marked:
    """A quotation: [start, end) includes its marks; depth 0 is outermost; `closed` is False when the
    paragraph ended before the closing mark."""

    start: int
    end: int
    depth: int
    closed: bool = True
    width: int = 1  # 2 for the typewriter pairs ``...'' and ''...''

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.width, self.end - (self.width if self.closed else 0)


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _BEFORE_OPEN and (after.isalnum() or after in "…."
                                        or after in OPEN_DOUBLE)


def _closes_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i > 0 else " "
    return not after.isalnum() and not before.isspace()


def find_quotations(text: str, start: int, end: int) -> list[Marked]:
    """Every quotation in text[start:end], outermost and nested, in order of their opening mark.

    A paragraph that ends inside a double quotation continues it when the next paragraph opens with
    a double mark (the print convention for multi-paragraph quotes); otherwise it closes there.
    """
    out: list[Marked] = []
    # (kind, position): kind "d" curly double, "s" curly single, '"' or "'" straight, "2" a doubled
    # typewriter mark ('' or ``, as in some wire and newspaper archives)
    stack: list[tuple[str, int]] = []
    i = start
    while i < end:
        ch = text[i]
        if ch == "\n":
            if any(k in _DOUBLE_KINDS for k, _ in stack):
                j = i
                while j < end and text[j].isspace():
                    j += 1
                if j < end and (text[j] in OPEN_DOUBLE or text[j] == '"' or text.startswith(("''", "``"), j)):
                    # the quotation goes on in the next paragraph: skip its opening mark
                    stack = [(k, p) for k, p in stack if k in _DOUBLE_KINDS]
                    i = j + (2 if text.startswith(("''", "``"), j) else 1)
                    continue
            _close_all(text, stack, start, i, out)
            stack = []
            i += 1
            continue
        if text.startswith(("''", "``"), i) and i + 1 < end:
            # a closing pair may stand after a space when no word follows it: "coalitions, '' said"
            after = text[i + 2] if i + 2 < len(text) else " "
            if ch == "'" and any(k == "2" for k, _ in stack) and i > start and (
                    not text[i - 1].isspace() or not after.isalnum()):
                _close(stack, "2", i + 1, out, width=2)
            elif i == start or text[i - 1] in _BEFORE_OPEN:
                stack.append(("2", i))
            i += 2
            continue
        if ch == "“" and i > start and any(k == "d" for k, _ in stack) and not text[i - 1].isspace() \
                and text[i - 1] not in _BEFORE_OPEN and not text[i + 1:i + 2].isalnum():
            # an opening mark typed for a closing one, glued to the word it ends ('is “the best in the world“ and
            # ...', realworld49): it closes the open quotation; an opener stands after a space or a bracket
            _close(stack, "d", i, out)
        elif ch in OPEN_DOUBLE:
            stack.append(("d", i))
        elif ch in CLOSE_DOUBLE:
            # a curly mark may close a straight one: “...," and "...” both occur in pasted text
            _close(stack, "d" if any(k == "d" for k, _ in stack) else '"', i, out)
        elif ch == '"':
            can_close = i > start and not text[i - 1].isspace()
            if can_close and any(k == '"' for k, _ in stack):
                _close(stack, '"', i, out)
            elif can_close and stack and stack[-1][0] == "d" and not (text[i + 1:i + 2].isalnum()):
                _close(stack, "d", i, out)
            elif i == start or text[i - 1] in _BEFORE_OPEN or text[i - 1] in OPEN_SINGLE:
                stack.append(('"', i))
            # else a mark glued to a word that opens nothing is an inch sign or a typo: 6'3" tall
        elif ch in OPEN_SINGLE and _opens_single(text, i):
            stack.append(("s", i))
        elif ch in CLOSE_SINGLE and any(k == "s" for k, _ in stack) and _closes_single(text, i):
            _close(stack, "s", i, out)
        elif ch == "'":
            if any(k == "'" for k, _ in stack) and _closes_single(text, i):
                _close(stack, "'", i, out)
            elif _opens_single(text, i):
                stack.append(("'", i))
        i += 1
    _close_all(text, stack, start, end, out)
    out.sort(key=lambda m: m.start)
    return out


def _close(stack: list, kind: str, i: int, out: list[Marked], width: int = 1) -> None:
    """Close the innermost open mark of `kind` whose last character is at i; marks opened inside it
    are dropped."""
    for k in range(len(stack) - 1, -1, -1):
        if stack[k][0] == kind:
            _, pos = stack[k]
            del stack[k:]
            out.append(Marked(pos, i + 1, len(stack), width=width))
            return


def _close_all(text: str, stack: list, start: int, end: int, out: list[Marked]) -> None:
    """At a paragraph end: an open double quotation ends with the paragraph; open singles were apostrophes."""
    for k, (kind, pos) in enumerate(stack):
        if kind in _DOUBLE_KINDS:
            width = 2 if kind == "2" else 1
            stop = end
            while stop > pos + width and text[stop - 1].isspace():
                stop -= 1
            if stop > pos + width:
                out.append(Marked(pos, stop, k, closed=False, width=width))
            return
