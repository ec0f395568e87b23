"""Parse-tree words the quotes modules share: the tags of a finite verb, the dependencies of a clause's subject."""
from __future__ import annotations

FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
CLAUSE_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
