"""The model of a transcript/1 document that has passed every check.

Nothing is checked here: by the time `_build` runs, the data follows the
schema and its cross-references hold, so building is lookups and
constructor calls, kept to the fewest Python calls per turn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import (
    Annotation,
    Diagnostic,
    Heading,
    Inline,
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
from ._json_format import _ANNOTATION_KINDS, _OPTIONAL_TEXT_KEYS, _PROSE_KINDS, _ROLES, _SEVERITIES


def _seconds(value: float | None) -> float | None:
    return None if value is None else float(value)


def _span(value: dict[str, int] | None) -> SourceSpan | None:
    if value is None:
        return None
    first, last = value["first_line"], value["last_line"]
    if type(first) is int and type(last) is int:
        return SourceSpan(first, last)
    return SourceSpan(int(first), int(last))  # 3.0 is an integer to JSON Schema


def _annotation(node: dict[str, Any]) -> Annotation:
    return Annotation(_ANNOTATION_KINDS[node["kind"]], node["printed"], _seconds(node["seconds"]))


def _timestamp(node: dict[str, Any]) -> Timestamp:
    return Timestamp(float(node["seconds"]), node["printed"])


_INLINE: dict[str, Callable[[dict[str, Any]], Inline]] = {
    "annotation": _annotation,
    "timestamp": _timestamp,
}


def _build_paragraphs(paragraphs: list[list[dict[str, Any]]]) -> tuple[Paragraph, ...]:
    built = []
    for paragraph in paragraphs:
        if len(paragraph) == 1 and paragraph[0]["type"] == "text":  # most paragraphs: one run
            content: tuple[Inline, ...] = (Text(paragraph[0]["text"]),)
        else:
            content = tuple(
                [
                    Text(node["text"]) if node["type"] == "text" else _INLINE[node["type"]](node)
                    for node in paragraph
                ]
            )
        built.append(Paragraph(content))
    return tuple(built)


def _turn(block: dict[str, Any]) -> Turn:
    start, end, span = block["start"], block["end"], block["span"]
    return Turn(
        block["speaker"],
        block["label"],
        _build_paragraphs(block["paragraphs"]),
        None if start is None else float(start),
        None if end is None else float(end),
        None if span is None else _span(span),
    )


def _prose(block: dict[str, Any]) -> Prose:
    return Prose(
        _PROSE_KINDS[block["kind"]], _build_paragraphs(block["paragraphs"]), _span(block["span"])
    )


def _heading(block: dict[str, Any]) -> Heading:
    return Heading(block["text"], int(block["level"]), _span(block["span"]))


_BLOCK: dict[str, Callable[[dict[str, Any]], Turn | Prose | Heading]] = {
    "turn": _turn,
    "prose": _prose,
    "heading": _heading,
}


def _build(doc: dict[str, Any]) -> Transcript:
    """The model of a document that has passed every check (nothing is checked here)."""
    metadata = doc["metadata"]
    block_builders = _BLOCK
    return Transcript(
        metadata=Metadata(
            **{key: metadata[key] for key in _OPTIONAL_TEXT_KEYS},
            authors=tuple(metadata["authors"]),
            extra=tuple((key, value) for key, value in metadata["extra"]),
        ),
        speakers=tuple(
            Speaker(
                speaker["id"],
                speaker["name"],
                tuple(speaker["aliases"]),
                _ROLES[speaker["role"]],
                speaker["affiliation"],
            )
            for speaker in doc["speakers"]
        ),
        blocks=tuple([block_builders[block["type"]](block) for block in doc["blocks"]]),
        diagnostics=tuple(
            Diagnostic(
                diagnostic["code"],
                _SEVERITIES[diagnostic["severity"]],
                diagnostic["message"],
                None if diagnostic["line"] is None else int(diagnostic["line"]),
            )
            for diagnostic in doc["diagnostics"]
        ),
    )
