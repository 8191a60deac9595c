"""The SubRip reader: SDH `NAME:` prefixes and live-caption `>>` (FORMATS.md §4.3, §4.4).

SubRip is numbered, timed cues and nothing else; the cues are read by
`_cues.py`, shared with WebVTT. Files with `>>` speaker changes (broadcast and
CART captions) are `srt-chevron`: there a `NAME:` counts only after `>>`, so
an agenda line `ITEM 4: PUBLIC COMMENT` read by the chair stays her speech.
Other files are `srt-sdh`.
"""

from __future__ import annotations

from ..decode import DecodedText
from ..model import ProseKind, Transcript
from . import ReadOptions
from ._cues import count_marks, read_cues, scan, timing, uses_chevrons
from .build import DocumentBuilder
from .detect import NO_FIT, SIGNATURE, Fit, Head
from .vtt import has_signature

SDH_STYLE = "srt-sdh"
CHEVRON_STYLE = "srt-chevron"
MIN_TIMINGS = 2
"""Timing lines the head must hold: one `-->` in prose is not a subtitle file."""


def fit(head: Head) -> Fit:
    """Timing lines `00:00:01,000 --> 00:00:03,400` (not under a WEBVTT header), plus the marks."""
    if has_signature(head.lines) or head.suffix == ".vtt":
        return NO_FIT
    timings = sum(1 for line in head.lines if "-->" in line and timing(line.strip()) is not None)
    if timings < MIN_TIMINGS and not (timings and head.suffix == ".srt"):
        return NO_FIT
    cue_file = scan(head.lines, comments=False)
    chevrons = uses_chevrons(cue_file.cues)
    counts = count_marks(cue_file, chevrons)
    detail = ", ".join(f"{n} {kind}" for kind, n in counts.most_common()) or "no speaker marks"
    return Fit(
        SIGNATURE + sum(counts.values()),
        CHEVRON_STYLE if chevrons else SDH_STYLE,
        f"SubRip timing lines; {len(cue_file.cues)} cues, {detail}",
    )


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read a SubRip file (see the module docstring)."""
    cue_file = scan(source.text.split("\n"), comments=False)
    chevrons = uses_chevrons(cue_file.cues)
    doc = DocumentBuilder(CHEVRON_STYLE if chevrons else SDH_STYLE)
    for line, text in cue_file.header:
        doc.prose(ProseKind.NOTE, text, line)
        doc.diagnose("text-outside-cues", "text before the first cue; kept as a note", line)
    read_cues(cue_file, doc, options, chevrons)
    return doc.finish(options)
