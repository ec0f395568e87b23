"""JSONL / JSON / CSV / Parquet readers: columns, row tracing, bad rows, streaming."""
from __future__ import annotations

import csv
import gzip
import json

import pytest

from spinscope.ingest import read
from spinscope.ingest.base import Failure, ReadOptions
from spinscope.model import Document

from .ingest_samples import EN_PARAS, FR_TEXT, RU_TEXT

ROWS = [
    {"text": EN_PARAS[0], "title": "Bridge repairs delayed", "url": "https://courier.example/a",
     "date": "March 14, 2024", "outlet": "The Millbrook Courier", "language": "en"},
    {"text": RU_TEXT, "title": "Ремонт моста", "url": "https://vestnik.example/b",
     "date": "2024-03-15T08:00:00+03:00", "outlet": "Северный вестник", "language": "ru"},
    {"text": FR_TEXT, "url": "https://valbrune.example/c", "date": "sometime in spring"},
]


def _split(results):
    results = list(results)
    return ([r for r in results if isinstance(r, Document)],
            [r for r in results if isinstance(r, Failure)])


def _write_jsonl(path, rows, bad_lines=None):
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    for at, line in sorted((bad_lines or {}).items()):
        lines.insert(at - 1, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _check_rows(docs, path, numbers):
    assert [d.source.path for d in docs] == [f"{path}#{n}" for n in numbers]
    a, b, c = docs
    assert a.source.title == "Bridge repairs delayed" and a.source.published == "2024-03-14"
    assert a.source.outlet == "The Millbrook Courier" and a.source.language == "en"
    assert a.text == EN_PARAS[0] and a.hints == {}  # the corpus text exactly as given
    assert b.source.published == "2024-03-15" and b.source.url == "https://vestnik.example/b"
    assert RU_TEXT in b.text
    assert c.text == FR_TEXT and c.source.title is None and c.hints == {}
    assert c.source.published == "sometime in spring"  # unparseable dates are kept as given


def test_jsonl_rows_and_metadata(tmp_path):
    path = tmp_path / "corpus.jsonl"
    _write_jsonl(path, ROWS)
    docs, fails = _split(read(path))
    assert fails == []
    _check_rows(docs, path, [1, 2, 3])


def test_jsonl_bad_lines_do_not_stop_the_rest(tmp_path):
    path = tmp_path / "corpus.jsonl"
    _write_jsonl(path, ROWS, bad_lines={2: "{not json at all", 4: '{"text": "   "}',
                                        5: "[1, 2, 3]"})
    results = list(read(path))
    docs, fails = _split(results)
    _check_rows(docs, path, [1, 3, 6])
    assert [f.input for f in fails] == [f"{path}#2", f"{path}#4", f"{path}#5"]
    assert fails[0].reason.startswith("not JSON: ")
    assert str(fails[0]).startswith(f"'{path}#2': not JSON: ")
    assert fails[1].reason == "empty text"
    assert fails[2].reason == "not a JSON object but list"
    # failures come in file order between the documents
    assert [type(r).__name__ for r in results] == ["Document", "Failure", "Document", "Failure",
                                                   "Failure", "Document"]


def test_jsonl_gz_and_custom_columns(tmp_path):
    rows = [{"body": r["text"], "headline": r.get("title"), "link": r["url"],
             "published_at": r["date"], "site": r.get("outlet"), "lang": r.get("language")}
            for r in ROWS]
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(r) for r in rows))
    cols = {"text": "body", "title": "headline", "url": "link", "date": "published_at",
            "outlet": "site", "language": "lang"}
    docs, fails = _split(read(path, ReadOptions(columns=cols)))
    assert fails == []
    _check_rows(docs, path, [1, 2, 3])


def test_missing_text_column_names_what_exists(tmp_path):
    path = tmp_path / "corpus.jsonl"
    _write_jsonl(path, [{"body": "x", "headline": "y"}])
    (fail,) = read(path)
    assert isinstance(fail, Failure)
    assert fail.reason == "no text column 'text'; columns found: 'body', 'headline'"


