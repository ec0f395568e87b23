"""The time budget per document (issue 12, point 10): a slow document is dropped, the batch goes on."""
from __future__ import annotations

import threading
import time

import pytest

from spinscope import budget
from spinscope.api import analyze, analyze_paths
from spinscope.budget import OverBudget, deadline
from spinscope.ingest.base import Failure, ReadError, ReadOptions
from spinscope.model import Document
from spinscope.pipeline import STAGES, Pipeline, register_stage

SLOW = "SLOW-DOCUMENT"


@pytest.fixture
def slow_stage():
    """A stage that loops for ever on a document holding SLOW, in pure Python and without check()."""
    @register_stage("test_slow", requires=("body",), assigns=("techniques",))
    def make(config, resources):
        def stage(docs):
            for doc in docs:
                if SLOW in doc.text:
                    n = 0
                    while True:
                        n += 1
        return stage
    yield "test_slow"
    STAGES.pop("test_slow", None)


def test_deadline_interrupts_a_pure_python_loop():
    t0 = time.monotonic()
    with pytest.raises(OverBudget) as info:
        with deadline(0.3):
            while True:
                pass
    assert time.monotonic() - t0 < 5
    assert "0.3 s per document" in str(info.value) and "--doc-timeout" in str(info.value)


def test_no_budget_and_a_finished_block_leave_no_timer():
    with deadline(None):
        pass
    with deadline(5):
        pass
    time.sleep(0.05)
    import signal
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_check_keeps_the_budget_off_the_main_thread():
    caught = []

    def work():
        try:
            with deadline(0.2):
                while True:
                    budget.check()
        except OverBudget as e:
            caught.append(e)
    t = threading.Thread(target=work, daemon=True)
    t.start()
    t.join(5)
    assert caught and not t.is_alive()


def test_a_stage_catching_exception_cannot_swallow_the_deadline():
    with pytest.raises(OverBudget):
        with deadline(0.2):
            while True:
                try:
                    time.sleep(0.01)
                except Exception:  # noqa: BLE001 - what a careless stage might do
                    pass


def test_slow_document_is_dropped_and_the_batch_goes_on(tmp_path, slow_stage):
    names = ["a.txt", "b.txt", "c.txt"]
    for name, text in zip(names, ["First text. It is fine.", f"Second {SLOW} text.", "Third text. Also fine."]):
        (tmp_path / name).write_text(text)
    pipeline = Pipeline(stages=["clean", slow_stage], doc_timeout=0.5)
    t0 = time.monotonic()
    out = list(analyze_paths([tmp_path / n for n in names], pipeline=pipeline))
    assert time.monotonic() - t0 < 10
    assert [type(x).__name__ for x in out] == ["Document", "Failure", "Document"]
    assert out[1].input.endswith("b.txt")
    assert out[1].reason == "over the time budget of 0.5 s per document (in stage 'test_slow'); raise it with --doc-timeout"


def test_analyze_raises_over_budget(slow_stage):
    pipeline = Pipeline(stages=["clean", slow_stage], doc_timeout=0.3)
    with pytest.raises(OverBudget):
        analyze(f"A {SLOW} text.", pipeline=pipeline)
    assert isinstance(analyze("A quick text.", pipeline=pipeline), Document)


def test_slow_page_extraction_fails_that_page_only(tmp_path, monkeypatch):
    import spinscope.ingest.html as html

    real = html._document_from_html

    def slow(markup, **kw):
        if SLOW in (markup if isinstance(markup, str) else markup.decode()):
            while True:
                pass
        return real(markup, **kw)
    monkeypatch.setattr(html, "_document_from_html", slow)
    from spinscope.ingest import read
    page = "<html><body><article><p>{}</p></article></body></html>"
    (tmp_path / "a.html").write_text(page.format(SLOW))
    (tmp_path / "b.html").write_text(page.format("A paragraph long enough to be the article text of this page. " * 3))
    out = list(read([tmp_path], ReadOptions(doc_timeout=3)))
    assert isinstance(out[0], Failure) and out[0].reason.startswith("over the time budget of 3 s per page")
    assert isinstance(out[1], Document)
    with pytest.raises(ReadError):
        html.document_from_html(page.format(SLOW), timeout=0.2)
