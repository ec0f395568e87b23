"""Opening inputs safely: size limits before reading, transparent gzip, truncation as an error."""
from __future__ import annotations

import gzip
import io
import os
import stat
from typing import BinaryIO

from ..errors import InputError
from .base import ReadError

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 65536  # what format sniffing looks at
READ_CHUNK = 1 << 20


class Truncated(InputError):
    """A compressed stream ends early. Not an EOFError: libraries read those as a clean end."""


def megabytes(n: int) -> str:
    """A size for messages: '52.4 MB', or exact bytes when that would round to nothing."""
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def too_large(size: int, limit: int, *, decompressed: bool = False) -> ReadError:
    what = "over " + megabytes(limit) + " once decompressed" if decompressed else megabytes(size)
    return ReadError(f"file too large: {what} > limit {megabytes(limit)} (raise with --max-bytes)")


def check_size(path: str | os.PathLike, max_bytes: int) -> None:
    """Refuse a file bigger than the limit from its size on disk, before reading a byte."""
    size = os.stat(path).st_size
    if size > max_bytes:
        raise too_large(size, max_bytes)


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def not_regular(mode: int) -> str | None:
    """What a file of this `st_mode` is when it is not a regular file ('a named pipe (FIFO)'), else None."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def refuse_special(path: str | os.PathLike) -> None:
    """Raise `ReadError` for pipes, devices and sockets: opening a FIFO blocks, /dev/zero never ends."""
    what = not_regular(os.stat(path).st_mode)
    if what:
        raise ReadError(f"not a regular file: {what}")


def open_regular(path: str | os.PathLike):
    """The file opened for binary reading, refused (never blocked on) unless it is a regular file.

    Opened non-blocking, so a FIFO that appears after a check cannot hang the run; the mode is
    then checked on the open descriptor itself.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        what = not_regular(os.fstat(fd).st_mode)
        if what:
            raise ReadError(f"not a regular file: {what}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class _StrictGzip(gzip.GzipFile):
    """A GzipFile that reports a cut-off stream as `Truncated`, after the bytes that did arrive."""

    _pending: Truncated | None = None

    def _guard(self, method, *args):
        try:
            return method(*args)
        except EOFError as e:
            raise Truncated(f"compressed data ends early ({e})") from None

    def read(self, size=-1):
        # Built from read1 so that data decompressed before the cut is returned first;
        # GzipFile.read would drop it along with the error.
        if self._pending is not None:
            err, self._pending = self._pending, None
            raise err
        chunks, got = [], 0
        while size is None or size < 0 or got < size:
            want = io.DEFAULT_BUFFER_SIZE if size is None or size < 0 else size - got
            try:
                chunk = self._guard(super().read1, want)
            except Truncated as e:
                if not chunks:
                    raise
                self._pending = e
                break
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def read1(self, size=-1):
        return self._guard(super().read1, size)

    def peek(self, n=1):
        return self._guard(super().peek, n)

    def readline(self, size=-1):
        return self._guard(super().readline, size)


def is_gzip(path: str | os.PathLike) -> bool:
    with open_regular(path) as fh:
        return fh.read(2) == GZIP_MAGIC


def open_binary(path: str | os.PathLike) -> BinaryIO:
    """The file's bytes as a stream, gunzipped on the fly when it starts with gzip magic."""
    fh = open_regular(path)
    if fh.read(2) == GZIP_MAGIC:
        fh.seek(0)
        return _StrictGzip(fileobj=fh, mode="rb")  # type: ignore[return-value]
    fh.seek(0)
    return fh


def close_all(stream: BinaryIO) -> None:
    """Close a stream from `open_binary`, including the file under a gzip wrapper."""
    inner = getattr(stream, "fileobj", None)
    stream.close()
    if inner is not None:
        inner.close()


def read_head(path: str | os.PathLike, n: int = HEAD_BYTES) -> bytes:
    """The first `n` bytes of the (decompressed) content; a cut-off gzip gives what there is."""
    stream = open_binary(path)
    try:
        return stream.read(n)
    except (Truncated, OSError):
        return b""
    finally:
        close_all(stream)


def read_whole(path: str | os.PathLike, max_bytes: int) -> bytes:
    """All bytes of a single-document input, refusing anything over the limit without reading it."""
    check_size(path, max_bytes)
    stream = open_binary(path)
    try:
        # One byte more tells "over the limit" after gunzip. Read in chunks: one read allocates
        # what it is asked for, and --max-bytes may be raised to gigabytes.
        chunks, got = [], 0
        while got <= max_bytes and (chunk := stream.read(min(READ_CHUNK, max_bytes + 1 - got))):
            chunks.append(chunk)
            got += len(chunk)
        data = b"".join(chunks)
        del chunks
        if len(data) <= max_bytes:
            stream.read(1)  # at the end: a cut-off gzip stream reports itself here
    except Truncated as e:
        raise ReadError(f"truncated gzip file: {e}") from None
    finally:
        close_all(stream)
    if len(data) > max_bytes:
        # Only a gzip stream can outgrow its size on disk (or a file growing while it is read).
        raise too_large(len(data), max_bytes, decompressed=isinstance(stream, _StrictGzip))
    return data
