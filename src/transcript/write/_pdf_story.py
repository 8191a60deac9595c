"""The document as a list of flowables: title block, prose, headings and turns.

Speed matters here more than anywhere (Platypus line breaking is the whole cost
of a PDF), so each paragraph of text is exactly one `Paragraph` (or one per
2 KB piece of a long one), styles are built once per document and shared, and
no turn is wrapped in a table or a `KeepTogether`: the label is a bold lead-in
inside the turn's first paragraph, which keeps it with its first line for free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.flowables import Flowable, HRFlowable

from ..model import (
    Block,
    Heading,
    Paragraph,
    Prose,
    ProseKind,
    Role,
    Speaker,
    Text,
    Transcript,
    Turn,
)
from . import _pdf_fonts, _pdf_text
from ._pdf_options import Layout, PdfOptions
from ._pdf_page import GREY, TurnParagraph

ASKING_ROLES = frozenset({Role.INTERVIEWER, Role.HOST, Role.MODERATOR, Role.QUESTIONER})
"""Speakers whose turns are questions, for the optional question bookmarks."""
OUTLINE_CHARS = 80
"""Outline titles longer than this are cut with an ellipsis."""
LEAD_IN_CHARS = 200
"""A label longer than this (possible only in JSON input) goes on lines of its own."""


@attrs.frozen
class StylePair:
    """A style and its twin for kana/Han text: `wordWrap='CJK'` breaks between characters."""

    plain: ParagraphStyle
    cjk: ParagraphStyle

    def pick(self, text: str) -> ParagraphStyle:
        return self.cjk if _pdf_text.needs_cjk_wrap(text) else self.plain


def make_styles(size: float) -> dict[str, StylePair]:
    """Every paragraph style of a document at body size `size`, built once and shared."""
    leading = size * 1.3
    base = ParagraphStyle(
        "body",
        fontName=_pdf_fonts.SANS,
        fontSize=size,
        leading=leading,
        alignment=TA_LEFT,
        splitLongWords=1,
    )

    def style(name: str, **changes: Any) -> StylePair:
        plain = ParagraphStyle(name, parent=base, **changes)
        return StylePair(plain, ParagraphStyle(name + "-cjk", parent=plain, wordWrap="CJK"))

    small = size * 0.85
    return {
        "title": style(
            "title", fontName=_pdf_fonts.SANS_BOLD, fontSize=size * 1.9, leading=size * 2.35
        ),
        "subtitle": style(
            "subtitle", fontSize=size * 1.25, leading=size * 1.6, spaceBefore=size * 0.3
        ),
        "meta": style(
            "meta", fontSize=small, leading=small * 1.3, textColor=GREY, spaceBefore=size * 0.3
        ),
        "description": style(
            "description", fontName=_pdf_fonts.SANS_ITALIC, spaceBefore=size * 0.6
        ),
        "participants": style(
            "participants",
            fontName=_pdf_fonts.SANS_BOLD,
            fontSize=small,
            leading=small * 1.3,
            spaceBefore=size * 0.9,
        ),
        "participant": style("participant", fontSize=small, leading=small * 1.3, leftIndent=size),
        "heading": style(
            "heading",
            fontName=_pdf_fonts.SANS_BOLD,
            fontSize=size * 1.3,
            leading=size * 1.6,
            spaceBefore=size * 1.2,
            spaceAfter=size * 0.2,
            keepWithNext=1,
        ),
        "intro": style("intro", spaceBefore=size * 0.5),
        "byline": style(
            "byline",
            fontName=_pdf_fonts.SANS_ITALIC,
            fontSize=small,
            leading=small * 1.3,
            textColor=GREY,
            spaceBefore=size * 0.5,
        ),
        "note": style(
            "note", fontSize=small, leading=small * 1.3, textColor=GREY, spaceBefore=size * 0.5
        ),
        "narration": style("narration", fontName=_pdf_fonts.SANS_ITALIC, spaceBefore=size * 0.5),
        "turn": style("turn", spaceBefore=size * 0.7),
        "label": style(
            "label", fontName=_pdf_fonts.SANS_BOLD, spaceBefore=size * 0.7, keepWithNext=1
        ),
        "paragraph": style("paragraph", spaceBefore=size * 0.35),
        "piece": style("piece"),
    }


@attrs.define
class StoryBuilder:
    """Turns one document into flowables; owned by one `render` call, never shared."""

    doc: Transcript
    options: PdfOptions
    report: _pdf_text.GlyphReport
    styles: dict[str, StylePair]
    speakers: dict[str, Speaker]
    _keys: int = 0
    _level: int = 0
    """The outline level of the last entry (reportlab refuses a jump of more than one)."""

    @classmethod
    def create(cls, doc: Transcript, options: PdfOptions) -> StoryBuilder:
        return cls(
            doc,
            options,
            _pdf_text.GlyphReport(),
            make_styles(options.font_size),
            {speaker.id: speaker for speaker in doc.speakers},
        )

    def story(self) -> list[Flowable]:
        out = list(self.title_block())
        blocks: dict[type, Callable[[Block], Iterator[Flowable]]] = {
            Turn: self.turn,  # type: ignore[dict-item]  # each takes its own Block class
            Prose: self.prose,  # type: ignore[dict-item]
            Heading: self.heading,  # type: ignore[dict-item]
        }
        section: dict[type, str] = {Prose: "Introduction", Turn: "Interview"}
        for block in self.doc.blocks:
            try:
                write = blocks[type(block)]
            except KeyError:
                raise TypeError(
                    f"the PDF writer does not know the block class {type(block).__name__}"
                ) from None
            self.report.line = block.span.first_line if block.span else None
            title = section.pop(type(block), None) if Turn in section else None
            entry = self._entry(title, 1) if title else None
            if isinstance(block, Turn):
                section.clear()  # no "Introduction" after the conversation has begun
            start = len(out)
            out.extend(write(block))
            first = out[start] if len(out) > start else None
            if entry and isinstance(first, TurnParagraph):
                first.tx_outline = (entry, *first.tx_outline)
        return out

    # Outline -----------------------------------------------------------------

    def _entry(self, title: str, level: int) -> tuple[str, str, int]:
        """A new outline entry `(key, title, level)`, its level at most one below the last."""
        self._keys += 1
        level = max(0, min(level, self._level + 1))
        self._level = level
        title = " ".join(title.split())
        if len(title) > OUTLINE_CHARS:
            title = title[: OUTLINE_CHARS - 1].rstrip() + "…"
        return f"tx{self._keys}", title or "(untitled)", level

    # Blocks ------------------------------------------------------------------

    def _paragraph(
        self, markup: str, style: ParagraphStyle, turn: str | None = None
    ) -> TurnParagraph:
        flowable = TurnParagraph(markup, style)
        if turn is not None:
            flowable.tx_turn = flowable.tx_more = turn
        return flowable

    def _text(
        self, pair: StylePair, text: str, *outline: tuple[str, str, int]
    ) -> Iterator[TurnParagraph]:
        """A line of the title block or a heading: one flowable, or pieces if it is huge."""
        for index, flowable in enumerate(self._pieces(pair, Paragraph((Text(text),)), rest=pair)):
            if index == 0:
                flowable.tx_outline = outline
            yield flowable

    def title_block(self) -> Iterator[Flowable]:
        meta = self.doc.metadata
        styles = self.styles
        title = meta.title or "Transcript"
        yield from self._text(styles["title"], title, self._entry(title, 0))
        if meta.subtitle:
            yield from self._text(styles["subtitle"], meta.subtitle)
        facts = [value for value in (meta.date, meta.source, meta.location) if value]
        if facts:
            yield from self._text(styles["meta"], " · ".join(facts))
        if meta.authors:
            yield from self._text(styles["meta"], "By " + ", ".join(meta.authors))
        if meta.url:
            yield from self._text(styles["meta"], meta.url)
        if meta.description:
            yield from self._pieces(styles["description"], Paragraph((Text(meta.description),)))
        if self.doc.speakers:
            yield from self._text(styles["participants"], "Participants")
            for speaker in self.doc.speakers:
                yield from self._participant(speaker)
        yield HRFlowable(
            width="100%",
            thickness=0.5,
            color=GREY,
            spaceBefore=self.options.font_size,
            spaceAfter=self.options.font_size * 0.3,
        )

    def _participant(self, speaker: Speaker) -> Iterator[TurnParagraph]:
        details = [role for role in (speaker.role.value,) if speaker.role is not Role.UNKNOWN]
        if speaker.affiliation:
            details.append(speaker.affiliation)
        plain = f"{speaker.name} — {', '.join(details)}" if details else speaker.name
        pair = self.styles["participant"]
        if len(plain) > _pdf_text.PIECE_CHARS:  # only from hostile JSON: plain pieces
            yield from self._text(pair, plain)
            return
        markup = "<b>" + _pdf_text.markup(speaker.name, self.report) + "</b>"
        if details:
            markup += " — " + _pdf_text.markup(", ".join(details), self.report)
        yield self._paragraph(markup, pair.pick(plain))

    def heading(self, block: Heading) -> Iterator[Flowable]:
        level = 1 + max(0, block.level - 2) if block.level > 1 else 1
        yield from self._text(self.styles["heading"], block.text, self._entry(block.text, level))

    def prose(self, block: Prose) -> Iterator[Flowable]:
        pair = self.styles[_PROSE_STYLE[block.kind]]
        for paragraph in block.paragraphs:
            yield from self._pieces(pair, paragraph)

    def _pieces(
        self,
        first: StylePair,
        paragraph: Paragraph,
        lead: str = "",
        turn: str | None = None,
        rest: StylePair | None = None,
    ) -> Iterator[TurnParagraph]:
        """One flowable per piece of `paragraph`, the first in style `first` with `lead`
        before it, the others in `rest` (default: body text with no space before)."""
        style = first
        for piece in _pdf_text.pieces(paragraph):
            text = "".join(segment.text for segment in piece)
            markup = _pdf_text.piece_markup(piece, self.report)
            yield self._paragraph(lead + markup, style.pick(text), turn)
            style, lead = rest or self.styles["piece"], ""

    def turn(self, block: Turn) -> Iterator[Flowable]:
        speaker = self.speakers.get(block.speaker)
        label = block.label or (speaker.name if speaker else block.speaker)
        shown = label if len(label) <= LEAD_IN_CHARS else label[:LEAD_IN_CHARS] + "…"
        script = self.options.layout is Layout.SCRIPT or len(label) > LEAD_IN_CHARS
        label_markup = "" if len(label) > LEAD_IN_CHARS else _pdf_text.markup(label, self.report)
        last: TurnParagraph | None = None
        outline: tuple[tuple[str, str, int], ...] = ()
        if self.options.question_bookmarks and speaker and speaker.role in ASKING_ROLES:
            question = block.paragraphs[0].text if block.paragraphs else label
            outline = (self._entry(question, 2),)
        if script:
            for last in self._text(self.styles["label"], label, *outline):
                last.tx_turn = last.tx_more = shown
                yield last
        lead = "" if script else f"<b>{label_markup}:</b> "
        first_style = self.styles["paragraph" if script else "turn"]
        for paragraph in block.paragraphs:
            for flowable in self._pieces(first_style, paragraph, lead, shown):
                if last is None:
                    flowable.tx_outline = outline
                last = flowable
                yield flowable
            lead, first_style = "", self.styles["paragraph"]
        if last is None:  # a turn with no words: the label alone still shows who spoke
            last = self._paragraph(lead.rstrip(), self.styles["turn"].pick(label), shown)
            last.tx_outline = outline
            yield last
        last.tx_more = None


_PROSE_STYLE = {
    ProseKind.INTRO: "intro",
    ProseKind.NARRATION: "narration",
    ProseKind.BYLINE: "byline",
    ProseKind.NOTE: "note",
}
