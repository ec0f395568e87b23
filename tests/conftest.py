"""Shared test helpers: where the repo, the examples and ../shared are, and documents as the cleaner leaves them."""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from spinscope.model import Comment, Document, Span

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("SPINSCOPE_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
CHECKER = SHARED / "tools" / "check_output.py"
# The quality gates run the bench scripts in-process (`from bench import quotes`) against these floors.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))
# The suite trains throwaway models (taggers of made-up corpora), each exported and converted under its own hash: in
# the user's cache (~/.cache/spinscope) they piled up, some 0.7 GB a run. Unless the caller names a cache
# (SPINSCOPE_CACHE), the run gets its own, removed when it ends (`pytest_unconfigure`); subprocesses inherit it.
RUN_CACHE = None if os.environ.get("SPINSCOPE_CACHE") else tempfile.mkdtemp(prefix="spinscope-test-cache-")
if RUN_CACHE:
    os.environ["SPINSCOPE_CACHE"] = RUN_CACHE
NO_SHARED = pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared is absent (set SPINSCOPE_SHARED)")


def pytest_unconfigure(config):
    if RUN_CACHE:
        shutil.rmtree(RUN_CACHE, ignore_errors=True)


def need(*parts: str) -> Path:
    """A path under ../shared, or a clean skip when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture
def shared():
    """The read-only evaluation data; tests that need it skip cleanly when it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is absent")
    return SHARED


def cleaned_document(paragraphs: list[str], comments: list[tuple[str, str]] = (), *, title: str | None = None,
                     **fields) -> Document:
    """A document as the cleaner would leave it: a title if given, body paragraphs, then (author, words) comments."""
    text = "" if title is None else title + "\n\n"
    body, thread = [], []
    for p in paragraphs:
        body.append(Span(len(text), len(text) + len(p)))
        text += p + "\n\n"
    for i, (author, words) in enumerate(comments, 1):
        a = len(text)
        text += author + "\n"
        c = len(text)
        text += words + "\n\n"
        thread.append(Comment(f"c{i}", None, author, 0, c, c + len(words), author_span=Span(a, a + len(author))))
    return Document(text=text, title=None if title is None else Span(0, len(title)), body=body, comments=thread,
                    **fields)
