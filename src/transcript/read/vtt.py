"""The WebVTT reader: `<v>` voice spans, Zoom `Name: text` cues (FORMATS.md §4.1, §4.2).

The cues themselves are read by `_cues.py`, shared with SubRip. This module
reads what only WebVTT has: the `WEBVTT` line (its header text is the title),
header `Key: value` lines, and `NOTE`, `STYLE` and `REGION` blocks, which are
never speech. A NOTE that lists speakers with their parts in parentheses
(`Rafa Quintero (host)`) gives their roles.
"""

from __future__ import annotations

import re

from ..decode import DecodedText
from ..labels import fold
from ..model import ProseKind, Transcript
from ..speakers import ROLE_WORDS
from . import ReadOptions
from ._cues import Cue, CueFile, MarkKind, count_marks, read_cues, scan, timing, uses_chevrons
from .build import DocumentBuilder
from .detect import NO_FIT, SIGNATURE, Fit, Head
from .lines import METADATA_KEYS

SIGNATURE_WORD = "WEBVTT"
VOICE_STYLE = "webvtt-voice"
ZOOM_STYLE = "zoom-vtt"

NOTE_ROLE = re.compile(r"([^,;:()\n]{1,60})\(([^()\n]{1,40})\)")
"""`Rafa Quintero (host)` inside a NOTE: a name and the part it plays."""


def has_signature(lines: tuple[str, ...] | list[str]) -> bool:
    """The first non-blank line is `WEBVTT`, alone or followed by a space and header text."""
    for line in lines:
        text = line.strip()
        if text:
            return is_signature(text)
    return False


def is_signature(text: str) -> bool:
    """`WEBVTT`, `WEBVTT - Title`, `WEBVTT Kind`: not `WEBVTT0` or `WEBVTTX` (a word)."""
    rest = text[len(SIGNATURE_WORD) :]
    return text.startswith(SIGNATURE_WORD) and (not rest or rest[0] in " \t-")


def fit(head: Head) -> Fit:
    """The WEBVTT signature (or a .vtt file of timed cues), plus the speaker marks it holds."""
    if has_signature(head.lines):
        why = "WEBVTT header"
    elif head.suffix == ".vtt" and any(
        "-->" in line and timing(line.strip()) for line in head.lines
    ):
        why = ".vtt file of timed cues"
    else:
        return NO_FIT
    cue_file = scan(head.lines, comments=True)
    counts = count_marks(cue_file, uses_chevrons(cue_file.cues))
    style = _style(counts, len(cue_file.cues))
    marks = sum(counts.values())
    detail = ", ".join(f"{n} {kind}" for kind, n in counts.most_common()) or "no speaker marks"
    return Fit(SIGNATURE + marks, style, f"{why}; {len(cue_file.cues)} cues, {detail}")


def _style(counts: dict[str, int], cues: int) -> str:
    """Voice spans → webvtt-voice; a `Name: ` on most cues → zoom-vtt; else plain WebVTT."""
    if counts.get(MarkKind.VOICE, 0) == 0 and counts.get(MarkKind.COLON, 0) * 2 >= max(cues, 1):
        return ZOOM_STYLE
    return VOICE_STYLE


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read a WebVTT file (see the module docstring)."""
    cue_file = scan(source.text.split("\n"), comments=True)
    doc = DocumentBuilder(VOICE_STYLE)
    _header(cue_file, doc)
    _comments(cue_file, doc)
    marked = read_cues(cue_file, doc, options, uses_chevrons(cue_file.cues))
    doc.style = _style(_marks(marked), min(len(marked), STYLE_SAMPLE))
    return doc.finish(options)


STYLE_SAMPLE = 2000
"""Cues whose marks decide between webvtt-voice and zoom-vtt: plenty, at a bounded cost."""


def _marks(marked: list[Cue]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for cue in marked[:STYLE_SAMPLE]:
        for segment in cue.segments:
            if segment.mark is not None:
                counts[segment.mark] = counts.get(segment.mark, 0) + 1
    return counts


def _header(cue_file: CueFile, doc: DocumentBuilder) -> None:
    """`WEBVTT - Title` gives the title; `Kind: captions`, `Language: en` are metadata."""
    for index, (line, text) in enumerate(cue_file.header):
        if index == 0 and is_signature(text):
            title = text[len(SIGNATURE_WORD) :].strip(" \t-–—:")
            if title:
                doc.set("title", title)
            continue
        key, colon, value = text.partition(":")
        if colon and value[:1] in (" ", "\t") and value.strip() and _header_key(key):
            field = METADATA_KEYS.get(fold(key), "extra")
            doc.set(field if field != "authors" else "extra", value.strip(), key.strip())
        else:
            doc.prose(ProseKind.NOTE, text, line)
            doc.diagnose("text-outside-cues", "text outside any cue; kept as a note", line)


def _header_key(key: str) -> bool:
    """`Kind`, `Language`, `X-Source`: a short word or two, not a URL or a sentence."""
    return (
        0 < len(key) <= 40 and key[0].isalpha() and all(ch.isalnum() or ch in " _-" for ch in key)
    )


def _comments(cue_file: CueFile, doc: DocumentBuilder) -> None:
    """NOTE blocks are metadata (and may give roles); STYLE and REGION are kept, not read."""
    for comment in cue_file.comments:
        if comment.text:
            doc.set("extra", comment.text, comment.kind)
        if comment.kind != "NOTE":
            doc.diagnose(
                "caption-styling",
                f"{comment.kind} block kept in metadata.extra; it does not change the text",
                comment.line,
            )
            continue
        for match in NOTE_ROLE.finditer(comment.text):
            role = ROLE_WORDS.get(fold(match.group(2)))
            name = match.group(1).strip()
            if role is not None and name:
                doc.declared_roles.append((name, role))
