"""The public functions: load, parse, render, convert, to_pdf, and the JSON pair.

These are thin: they pick a reader or writer from the registry, call it, and
wrap anything unexpected in the library's own errors. All logic lives in the
readers, the writers and the modules they share.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, TypeVar

import attrs

from . import registry
from .decode import DecodedText, decode, normalise
from .errors import DecodeError, TranscriptError, WriteError
from .fileio import MAX_INPUT_BYTES, atomic_write_bytes, check_output_path, read_input_bytes
from .model import Diagnostic, Role, Severity, Transcript
from .read import ReadOptions
from .write._pdf_options import PdfOptions
from .write._rendered import Rendered
from .write.html_options import HtmlOptions

Source = str | os.PathLike[str] | IO[bytes] | IO[str]
T = TypeVar("T")
Report = Callable[[Diagnostic], None]
"""Called with each diagnostic a writer raises (e.g. a character no bundled PDF font has)."""


def parse(
    text: str,
    style: str = "auto",
    *,
    speakers: Mapping[str, str] | None = None,
    roles: Mapping[str, Role | str] | None = None,
) -> Transcript:
    """Read a document held in a `str`.

    `speakers` maps printed labels to the speaker they stand for
    (`{"JT": "Dr. Jane Thompson"}`); `roles` maps labels or names to roles
    (`{"Q": "interviewer"}`, any case).
    """
    if not isinstance(text, (str, bytes)):
        raise DecodeError(f"parse() takes the document as a str, got {type(text).__name__}")
    options = ReadOptions(speakers=speakers, roles=roles)
    return _read(text, style, options, encoding=None, suffix="")


def load(
    source: Source,
    style: str = "auto",
    *,
    encoding: str | None = None,
    speakers: Mapping[str, str] | None = None,
    roles: Mapping[str, Role | str] | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Transcript:
    """Read a document from a path or an open file (bytes are decoded, text is taken as is).

    Inputs over `max_bytes` (a positive int) raise `LimitError` before they are read whole.
    """
    options = ReadOptions(speakers=speakers, roles=roles)
    data, suffix = read_input_bytes(source, max_bytes)
    return _read(data, style, options, encoding=encoding, suffix=suffix)


def _read(
    data: str | bytes, style: str, options: ReadOptions, *, encoding: str | None, suffix: str
) -> Transcript:
    """Pick the reader, then hand it the raw input (structured formats) or decoded text."""
    detection = None
    if style == registry.AUTO and registry.is_raw_json(_head(data), suffix):
        entry = registry.find_reader("json")
    elif style != registry.AUTO:
        entry = registry.find_reader(style)
    else:
        entry = None
    if entry is not None and entry.raw:  # own lossless formats: no normalisation, metadata kept
        return _guarded(entry.load_raw(), data)
    decoded = normalise(data) if isinstance(data, str) else decode(data, encoding)
    if entry is None:
        detection = _guarded(registry.detect_reader, decoded.text, suffix)
        entry = detection.entry
    doc = read_decoded(decoded, entry, options)
    if detection is None:
        return doc
    note = Diagnostic("style-detected", Severity.INFO, detection.explain())
    return attrs.evolve(doc, diagnostics=(note, *doc.diagnostics))


def _head(data: str | bytes) -> str:
    """The start of the input as text, for sniffing (bad bytes ignored, BOM and space dropped)."""
    head = data[:512]
    text = head.decode("utf-8", "ignore") if isinstance(head, bytes) else head
    return text.lstrip("\ufeff \t\r\n")


def read_decoded(
    source: DecodedText, entry: registry.ReaderEntry, options: ReadOptions
) -> Transcript:
    """Run a text reader on decoded text; record the reader, the encoding and decoding repairs."""
    doc: Transcript = _guarded(entry.load(), source, options)
    diagnostics = doc.diagnostics
    if source.diagnostics:  # what decoding repaired belongs to the document, whatever the reader
        diagnostics = tuple(
            sorted((*source.diagnostics, *doc.diagnostics), key=lambda d: d.line or 0)
        )
    metadata = attrs.evolve(
        doc.metadata, style=doc.metadata.style or entry.name, encoding=source.encoding
    )
    return attrs.evolve(doc, metadata=metadata, diagnostics=diagnostics)


def render(
    doc: Transcript, format: str, options: Any = None, *, report: Report | None = None
) -> bytes:
    """Write `doc` in the named output format (`json`, `html`, `pdf`, …) and return the bytes.

    `options` is the writer's own options class (`HtmlOptions`, `PdfOptions`) or None;
    `report`, when given, is called with each diagnostic the writer raises.
    """
    entry = registry.find_writer(format)
    rendered = _guarded(entry.load_full(), doc, options, pause=entry.pause_collector)
    return _told(report, rendered).data


def to_pdf(
    doc: Transcript, options: PdfOptions | None = None, *, report: Report | None = None
) -> bytes:
    """The PDF of `doc` (`PdfOptions` for page size, margins, font size, layout …).

    A character none of the bundled fonts can draw is printed as `[U+XXXX]` and
    reported: `report`, when given, is called with one diagnostic per character.
    """
    return render(doc, "pdf", options, report=report)


def _told(report: Report | None, rendered: Rendered) -> Rendered:
    if report is not None:
        for diagnostic in rendered.diagnostics:
            report(diagnostic)
    return rendered


def to_json(doc: Transcript, *, indent: int | None = 2) -> str:
    """The transcript/1 JSON text of `doc`; `from_json(to_json(doc)) == doc`."""
    from .write.json import dumps

    return _guarded(dumps, doc, indent)


def to_html(doc: Transcript, options: HtmlOptions | None = None) -> str:
    """The HTML of `doc`: a whole page, or with `HtmlOptions(fragment=True)` one embeddable
    `<article>`. Every character of input text is shown as text, never read as markup."""
    from .write.html import dumps

    return _guarded(dumps, doc, options)


def from_json(data: str | bytes) -> Transcript:
    """Build a document from transcript/1 JSON, validated against the shipped schema first."""
    from .read.json import loads

    return _guarded(loads, data)


def convert(
    source: Source,
    destination: str | os.PathLike[str],
    *,
    to: str | None = None,
    style: str = "auto",
    encoding: str | None = None,
    speakers: Mapping[str, str] | None = None,
    roles: Mapping[str, Role | str] | None = None,
    options: Any = None,
    max_bytes: int = MAX_INPUT_BYTES,
    report: Report | None = None,
) -> Transcript:
    """Read `source` and write it to `destination`, the format from `to` or the suffix.

    The file is written atomically: on any error no partial file is left behind.
    The output format and name are checked before the input is read. The document
    is returned with the writer's diagnostics added to the reader's; `report`,
    when given, is also called with each of the writer's.
    """
    target = _output_path(destination)
    entry = registry.find_writer(to) if to else registry.writer_for_path(target)
    check_output_path(target)
    doc = load(
        source, style, encoding=encoding, speakers=speakers, roles=roles, max_bytes=max_bytes
    )
    rendered = _guarded(entry.load_full(), doc, options, pause=entry.pause_collector)
    rendered = _told(report, rendered)
    atomic_write_bytes(target, rendered.data)
    if rendered.diagnostics:
        doc = attrs.evolve(doc, diagnostics=(*doc.diagnostics, *rendered.diagnostics))
    return doc


def _output_path(destination: str | os.PathLike[str]) -> Path:
    try:
        name = os.fspath(destination)
    except TypeError:
        name = None
    if not isinstance(name, str):
        raise WriteError(
            f"the destination must be a file path (str or os.PathLike), "
            f"got {type(destination).__name__}"
        )
    return Path(name)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause CPython's cyclic GC while a reader or writer builds a large acyclic tree.

    Readers and writers create hundreds of thousands of small objects and no cycles; a
    collection pass every 700 allocations walks the whole growing heap and
    makes reading super-linear (BASELINES.md measured +20 % at 50k turns).
    The collector is restored to the state it was in, even on error.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _guarded(function: Callable[..., T], *args: Any, pause: bool = True) -> T:
    """Call a reader or writer (collector paused unless `pause` is False), turning foreign
    exceptions into ours."""
    try:
        with _collector_paused() if pause else contextlib.nullcontext():
            return function(*args)
    except TranscriptError:
        raise
    except RecursionError as error:
        raise TranscriptError(f"input nested too deeply: {error}") from error
    except MemoryError as error:
        raise TranscriptError("input too large to process in memory") from error
    except Exception as error:  # a bug or a library surprise: never leak it raw
        raise TranscriptError(
            f"internal error in {getattr(function, '__module__', '?')}: "
            f"{type(error).__name__}: {error}"
        ) from error
