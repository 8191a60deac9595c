"""Inline content: turning a paragraph's text into Text, Annotation and Timestamp nodes.

Shared by every reader. `[laughs]`, `(CROSSTALK)`, `(웃음)`, `（笑）` and
`[inaudible 00:12:31]` become annotations; a `[00:01:05]` mark becomes a
timestamp; anything else in brackets (`(drones)`, `[the mayor]`) stays text.
Bracket contents are bounded, so scanning is linear in the paragraph.
"""

from __future__ import annotations

import re

from .model import Annotation, AnnotationKind, Inline, Paragraph, Text, Timestamp

BRACKETED = re.compile(r"\[[^\[\]\n]{1,80}\]|\([^()\n]{1,80}\)|（[^（）\n]{1,40}）")
"""A bracketed run with no nested brackets, bounded so a hostile line stays linear."""

CLOCK = re.compile(r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?")
"""`12:31`, `00:12:31`, `1:02:03.5`: hours optional, fraction optional."""

_KIND_WORDS: tuple[tuple[AnnotationKind, tuple[str, ...]], ...] = (
    (
        AnnotationKind.LAUGHTER,
        ("laugh", "chuckl", "giggl", "rire", "rires", "risas", "lachen", "웃음", "笑", "smil"),
    ),
    (AnnotationKind.APPLAUSE, ("applau", "clapping", "cheer", "拍手", "박수")),
    (
        AnnotationKind.CROSSTALK,
        (
            "crosstalk",
            "cross talk",
            "cross-talk",
            "overlapping",
            "talking over",
            "simultaneous",
            "interpos",
        ),
    ),
    (
        AnnotationKind.INAUDIBLE,
        (
            "inaudible",
            "unintelligible",
            "indiscernible",
            "unclear",
            "garbled",
            "聞き取れず",
            "inaudible",
        ),
    ),
    (AnnotationKind.PAUSE, ("pause", "silence", "long pause")),
    (
        AnnotationKind.NOISE,
        ("music", "noise", "cough", "sigh", "sneez", "background noise", "phone ring"),
    ),
    (
        AnnotationKind.ACTION,
        (
            "begin videotape",
            "end videotape",
            "begin video",
            "end video",
            "soundbite",
            "sound bite",
            "commercial break",
            "recess",
            "nods",
            "gestur",
            "shrug",
            "off mic",
            "off-mic",
            "crying",
            "sobbing",
            "whisper",
            "sings",
            "singing",
            "operator instructions",  # earnings calls: the publisher's placeholder
        ),
    ),
)


def parse_inline(text: str) -> tuple[Inline, ...]:
    """Split a paragraph's text into inline nodes; text without brackets is one Text node."""
    if "[" not in text and "(" not in text and "（" not in text:
        return (Text(text),)
    nodes: list[Inline] = []
    position = 0
    for match in BRACKETED.finditer(text):
        node = _classify(match.group(), at_start=match.start() == 0)
        if node is None:
            continue
        if match.start() > position:
            nodes.append(Text(text[position : match.start()]))
        nodes.append(node)
        position = match.end()
    if position < len(text):
        nodes.append(Text(text[position:]))
    return tuple(nodes) if nodes else (Text(text),)


def paragraph(text: str) -> Paragraph:
    """A paragraph from one run of text."""
    if "[" not in text and "(" not in text and "（" not in text:
        return Paragraph((Text(text),))  # parse_inline's common case, one call fewer per paragraph
    return Paragraph(parse_inline(text))


def _classify(printed: str, at_start: bool) -> Inline | None:
    inner = printed[1:-1].strip()
    clock = CLOCK.fullmatch(inner)
    if clock is not None:
        return Timestamp(clock_seconds(clock), printed)
    folded = inner.casefold().rstrip(".!")  # `(Laughter.)`, as government transcripts print it
    kind = _kind_of(folded)
    if kind is None and printed[0] == "[" and _is_caps_cue(inner):
        kind = AnnotationKind.ACTION
    if kind is None and printed[0] != "[" and _is_caps_cue(inner) and " " in inner:
        kind = AnnotationKind.ACTION
    if kind is None:
        return None
    found = CLOCK.search(inner)
    seconds = clock_seconds(found) if found is not None else None
    return Annotation(kind, printed, seconds)


def _kind_of(folded: str) -> AnnotationKind | None:
    if len(folded) > 60:
        return None
    for kind, words in _KIND_WORDS:
        for word in words:
            if folded.startswith(word) and _whole_word(folded, len(word)):
                return kind
    return None


_ENDINGS = ("", "e", "s", "es", "ed", "ing", "ter", "ly", "ling", "se", "ds", "ding", "ded")


def _whole_word(folded: str, end: int) -> bool:
    """`laughs`, `laughter`, `inaudible 00:12` match; `music teacher`, `recession` do not."""
    rest = folded[end:]
    tail = rest.split(None, 1)[0] if rest and rest[0].isalpha() else ""
    if tail not in _ENDINGS:
        return False
    words_after = rest[len(tail) :].split()
    return len(words_after) <= 2 or not folded[:end].isascii()


def _is_caps_cue(inner: str) -> bool:
    """`CROSSTALK`, `BEGIN VIDEOTAPE`: a cue in capitals (acronyms like `NATO` excepted)."""
    letters = [ch for ch in inner if ch.isalpha()]
    return len(letters) >= 5 and all(ch.isupper() for ch in letters) and inner.isascii()


def clock_seconds(match: re.Match[str]) -> float:
    """Seconds from a CLOCK match."""
    hours = int(match.group(1) or 0)
    minutes = int(match.group(2))
    seconds = int(match.group(3))
    fraction = match.group(4)
    total = hours * 3600 + minutes * 60 + seconds
    if fraction:
        total += int(fraction) / 10 ** len(fraction)
    return float(total)
