"""How well a reader fits a document: the vote that `--from auto` runs (FORMATS.md §8).

Every text reader module has a `fit(head)` function that looks at the start of
the decoded document and says how many lines its grammar explains as labels,
plus a signature bonus for decisive container marks (`WEBVTT`, `@Begin`). The
reader that explains most wins; a tie goes to the more specific reader (the
one listed first in the registry). Scores are counts, not probabilities, so
one reader explaining 40 labels beats another explaining 12, whatever each
thinks of itself.
"""

from __future__ import annotations

import attrs

HEAD_LINES = 400
"""Lines of the document the vote looks at: enough for a cover page and a few pages of speech."""

SIGNATURE = 1000.0
"""Bonus for a container signature that settles the question on its own."""


@attrs.frozen
class Head:
    """The start of a decoded document, as every reader's `fit` sees it."""

    lines: tuple[str, ...]
    suffix: str = ""
    """The input file's suffix, lower-cased (`.vtt`), or '' for strings and stdin."""

    @classmethod
    def of(cls, text: str, suffix: str = "") -> Head:
        lines = text.split("\n", HEAD_LINES)[:HEAD_LINES]
        return cls(tuple(lines), suffix.lower())

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@attrs.frozen
class Fit:
    """One reader's answer: the score, the specific style id it would read, and why."""

    score: float
    style: str
    reason: str

    @property
    def fits(self) -> bool:
        return self.score > 0


NO_FIT = Fit(0.0, "", "")
