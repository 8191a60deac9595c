"""Reading inputs and writing outputs safely: size limits and atomic replacement."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Any

from .errors import DecodeError, LimitError, WriteError

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""Inputs larger than this are refused before being read whole (64 MiB)."""


def read_input_bytes(source: Any, limit: int = MAX_INPUT_BYTES) -> tuple[bytes | str, str]:
    """The contents of a path or open file, and the path's suffix ('' for streams).

    Reads at most `limit` + 1 bytes so an oversized input is refused without
    being loaded whole.
    """
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
        except FileNotFoundError as error:
            raise DecodeError(f"{path}: no such file") from error
        except IsADirectoryError as error:
            raise DecodeError(f"{path}: is a directory, not a file") from error
        except OSError as error:
            raise DecodeError(f"{path}: cannot read: {error.strerror or error}") from error
        _check_size(len(data), limit, str(path))
        return data, path.suffix
    stream: IO[Any] = source
    try:
        chunk = stream.read(limit + 1)
    except OSError as error:
        raise DecodeError(f"cannot read input: {error}") from error
    if not isinstance(chunk, (bytes, str)):
        raise DecodeError("input stream returned neither bytes nor text")
    _check_size(len(chunk), limit, "input")
    return chunk, Path(str(getattr(stream, "name", ""))).suffix


def _check_size(size: int, limit: int, what: str) -> None:
    if size > limit:
        raise LimitError(
            f"{what}: larger than the input limit of {limit:,} bytes "
            f"(raise it with --max-bytes or load(..., max_bytes=...))"
        )


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write `payload` to `path` via a temporary file in the same folder and a rename."""
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError(f"{path}: cannot write: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        Path(temporary).chmod(_mode_for(path))
        Path(temporary).replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise WriteError(f"{path}: cannot write: {error.strerror or error}") from error
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual rw-r--r--."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644
