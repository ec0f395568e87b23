"""Exports of analyzed documents to analyst formats (CSV, JSONL, GeoJSON)."""
