"""Bytes to clean text, once, at one entry point (first draft: see the full version)."""

from __future__ import annotations

import unicodedata

import attrs

from .model import Diagnostic


@attrs.frozen
class DecodedText:
    """Normalised text ready for a reader, with what decoding had to repair."""

    text: str
    """LF-only, NFC text; form feeds kept as page-break hints."""
    encoding: str | None
    """The encoding the bytes were decoded from; None when the input was already `str`."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Replacements and removals, each naming its line."""


def normalise(text: str) -> DecodedText:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(unicodedata.normalize("NFC", text), None)


def decode(data: bytes, encoding: str | None = None) -> DecodedText:
    decoded = normalise(data.decode(encoding or "utf-8-sig"))
    return attrs.evolve(decoded, encoding=encoding or "utf-8")
