"""Drafts of blocks while a reader works, and the one place they become a `Transcript`.

Every reader, whatever its grammar, ends the same way: turns and prose in
document order, speakers resolved once over all label occurrences, metadata
and diagnostics collected. Readers fill a `DocumentBuilder`; `finish` does the
rest, so speaker resolution, page-furniture accounting and the language guess
behave identically for every style.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from ..inline import paragraph
from ..labels import LabelParts
from ..language import guess_language
from ..model import (
    Block,
    Diagnostic,
    Heading,
    Inline,
    Metadata,
    Paragraph,
    Prose,
    ProseKind,
    Role,
    Severity,
    SourceSpan,
    Text,
    Transcript,
    Turn,
)
from ..speakers import Occurrence, resolve
from . import ReadOptions

FURNITURE_LINES_SHOWN = 12
"""How many line numbers a page-furniture diagnostic lists before it says "…"."""


def add_line(paragraphs: list[list[str]], text: str, join: bool) -> None:
    """A source line joins the last paragraph (`join`) or starts a new one."""
    if join and paragraphs:
        paragraphs[-1].append(text)
    else:
        paragraphs.append([text])


@attrs.define
class DraftTurn:
    """A turn being read: paragraphs are lists of source lines joined with spaces at the end."""

    parts: LabelParts
    paragraphs: list[list[str]]
    first_line: int
    last_line: int
    start: float | None = None
    end: float | None = None

    def add(self, text: str, line: int, *, join: bool = False) -> None:
        """Add a line: to the last paragraph when `join`, else as a new paragraph."""
        add_line(self.paragraphs, text, join)
        self.last_line = max(self.last_line, line)


@attrs.define
class DraftProse:
    """Prose being read; `cue_or_byline_only` lets a reader fold a lone cue back into a turn."""

    kind: ProseKind
    paragraphs: list[list[str]]
    first_line: int
    last_line: int
    cue_or_byline_only: bool = True

    def add(self, text: str, line: int, *, join: bool = False) -> None:
        """Add a line: to the last paragraph when `join`, else as a new paragraph."""
        add_line(self.paragraphs, text, join)
        self.last_line = max(self.last_line, line)


Draft = DraftTurn | DraftProse | Heading

InlineRule = Callable[[str], tuple[Inline, ...] | None]
"""A style's own rule for the text runs of speech (a script's `(beat)`, a play's `[Aside]`): the
nodes a run becomes, or None when the run stays as it is (most runs: answering None spares a
Text node per paragraph). It runs after the shared inline parsing, on turns only."""


def marked(paragraph: Paragraph, rule: InlineRule) -> Paragraph:
    """The paragraph with the rule applied to its text runs; the same object if none changed."""
    content = paragraph.content
    if len(content) == 1:  # most paragraphs: one run of text, which most rules leave alone
        only = content[0]
        if not isinstance(only, Text) or rule(only.text) is None:
            return paragraph
    marks = [rule(node.text) if isinstance(node, Text) else None for node in content]
    if marks.count(None) == len(marks):
        return paragraph  # the common paragraph: no run to mark
    nodes: list[Inline] = []
    changed = False
    for node, mark in zip(content, marks, strict=True):
        if mark is None:
            nodes.append(node)
        else:
            changed = changed or len(mark) != 1 or mark[0] != node
            nodes.extend(mark)
    if not changed:
        return paragraph
    return Paragraph(tuple(n for n in nodes if not (isinstance(n, Text) and not n.text)))


class DocumentBuilder:
    """Collects one read's blocks, metadata and diagnostics; `finish` makes the Transcript."""

    def __init__(
        self,
        style: str,
        diagnostics: list[Diagnostic] | None = None,
        *,
        inline_rule: InlineRule | None = None,
    ) -> None:
        self.style = style
        self.inline_rule = inline_rule
        """Applied to the speech of every turn as its paragraphs are made (one pass, not two)."""
        self.items: list[Draft] = []
        self.diagnostics: list[Diagnostic] = diagnostics if diagnostics is not None else []
        self.metadata: dict[str, str] = {}
        self.extra: list[tuple[str, str]] = []
        self.authors: list[str] = []
        self.declared_names: list[tuple[str, str]] = []
        """(label, name) pairs the document itself declares (`BY MR. X:`, `@Participants`)."""
        self.declared_roles: list[tuple[str, Role]] = []
        self._furniture: dict[str, list[int]] = {}

    # -- blocks ------------------------------------------------------------------------
    def turn(
        self,
        parts: LabelParts,
        line: int,
        text: str | None = None,
        *,
        start: float | None = None,
        end: float | None = None,
    ) -> DraftTurn:
        """Open a turn under `parts` (one label occurrence), with its first line of speech."""
        draft = DraftTurn(parts, [[text]] if text else [], line, line, start, end)
        self.items.append(draft)
        return draft

    def prose(self, kind: ProseKind, text: str, line: int) -> DraftProse:
        """A new prose block holding one paragraph."""
        draft = DraftProse(kind, [[text]], line, line)
        self.items.append(draft)
        return draft

    def prose_line(self, kind: ProseKind, text: str, line: int, *, join: bool = False) -> None:
        """Add a line to the last block when it is prose of this kind, else open one."""
        last = self.items[-1] if self.items else None
        if isinstance(last, DraftProse) and last.kind is kind:
            last.add(text, line, join=join)
            last.cue_or_byline_only = False
        else:
            self.prose(kind, text, line).cue_or_byline_only = False

    def heading(self, text: str, level: int, line: int) -> None:
        self.items.append(Heading(text, level, SourceSpan(line, line)))

    @property
    def last_turn(self) -> DraftTurn | None:
        """The most recent turn, if no other block came after it."""
        last = self.items[-1] if self.items else None
        return last if isinstance(last, DraftTurn) else None

    # -- metadata and diagnostics ------------------------------------------------------
    def set(self, field: str, value: str, key: str | None = None) -> None:
        """Set a metadata field; a second value for it is kept in `extra` under its key."""
        if field in self.metadata or field == "extra":
            self.extra.append((key or field, value))
        else:
            self.metadata[field] = value

    def diagnose(
        self, code: str, message: str, line: int | None = None, severity: Severity = Severity.INFO
    ) -> None:
        self.diagnostics.append(Diagnostic(code, severity, message, line))

    def furniture(self, kind: str, line: int) -> None:
        """Record a line of page furniture (header, page number, line number …) left out."""
        self._furniture.setdefault(kind, []).append(line)

    def declare(self, label: str, name: str, role: Role | None = None) -> None:
        """The document says who `label` is (a code, `Q`, an abbreviation)."""
        self.declared_names.append((label, name))
        if role is not None:
            self.declared_roles.append((label, role))

    # -- the end -----------------------------------------------------------------------
    def finish(self, options: ReadOptions) -> Transcript:
        """Resolve speakers over every turn and build the frozen document."""
        self._report_furniture()
        # One pass builds every turn's paragraphs and its label occurrence; a second,
        # after speakers are resolved over all occurrences, gives each turn its speaker.
        occurrences: list[Occurrence] = []
        turn_paragraphs: list[tuple[Paragraph, ...]] = []
        rule = self.inline_rule
        for item in self.items:
            if not isinstance(item, DraftTurn):
                continue
            drafts = item.paragraphs
            if len(drafts) == 1 and len(drafts[0]) == 1:  # most turns: one line of speech
                text = drafts[0][0]
                texts = [text] if text else []
                question = "?" in text or "？" in text
            else:
                texts = joined(drafts)
                question = asks(texts)
            occurrences.append(Occurrence(item.parts, item.first_line, question))
            made = tuple(map(paragraph, texts))
            if rule is not None:
                made = tuple(marked(p, rule) for p in made)
            turn_paragraphs.append(made)
        overrides = (*self.declared_names, *options.speakers)  # the caller's word wins
        roles = (*self.declared_roles, *options.roles)
        resolution = resolve(occurrences, overrides, roles)
        self.diagnostics.extend(resolution.diagnostics)
        speaker_ids = iter(resolution.speaker_ids)
        paragraphs_of_turns = iter(turn_paragraphs)
        blocks: list[Block] = []
        for item in self.items:
            if isinstance(item, DraftTurn):
                blocks.append(
                    Turn(
                        next(speaker_ids),
                        item.parts.printed,
                        next(paragraphs_of_turns),
                        item.start,
                        item.end,
                        SourceSpan(item.first_line, item.last_line),
                    )
                )
            elif isinstance(item, DraftProse):
                blocks.append(
                    Prose(
                        item.kind,
                        paragraphs(item.paragraphs),
                        SourceSpan(item.first_line, item.last_line),
                    )
                )
            else:
                blocks.append(item)
        if not occurrences:
            self.diagnose(
                "no-speaker-labels",
                "no speaker labels were found; the text was read as prose",
                severity=Severity.WARNING,
            )
        metadata = Metadata(
            title=self.metadata.get("title"),
            subtitle=self.metadata.get("subtitle"),
            date=self.metadata.get("date"),
            language=self.metadata.get("language") or guess_speech_language(blocks),
            source=self.metadata.get("source"),
            url=self.metadata.get("url"),
            authors=tuple(dict.fromkeys(self.authors)),
            location=self.metadata.get("location"),
            description=self.metadata.get("description"),
            style=self.style,
            extra=tuple(self.extra),
        )
        diagnostics = sorted(self.diagnostics, key=lambda d: d.line or 0)
        return Transcript(metadata, resolution.speakers, tuple(blocks), tuple(diagnostics))

    def _report_furniture(self) -> None:
        for kind, lines in self._furniture.items():
            shown = ", ".join(str(n) for n in lines[:FURNITURE_LINES_SHOWN])
            more = ", …" if len(lines) > FURNITURE_LINES_SHOWN else ""
            self.diagnose(
                "page-furniture",
                f"left out {len(lines)} {kind} line{'s' if len(lines) != 1 else ''} "
                f"(lines {shown}{more})",
                lines[0],
            )


def joined(drafts: Iterable[list[str]]) -> list[str]:
    """Each paragraph's source lines joined with spaces; paragraphs with no text left out."""
    return [lines[0] if len(lines) == 1 else " ".join(lines) for lines in drafts if any(lines)]


def paragraphs(drafts: Iterable[list[str]]) -> tuple[Paragraph, ...]:
    """Join each paragraph's source lines and parse its inline annotations and timestamps."""
    return tuple(map(paragraph, joined(drafts)))


def asks(texts: list[str]) -> bool:
    """The turn asks a question (for role inference), from its joined paragraphs."""
    text = texts[0] if len(texts) == 1 else "\n".join(texts)  # most turns: one paragraph
    return "?" in text or "？" in text


def guess_speech_language(blocks: list[Block]) -> str | None:
    """From the speech first (the article around it may be in another language)."""
    speech = (p.text for b in blocks if isinstance(b, Turn) for p in b.paragraphs)
    return guess_language(speech)
