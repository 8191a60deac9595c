"""Small views of a read document that the reader tests compare against expectations."""

from __future__ import annotations

from transcript.model import Transcript, Turn


def names(doc: Transcript) -> list[str]:
    """The speaker name of each turn, in order."""
    by_id = {s.id: s.name for s in doc.speakers}
    return [by_id[t.speaker] for t in doc.turns]


def text_of(turn: Turn) -> str:
    """A turn's paragraphs' text, joined with spaces."""
    return " ".join(p.text for p in turn.paragraphs)


def codes(doc: Transcript) -> list[str]:
    """The code of each diagnostic, in order."""
    return [d.code for d in doc.diagnostics]
