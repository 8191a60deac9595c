"""The model to transcript/1 JSON: a lossless image that `transcript.read.json` reads back.

The dicts are built by hand, one small function per node class found through
one table (a node class the table does not know raises `WriteError`), and
serialised by the stdlib's C encoder. With an indent, the outer structure is
indented and each speaker, block and diagnostic is written compactly on a line
of its own: a line diff of two versions then shows the turns that changed, and
the C encoder stays in use (the stdlib's `indent=` path is pure Python and
several times slower). The format is described in docs/json-format.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..errors import WriteError
from ..model import (
    Annotation,
    Diagnostic,
    Heading,
    Metadata,
    Paragraph,
    Prose,
    SourceSpan,
    Speaker,
    Text,
    Timestamp,
    Transcript,
    Turn,
)

VERSION = "transcript/1"
"""The format version this module writes."""

JsonObject = dict[str, Any]


def _text(node: Text) -> JsonObject:
    return {"type": "text", "text": node.text}


def _annotation(node: Annotation) -> JsonObject:
    return {
        "type": "annotation",
        "kind": node.kind.value,
        "printed": node.printed,
        "seconds": node.seconds,
    }


def _timestamp(node: Timestamp) -> JsonObject:
    return {"type": "timestamp", "seconds": node.seconds, "printed": node.printed}


_INLINE: dict[type, Callable[[Any], JsonObject]] = {
    Text: _text,
    Annotation: _annotation,
    Timestamp: _timestamp,
}


def _paragraphs(paragraphs: tuple[Paragraph, ...]) -> list[list[JsonObject]]:
    inline = _INLINE
    try:
        return [
            [
                {"type": "text", "text": node.text}
                if type(node) is Text
                else inline[type(node)](node)
                for node in paragraph.content
            ]
            for paragraph in paragraphs
        ]
    except KeyError as error:
        raise _unknown("inline node", error.args[0]) from None


def _span(span: SourceSpan | None) -> JsonObject | None:
    if span is None:
        return None
    return {"first_line": span.first_line, "last_line": span.last_line}


def _turn(block: Turn) -> JsonObject:
    span = block.span
    return {
        "type": "turn",
        "speaker": block.speaker,
        "label": block.label,
        "paragraphs": _paragraphs(block.paragraphs),
        "start": block.start,
        "end": block.end,
        "span": None
        if span is None
        else {"first_line": span.first_line, "last_line": span.last_line},
    }


def _prose(block: Prose) -> JsonObject:
    return {
        "type": "prose",
        "kind": block.kind.value,
        "paragraphs": _paragraphs(block.paragraphs),
        "span": _span(block.span),
    }


def _heading(block: Heading) -> JsonObject:
    return {"type": "heading", "text": block.text, "level": block.level, "span": _span(block.span)}


_BLOCK: dict[type, Callable[[Any], JsonObject]] = {
    Turn: _turn,
    Prose: _prose,
    Heading: _heading,
}


def _metadata(metadata: Metadata) -> JsonObject:
    return {
        "title": metadata.title,
        "subtitle": metadata.subtitle,
        "date": metadata.date,
        "language": metadata.language,
        "source": metadata.source,
        "url": metadata.url,
        "description": metadata.description,
        "location": metadata.location,
        "style": metadata.style,
        "encoding": metadata.encoding,
        "authors": list(metadata.authors),
        "extra": [[key, value] for key, value in metadata.extra],
    }


def _speaker(speaker: Speaker) -> JsonObject:
    return {
        "id": speaker.id,
        "name": speaker.name,
        "aliases": list(speaker.aliases),
        "role": speaker.role.value,
        "affiliation": speaker.affiliation,
    }


def _diagnostic(diagnostic: Diagnostic) -> JsonObject:
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "line": diagnostic.line,
        "message": diagnostic.message,
    }


def _blocks(doc: Transcript) -> list[JsonObject]:
    table = _BLOCK
    try:
        return [table[type(block)](block) for block in doc.blocks]
    except KeyError as error:
        raise _unknown("block", error.args[0]) from None


def _unknown(what: str, cls: object) -> WriteError:
    name = getattr(cls, "__qualname__", repr(cls))
    return WriteError(f"the JSON writer does not know the {what} class {name}")


def to_dict(doc: Transcript) -> JsonObject:
    """The JSON-ready dict of `doc` (plain dicts, lists, strings, numbers, None)."""
    return {
        "version": VERSION,
        "metadata": _metadata(doc.metadata),
        "speakers": [_speaker(speaker) for speaker in doc.speakers],
        "blocks": _blocks(doc),
        "diagnostics": [_diagnostic(diagnostic) for diagnostic in doc.diagnostics],
    }


def dumps(doc: Transcript, indent: int | None = 2) -> str:
    """The transcript/1 JSON text of `doc`.

    `indent=None` gives one compact line; an indent lays out the outer structure
    with it and puts each speaker, block and diagnostic on a line of its own.
    Non-ASCII text is written as is, except U+2028, U+2029 and U+0085, which
    are escaped. Raises `WriteError` for a value JSON cannot hold (NaN, an
    infinity, an object that is not part of the model).
    """
    data = to_dict(doc)
    encoder = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    try:
        text = encoder.encode(data) if indent is None else _indented(data, encoder, " " * indent)
    except ValueError as error:  # allow_nan=False: NaN or an infinity
        raise WriteError(f"cannot write JSON: {error} (times must be finite numbers)") from error
    except TypeError as error:
        raise WriteError(f"cannot write JSON: {error}") from error
    for char, escape in _LINE_BREAKS:
        if char in text:  # only inside strings, where the escape means the same character
            text = text.replace(char, escape)
    return text


_LINE_BREAKS = (("\u2028", "\\u2028"), ("\u2029", "\\u2029"), ("\x85", "\\u0085"))
"""Characters JSON allows raw that line-based tools (and `str.splitlines`, and JavaScript
before ES2019) take for line breaks: written escaped, they cannot split a line of the file."""


def _indented(data: JsonObject, encoder: json.JSONEncoder, pad: str) -> str:
    encode = encoder.encode
    out = ["{\n", pad, '"version": ', encode(data["version"]), ",\n", pad, '"metadata": {']
    metadata = data["metadata"]
    out.append(",".join(f"\n{pad}{pad}{encode(key)}: {encode(metadata[key])}" for key in metadata))
    out += ["\n", pad, "}"]
    for key in ("speakers", "blocks", "diagnostics"):
        items = data[key]
        out += [",\n", pad, encode(key), ": ["]
        if items:
            joint = f",\n{pad}{pad}"
            out += ["\n", pad, pad, joint.join(map(encode, items)), "\n", pad]
        out.append("]")
    out.append("\n}\n")
    return "".join(out)


def render(doc: Transcript, options: object = None) -> bytes:
    """The writer entry point for the registry: UTF-8 bytes of `dumps(doc)`."""
    if options is not None:
        raise WriteError(f"the JSON writer takes no options, got {type(options).__name__}")
    text = dumps(doc)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        char = f"U+{ord(text[error.start]):04X}"
        raise WriteError(
            f"line {line} of the JSON holds a lone surrogate ({char}), which UTF-8 cannot "
            "encode; clean the document's text before writing it"
        ) from error
