"""The Python stemmer (corpus/stem.py) against DuckDB's stem(w, 'english'), which built the full-text index."""
from __future__ import annotations

import random
import re
from pathlib import Path

import duckdb

from bench.corpus_synth import corpus
from spinscope.corpus.stem import stem
from spinscope.corpus.store import load_extensions

ROOT = Path(__file__).resolve().parents[1]
# every suffix the algorithm looks at, and some that it must leave alone
SUFFIXES = ["s", "es", "ies", "ied", "ed", "ing", "ingly", "edly", "eed", "eedly", "ly", "li", "ness", "ational",
            "tional", "ation", "ator", "izer", "ization", "alism", "aliti", "alli", "fulness", "ousli", "ousness",
            "iveness", "iviti", "biliti", "bli", "ogi", "fulli", "lessli", "alize", "icate", "iciti", "ical", "ful",
            "ative", "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
            "iti", "ous", "ive", "ize", "ion", "sion", "tion", "e", "l", "ll", "y", "sses", "us", "ss", "at", "bl",
            "iz", "bb", "tt", "abli", "enci", "anci", "entli", "ying", "yed"]
SPECIAL = ["gener", "generate", "generously", "communed", "community", "arsenal", "skis", "skies", "sky", "news",
           "howe", "atlas", "cosmos", "bias", "andes", "dying", "lying", "tying", "idly", "gently", "ugly", "early",
           "only", "singly", "inning", "innings", "outing", "canning", "herring", "earring", "proceed", "exceed",
           "succeed", "proceeded", "succeeding", "yes", "ayy", "yay", "youth", "say", "saying", "says", "cry",
           "cries", "by", "ties", "eyeing", "a", "ab", "abc", "hoped", "hopping", "abed"]


def _words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in [*ROOT.glob("docs/*.md"), *ROOT.glob("src/**/*.py")])
    text += " ".join(r["text"] for r, _ in corpus(300, seed=2, copy_rate=0.0))
    base = sorted(set(re.findall(r"[a-z]+", text.lower())))
    rng = random.Random(7)
    words = set(base) | set(SPECIAL)
    letters = "aeiouybcdfghlmnprstwxzkjvq"
    for i in range(60000):
        if i % 2:
            w = "".join(rng.choice(letters[:12] if rng.random() < .6 else letters) for _ in range(rng.randint(1, 7)))
        else:
            w = rng.choice(base)
        for _ in range(rng.randint(0, 2)):
            w += rng.choice(SUFFIXES)
        words.add(w)
    return sorted(words)


def test_python_stems_equal_duckdb_stems():
    words = _words()
    assert len(words) > 50000
    con = duckdb.connect()
    load_extensions(con, "fts")
    want = con.execute("SELECT w, stem(w, 'english') FROM unnest(?::VARCHAR[]) t(w)", [words]).fetchall()
    wrong = [(w, s, stem(w)) for w, s in want if stem(w) != s]
    assert not wrong, wrong[:20]
