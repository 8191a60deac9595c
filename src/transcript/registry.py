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

    def load(self) -> ReadFunction:
        module = importlib.import_module(f"transcript.read.{self.module}")
        return cast(ReadFunction, module.read)


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


def detect_reader(source: DecodedText, suffix: str = "") -> tuple[ReaderEntry, str]:
    """Choose a reader for `source` and say why (the reason is shown by `inspect`)."""
    head = source.text.lstrip()[:200]
    if (head.startswith("{") and '"transcript/' in head) or suffix.lower() == ".json":
        return find_reader("json"), "the text is a JSON object"
    return find_reader("plain"), "'Label: text' is the general reader for speaker-labelled text"
