"""One exception root, `SpinscopeError`, and the few kinds the CLI maps to messages and exit codes.

Failures on single inputs are not raised to the caller of a batch: they come back as `Failure`
values in the stream (`spinscope.ingest.base.Failure`). These exceptions are for what stops a run
before it starts (a bad configuration, a broken data file, a missing model) and for the Python API
on one document.
"""
from __future__ import annotations


class SpinscopeError(Exception):
    """The root of every error spinscope raises on purpose."""

    exit_code = 1


class ConfigError(SpinscopeError, ValueError):
    """A configuration that cannot run: an unknown section, key, stage or an impossible stage order."""

    exit_code = 2


class DataFileError(SpinscopeError, ValueError):
    """A knowledge or data file (packaged or the user's) that cannot be read; the message starts with file:line."""

    exit_code = 2


class InputError(SpinscopeError, ValueError):
    """An input document that cannot be read (the API raises it; batches yield a `Failure` instead)."""


class ModelError(SpinscopeError, RuntimeError):
    """A model that is missing, unreadable or does not match the code that uses it."""


class AnalysisError(SpinscopeError):
    """A stage failed on a document (the API raises it; batches yield a `Failure` instead)."""
