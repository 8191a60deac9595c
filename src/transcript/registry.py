"""The one table of readers and writers: names, file suffixes and media types.

The API and the CLI take their choices and suffix detection from here, so a new
format is one module plus one entry below. Modules are imported only when used,
so reading JSON never imports reportlab.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePath
from typing import Any, cast

import attrs

from .decode import DecodedText
from .errors import UnknownFormatError
from .model import Transcript
from .read import ReadOptions

ReadFunction = Callable[[DecodedText, ReadOptions], Transcript]
RawReadFunction = Callable[[str | bytes], Transcript]
WriteFunction = Callable[[Transcript, Any], bytes]


@attrs.frozen
class ReaderEntry:
    """An input style."""

    name: str
    module: str
    """Module under `transcript.read` whose `read` function reads this style."""
    suffixes: tuple[str, ...]
    media_types: tuple[str, ...]
    description: str

    raw: bool = False
    """True for the library's own lossless formats: `loads(str | bytes)` reads the raw
    input, without text normalisation, and the stored metadata is kept as it is."""

    def load(self) -> ReadFunction:
        module = importlib.import_module(f"transcript.read.{self.module}")
        return cast(ReadFunction, module.read)

    def load_raw(self) -> RawReadFunction:
        module = importlib.import_module(f"transcript.read.{self.module}")
        return cast(RawReadFunction, module.loads)


@attrs.frozen
class WriterEntry:
    """An output format."""

    name: str
    module: str
    """Module under `transcript.write` whose `render(doc, options) -> bytes` writes it."""
    suffixes: tuple[str, ...]
    media_type: str
    description: str

    def load(self) -> WriteFunction:
        module = importlib.import_module(f"transcript.write.{self.module}")
        return cast(WriteFunction, module.render)


READERS: tuple[ReaderEntry, ...] = (
    ReaderEntry(
        "plain",
        "plain",
        (".txt", ".text"),
        ("text/plain",),
        "'Label: text' documents: interviews, Q&A, broadcast and press transcripts",
    ),
    ReaderEntry(
        "json",
        "json",
        (".json",),
        ("application/json",),
        "the transcript/1 JSON format this library writes",
        raw=True,
    ),
)

WRITERS: tuple[WriterEntry, ...] = (
    WriterEntry("json", "json", (".json",), "application/json", "transcript/1 JSON, lossless"),
)

AUTO = "auto"


def reader_names() -> tuple[str, ...]:
    return (AUTO, *(entry.name for entry in READERS))


def writer_names() -> tuple[str, ...]:
    return tuple(entry.name for entry in WRITERS)


def find_reader(name: str) -> ReaderEntry:
    """The reader called `name`; UnknownFormatError listing the valid names otherwise."""
    for entry in READERS:
        if entry.name == name:
            return entry
    raise UnknownFormatError("input style", name, reader_names())


def find_writer(name: str) -> WriterEntry:
    """The writer called `name`; UnknownFormatError listing the valid names otherwise."""
    for entry in WRITERS:
        if entry.name == name:
            return entry
    raise UnknownFormatError("output format", name, writer_names())


def writer_for_path(path: str | PurePath) -> WriterEntry:
    """The writer whose suffix matches `path`'s; UnknownFormatError when none does."""
    suffix = PurePath(path).suffix.lower()
    for entry in WRITERS:
        if suffix in entry.suffixes:
            return entry
    valid = [s for entry in WRITERS for s in entry.suffixes]
    raise UnknownFormatError("output suffix", suffix or "(none)", valid)


def detect_reader(head: str, suffix: str = "") -> tuple[ReaderEntry, str]:
    """Choose a reader from the start of the input and its file suffix, and say why."""
    if suffix.lower() == ".json" or (head.startswith("{") and '"transcript/' in head):
        return find_reader("json"), "the input is transcript/1 JSON"
    return find_reader("plain"), "'Label: text' is the general reader for speaker-labelled text"
