"""The report `transcript inspect` prints: how the input was read and what the reader doubted.

`facts` gathers what is worth knowing about a document into plain data; `render_text`
lays it out as aligned text for a person and `render_json` as JSON for a script.
Every value that comes from the input goes through `escape_terminal` (or, for JSON,
the equivalent `\\uXXXX` escapes) before it is printed, so an ESC sequence or a bidi
override in a speaker name cannot reach the terminal raw.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any

import attrs

from .model import Heading, Metadata, Prose, Severity, Transcript, Turn

_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})
"""Controls (C0, C1, DEL), format characters (bidi controls, zero-width characters),
lone surrogates, unassigned code points, and line/paragraph separators."""

_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

_COLUMN_LIMITS = {"id": 24, "name": 32, "aliases": 32, "affiliation": 24}
"""Widest a speaker-table column may grow before its values are cut with an ellipsis."""

_NOT_SHOWN_AS_METADATA = frozenset({"style", "encoding", "extra"})


def _is_unsafe(char: str) -> bool:
    return unicodedata.category(char) in _ESCAPED_CATEGORIES


def escape_terminal(text: str) -> str:
    """`text` safe to print on a terminal: unsafe characters shown as `\\x1b`, `\\u202e`, ….

    Unsafe are controls (C0, C1, DEL, ESC), format characters (bidi controls such as
    U+202E, zero-width characters), line and paragraph separators, lone surrogates and
    unassigned code points. Everything else, including non-Latin scripts, is kept.
    """
    if text.isprintable():  # fast path; isprintable() is False for every unsafe category
        return text
    return "".join(_escape_char(char) if _is_unsafe(char) else char for char in text)


def _escape_char(char: str) -> str:
    code = ord(char)
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def facts(doc: Transcript, file: str, *, detected: bool = True) -> dict[str, Any]:
    """What `inspect` reports about `doc` (read from `file`), as JSON-ready data.

    `detected` says whether the style was detected (`--from auto`) or chosen by the user.
    """
    turns_by_speaker: Counter[str] = Counter()
    words_by_speaker: Counter[str] = Counter()
    prose_kinds: Counter[str] = Counter()
    headings = 0
    for block in doc.blocks:
        if isinstance(block, Turn):
            turns_by_speaker[block.speaker] += 1
            words_by_speaker[block.speaker] += sum(
                len(paragraph.text.split()) for paragraph in block.paragraphs
            )
        elif isinstance(block, Prose):
            prose_kinds[block.kind.value] += 1
        elif isinstance(block, Heading):
            headings += 1
    severities = Counter(diagnostic.severity for diagnostic in doc.diagnostics)
    return {
        "file": file,
        "style": doc.metadata.style,
        "style_detected": detected,
        "style_reason": _detection(doc),
        "encoding": doc.metadata.encoding,
        "metadata": _metadata_facts(doc.metadata),
        "speakers": [
            {
                "id": speaker.id,
                "name": speaker.name,
                "aliases": list(speaker.aliases),
                "role": speaker.role.value,
                "affiliation": speaker.affiliation,
                "turns": turns_by_speaker[speaker.id],
                "words": words_by_speaker[speaker.id],
            }
            for speaker in doc.speakers
        ],
        "blocks": {
            "total": len(doc.blocks),
            "turns": sum(turns_by_speaker.values()),
            "prose": sum(prose_kinds.values()),
            "prose_by_kind": dict(sorted(prose_kinds.items())),
            "headings": headings,
        },
        "words": sum(words_by_speaker.values()),
        "diagnostic_counts": {severity.value: severities[severity] for severity in Severity},
        "diagnostics": [
            {
                "line": diagnostic.line,
                "severity": diagnostic.severity.value,
                "code": diagnostic.code,
                "message": diagnostic.message,
            }
            # whole-input diagnostics (no line) first, then by line; stable within a line
            for diagnostic in sorted(
                doc.diagnostics,
                key=lambda d: (d.line is not None, d.line if d.line is not None else 0),
            )
        ],
    }


def _metadata_facts(metadata: Metadata) -> dict[str, Any]:
    """The metadata fields that are set (style and encoding are reported apart)."""
    shown: dict[str, Any] = {}
    for field in attrs.fields(Metadata):
        value = getattr(metadata, field.name)
        if field.name in _NOT_SHOWN_AS_METADATA or value is None or value == ():
            continue
        shown[field.name] = list(value) if isinstance(value, tuple) else value
    if metadata.extra:
        shown["extra"] = [[key, value] for key, value in metadata.extra]
    return shown


def render_json(doc: Transcript, file: str, *, detected: bool = True) -> str:
    """The report as a JSON object (UTF-8 text; terminal-unsafe characters as `\\uXXXX`)."""
    text = json.dumps(
        facts(doc, file, detected=detected), indent=2, ensure_ascii=False, allow_nan=False
    )
    # json.dumps escapes C0 controls itself; the other unsafe characters can only sit
    # inside JSON strings, where a \\uXXXX escape means the same character.
    return "".join(_json_escape(c) if c != "\n" and _is_unsafe(c) else c for c in text) + "\n"


def _detection(doc: Transcript) -> str | None:
    """Why auto-detection chose the style (the `style-detected` diagnostic), if it ran."""
    for diagnostic in doc.diagnostics:
        if diagnostic.code == "style-detected":
            return diagnostic.message
    return None


def render_text(doc: Transcript, file: str, *, detected: bool = True) -> str:
    """The report as aligned plain text, every input-derived value escaped for the terminal."""
    data = facts(doc, file, detected=detected)
    how = "detected" if detected else "chosen"
    lines = [
        f"File      {escape_terminal(file)}",
        f"Style     {escape_terminal(data['style'] or '-')} ({how})",
        *([f"          {escape_terminal(data['style_reason'])}"] if data["style_reason"] else []),
        f"Encoding  {escape_terminal(data['encoding'] or '-')}",
        "",
        "Metadata",
        *_metadata_lines(data["metadata"]),
        "",
        f"Speakers: {len(data['speakers'])}",
        *_speaker_lines(data["speakers"]),
        "",
        f"Blocks: {data['blocks']['total']}",
        *_block_lines(data["blocks"], data["words"]),
        "",
        _diagnostics_heading(data["diagnostic_counts"], len(data["diagnostics"])),
        *_diagnostic_lines(data["diagnostics"]),
    ]
    return "\n".join(lines) + "\n"


def _metadata_lines(metadata: dict[str, Any]) -> list[str]:
    plain = {key: value for key, value in metadata.items() if key != "extra"}
    rows = [
        [key, "; ".join(value) if isinstance(value, list) else str(value)]
        for key, value in plain.items()
    ]
    extra = [[key, value] for key, value in metadata.get("extra", [])]
    if not rows and not extra:
        return ["  (none set)"]
    # only `extra` fields set (a WebVTT header's, say): no table of plain fields to lay out
    lines = _table(None, [[k, escape_terminal(v)] for k, v in rows], indent=2) if rows else []
    if extra:
        lines.append("  other fields")
        lines += _table(
            None, [[escape_terminal(k), escape_terminal(v)] for k, v in extra], indent=4
        )
    return lines


def _speaker_lines(speakers: list[dict[str, Any]]) -> list[str]:
    if not speakers:
        return ["  (none)"]
    rows = [
        [
            _cut(escape_terminal(speaker["id"]), _COLUMN_LIMITS["id"]),
            _cut(escape_terminal(speaker["name"]), _COLUMN_LIMITS["name"]),
            _cut(escape_terminal(", ".join(speaker["aliases"])) or "-", _COLUMN_LIMITS["aliases"]),
            speaker["role"],
            _cut(escape_terminal(speaker["affiliation"] or "-"), _COLUMN_LIMITS["affiliation"]),
            str(speaker["turns"]),
            str(speaker["words"]),
        ]
        for speaker in speakers
    ]
    headers = ["ID", "NAME", "ALIASES", "ROLE", "AFFILIATION", "TURNS", "WORDS"]
    return _table(headers, rows, indent=2, right={5, 6})


def _block_lines(blocks: dict[str, Any], words: int) -> list[str]:
    kinds = ", ".join(f"{kind} {count}" for kind, count in blocks["prose_by_kind"].items())
    rows = [
        ["turns", str(blocks["turns"]), f"({words} word{'' if words == 1 else 's'})"],
        ["prose", str(blocks["prose"]), f"({kinds})" if kinds else ""],
        ["headings", str(blocks["headings"]), ""],
    ]
    return _table(None, rows, indent=2, right={1})


def _diagnostics_heading(counts: dict[str, int], total: int) -> str:
    parts = ", ".join(f"{count} {severity}" for severity, count in counts.items() if count)
    return f"Diagnostics: {total}" + (f" ({parts})" if parts else "")


def _diagnostic_lines(diagnostics: list[dict[str, Any]]) -> list[str]:
    if not diagnostics:
        return ["  (none)"]
    rows = [
        [
            "-" if item["line"] is None else str(item["line"]),
            item["severity"],
            escape_terminal(item["code"]),
            escape_terminal(item["message"]),
        ]
        for item in diagnostics
    ]
    return _table(["LINE", "SEVERITY", "CODE", "MESSAGE"], rows, indent=2, right={0})


def _width(text: str) -> int:
    """Columns `text` takes on a terminal: wide East Asian characters 2, combining marks 0."""
    return sum(
        0
        if unicodedata.category(char) in ("Mn", "Me")
        else 2
        if unicodedata.east_asian_width(char) in ("W", "F")
        else 1
        for char in text
    )


def _cut(text: str, limit: int) -> str:
    """`text`, shortened to `limit` columns with an ellipsis when it is wider."""
    if _width(text) <= limit:
        return text
    kept, used = [], 0
    for char in text:
        used += _width(char)
        if used > limit - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"


def _table(
    headers: Sequence[str] | None,
    rows: Sequence[Sequence[str]],
    *,
    indent: int,
    right: set[int] | frozenset[int] = frozenset(),
) -> list[str]:
    """Rows laid out in aligned columns (the last column is never padded)."""
    everything = [list(headers), *rows] if headers else [list(row) for row in rows]
    columns = len(everything[0])
    widths = [max(_width(row[i]) for row in everything) for i in range(columns)]
    lines = []
    for row in everything:
        cells = []
        for i, cell in enumerate(row):
            gap = " " * (widths[i] - _width(cell))
            if i in right:
                cells.append(gap + cell)
            elif i == columns - 1:
                cells.append(cell)
            else:
                cells.append(cell + gap)
        lines.append((" " * indent + "  ".join(cells)).rstrip())
    return lines
