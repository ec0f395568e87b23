# Two entry points: `make demo` (analyze the bundled examples) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench clean-venv train-techniques

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --no-cache-dir -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/spinscope analyze examples/ --format pretty

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/seeds.py
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/articlebench.py

# Retrain the packaged techniques model on ../shared/corpus/ptc (a few minutes on 2 cores; seeded).
PTC ?= ../shared/corpus/ptc
train-techniques: $(STAMP)
	$(BIN)/spinscope train techniques --ptc $(PTC) --out src/spinscope/data/models/techniques

clean-venv:
	rm -rf $(VENV)