def test_json_array_file(tmp_path):
    path = tmp_path / "corpus.json"
    path.write_text(json.dumps(ROWS, indent=2, ensure_ascii=False), encoding="utf-8")
    docs, fails = _split(read(path))
    assert fails == []
    _check_rows(docs, path, [1, 2, 3])


def test_truncated_jsonl_gz(tmp_path):
    path = tmp_path / "corpus.jsonl.gz"
    data = gzip.compress("\n".join(json.dumps(r) for r in ROWS * 200).encode())
    path.write_bytes(data[: len(data) * 2 // 3])
    docs, fails = _split(read(path))
    assert len(docs) > 10
    assert len(fails) == 1 and fails[0].reason.startswith("truncated gzip after ")


def _write_csv(path, rows, delimiter=",", encoding="utf-8"):
    fields = ["title", "text", "url", "date", "outlet", "language"]
    with open(path, "w", newline="", encoding=encoding) as fh:
        w = csv.DictWriter(fh, fieldnames=fields, delimiter=delimiter)
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in fields})


@pytest.mark.parametrize("name, delimiter", [("c.csv", ","), ("c.csv", ";"), ("c.tsv", "\t")])
def test_csv_rows_traceable_by_line(tmp_path, name, delimiter):
    path = tmp_path / name
    rows = [dict(ROWS[0], text=EN_PARAS[0] + "\n\n" + EN_PARAS[1]), ROWS[1], ROWS[2]]
    _write_csv(path, rows, delimiter)
    docs, fails = _split(read(path))
    assert fails == []
    # header is line 1; the first row spans lines 2-4 and the second 5-6 (quoted newlines)
    assert [d.source.path for d in docs] == [f"{path}#2", f"{path}#5", f"{path}#7"]
    assert docs[0].text == EN_PARAS[0] + "\n\n" + EN_PARAS[1]
    assert RU_TEXT in docs[1].text and docs[1].source.published == "2024-03-15"


def test_csv_large_field_and_legacy_encoding(tmp_path):
    path = tmp_path / "big.csv"
    long_text = (FR_TEXT.strip() + " ") * 2000  # ~330 KB, beyond csv's default field limit
    _write_csv(path, [{"title": "Rénovation", "text": long_text}], encoding="latin-1")
    (doc,) = read(path)
    assert isinstance(doc, Document)
    assert doc.source.title == "Rénovation"
    assert doc.text == long_text


def test_csv_missing_column_and_empty_rows(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("headline,body\nA,B\n", encoding="utf-8")
    (fail,) = read(path)
    assert fail.reason == "no text column 'text'; columns found: 'headline', 'body'"
    path2 = tmp_path / "e.csv"
    path2.write_text("title,text\nOne,\nTwo,Some text here\n", encoding="utf-8")
    docs, fails = _split(read(path2))
    assert [f.input for f in fails] == [f"{path2}#2"] and fails[0].reason == "empty text"
    assert docs[0].text == "Some text here" and docs[0].source.title == "Two"


def test_parquet_batches(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = (ROWS * 400)[:1100]  # more than one record batch
    table = pa.table({k: [r.get(k) for r in rows] for k in
                      ["text", "title", "url", "date", "outlet", "language"]})
    path = tmp_path / "corpus.parquet"
    pq.write_table(table, path, row_group_size=300)
    docs, fails = _split(read(path))
    assert fails == [] and len(docs) == 1100
    _check_rows(docs[:3], path, [1, 2, 3])
    assert docs[-1].source.path == f"{path}#1100"


def test_parquet_missing_text_column(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"content": ["x"], "id": [1]}), path)
    (fail,) = read(path)
    assert fail.reason == "no text column 'text'; columns found: 'content', 'id'"


def test_parquet_timestamp_dates(tmp_path):
    import datetime as dt

    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "ts.parquet"
    pq.write_table(pa.table({"text": ["Some news text."],
                             "date": [dt.datetime(2023, 11, 5, 14, 0)]}), path)
    (doc,) = read(path)
    assert doc.source.published == "2023-11-05"
