"""Reading inputs and writing outputs safely: size limits and atomic replacement."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import DecodeError, LimitError, WriteError

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""Inputs larger than this are refused before being read whole (64 MiB)."""

CHUNK_SIZE = 1024 * 1024
"""Streams are read in pieces of at most this size (1 MiB), so a large limit reserves nothing."""

_TEMPORARY_ATTEMPTS = 100


def _random_token() -> str:
    """Twelve hex digits for a temporary name (`os.urandom`: `secrets` takes 5 ms to import)."""
    return os.urandom(6).hex()


_NEW_FILE_MODE = 0o666
"""Requested for new outputs; the kernel takes the umask off, as for any file a program creates."""


def read_input_bytes(source: Any, limit: int = MAX_INPUT_BYTES) -> tuple[bytes | str, str]:
    """The contents of a path or open file, and the path's suffix ('' for streams).

    A regular file larger than `limit` is refused from its size, before any read;
    a stream is read in chunks and refused once more than `limit` bytes arrived
    (for a text stream, the limit counts characters).
    """
    _check_limit(limit)
    if isinstance(source, (str, os.PathLike)):
        return _read_path(source, limit)
    read = getattr(source, "read", None)
    if not callable(read):
        raise DecodeError(
            f"expected a file path or an open file to read, got {type(source).__name__}"
        )
    name = getattr(source, "name", "")
    what = name if isinstance(name, str) and name else "input"
    try:
        data = _read_at_most(read, limit, CHUNK_SIZE, what)
    except UnicodeError as error:
        encoding = getattr(source, "encoding", None) or "its text encoding"
        raise DecodeError(
            f"{_shown(what)}: cannot decode the open file as {encoding} ({error}); "
            "open it in binary mode ('rb') to let the encoding be detected, or with the "
            "right encoding"
        ) from error
    except (OSError, ValueError, TypeError) as error:
        raise DecodeError(f"{_shown(what)}: cannot read: {_reason(error)}") from error
    return data, Path(name).suffix if isinstance(name, str) else ""


def _read_path(source: str | os.PathLike[Any], limit: int) -> tuple[bytes, str]:
    try:
        path = Path(source)
    except TypeError as error:  # a PathLike giving bytes
        raise DecodeError(f"expected a text file path, got {source!r}") from error
    shown = _shown(str(path))
    if "\0" in str(path):
        raise DecodeError(f"{shown}: not a usable file name (it contains a NUL character)")
    try:
        with path.open("rb") as handle:
            status = os.fstat(handle.fileno())
            first = CHUNK_SIZE
            if stat.S_ISREG(status.st_mode):
                _check_size(status.st_size, limit, shown)
                first = status.st_size + 1  # the whole file in one read, EOF seen by the next
            data = _read_at_most(handle.read, limit, first, shown)
    except FileNotFoundError as error:
        raise DecodeError(f"{shown}: no such file") from error
    except IsADirectoryError as error:
        raise DecodeError(f"{shown}: is a directory, not a file") from error
    except OSError as error:
        raise DecodeError(f"{shown}: cannot read: {_reason(error)}") from error
    except ValueError as error:
        raise DecodeError(f"{shown}: cannot read: {error}") from error
    assert isinstance(data, bytes)  # a file opened in binary mode
    return data, path.suffix


def _read_at_most(read: Callable[[int], Any], limit: int, first: int, what: str) -> bytes | str:
    """Call `read(n)` until end of input, never asking for more than `limit` + 1 in all.

    `first` is the size of the first request (the whole of a regular file when
    its size is known); later requests are at most `CHUNK_SIZE`.
    """
    parts: list[Any] = []
    total = 0
    want = first
    while total <= limit:
        chunk = read(max(1, min(want, limit + 1 - total)))
        if not isinstance(chunk, (bytes, str)) or (parts and type(chunk) is not type(parts[0])):
            raise DecodeError(f"{what}: the input stream returned neither bytes nor text")
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        want = CHUNK_SIZE
    _check_size(total, limit, what)
    if not parts:
        return b""
    empty: bytes | str = parts[0][:0]
    return empty.join(parts)


def _check_limit(limit: object) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit <= 0:
        raise LimitError(f"max_bytes must be a positive whole number, got {limit!r}")


def _check_size(size: int, limit: int, what: str) -> None:
    if size > limit:
        raise LimitError(
            f"{what}: larger than the input limit of {limit:,} bytes "
            f"(raise it with --max-bytes or load(..., max_bytes=...))"
        )


def check_output_path(path: Path) -> None:
    """Refuse a name no file can have (a NUL character) before any work is done."""
    if "\0" in str(path):
        raise WriteError(
            f"{_shown(str(path))}: not a usable file name (it contains a NUL character)"
        )


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write `payload` to `path` via a temporary file in the same folder and a rename.

    The temporary file is created with mode 0o666 less the umask, as any new file
    would be; when `path` exists, its permissions are copied instead. The data is
    flushed to disk before the rename, and on failure the temporary file is removed
    and an existing `path` is left as it was.
    """
    check_output_path(path)
    folder = path.parent if str(path.parent) else Path()
    try:
        descriptor, temporary = _create_temporary(folder, path.name)
    except (OSError, ValueError) as error:
        raise WriteError(f"{_shown(str(path))}: cannot write: {_reason(error)}") from error
    try:
        with os.fdopen(descriptor, "wb") as stream:
            mode = _existing_mode(path)
            if mode is not None:
                _set_mode(stream.fileno(), temporary, mode)
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, (OSError, ValueError)):
            raise WriteError(f"{_shown(str(path))}: cannot write: {_reason(error)}") from error
        raise
    _sync_folder(folder)


def _create_temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new, empty, hidden file beside the output, opened for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    for _ in range(_TEMPORARY_ATTEMPTS):
        temporary = folder / f".{name[:200]}.{_random_token()}.tmp"
        try:
            return os.open(temporary, flags, _NEW_FILE_MODE), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder} after {_TEMPORARY_ATTEMPTS} tries")


def _existing_mode(path: Path) -> int | None:
    """An existing output's permission bits, to be kept; None for a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except (OSError, ValueError):
        return None


def _set_mode(descriptor: int, temporary: Path, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, mode)
    else:  # pragma: no cover - Windows
        temporary.chmod(mode)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (best effort)."""
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - Windows
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def _shown(name: str) -> str:
    """A file name for a message: a NUL character spelled out."""
    return name.replace("\0", "\\0")
