"""Benchmark scripts; each is runnable as `python bench/NAME.py` and importable for its `run(...)`."""
