"""The page around the text: running header, `page X of Y`, continuation marks, outline.

All of it is drawn from hooks reportlab calls anyway (`onPage`, `afterFlowable`),
so it costs a few canvas calls per page and two attribute reads per paragraph;
nothing is laid out twice. The total page count is a form XObject referenced
from every footer and defined once the last page is known, so `page X of Y`
needs one pass, not reportlab's two-pass `multiBuild`.
"""

from __future__ import annotations

import collections
from typing import Any

import attrs
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.frames import Frame

from . import _pdf_fonts

PAGE_COUNT_FORM = "TranscriptPageCount"
GREY = Color(0.42, 0.42, 0.42)
WINDOW = 256
"""How many flowables reportlab's list holds at a time (see `TranscriptDocTemplate.build`)."""
HEADER_CHARS = 300
"""A header never shows more of the title than this (it is cut to the page width anyway)."""


class TurnParagraph(Paragraph):
    """A `Paragraph` carrying the writer's bookkeeping through page splits.

    `tx_turn` is the label of the turn it belongs to (None outside turns);
    `tx_more` is that label when more of the same turn follows it (so a page
    that ends here marks the next one as a continuation); `tx_outline` is an
    outline entries `(key, title, level)` to bookmark where it is drawn.
    """

    tx_turn: str | None = None
    tx_more: str | None = None
    tx_outline: tuple[tuple[str, str, int], ...] = ()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            first, rest = parts
            if isinstance(first, TurnParagraph) and isinstance(rest, TurnParagraph):
                first.tx_outline = self.tx_outline  # bookmark where it begins
                if self.tx_turn is not None:
                    first.tx_turn = rest.tx_turn = self.tx_turn
                    first.tx_more = self.tx_turn  # the page ends inside this turn
                    rest.tx_more = self.tx_more
        return parts


@attrs.frozen
class Run:
    """A stretch of header text in one font, placed at `x`."""

    font: str
    text: str
    x: float


@attrs.frozen
class PageDecor:
    """What every page shows besides the story, computed once per document."""

    header: tuple[Run, ...]
    """The title, fitted to the width, in font runs."""
    font_size: float
    enabled: bool


class TranscriptDocTemplate(BaseDocTemplate):
    """One frame per page; header, footer, continuation marks and outline from hooks."""

    def __init__(self, target: Any, decor: PageDecor, **kwargs: Any) -> None:
        super().__init__(target, **kwargs)
        self._decor = decor
        self._continues: str | None = None  # label of the turn the last flowable left unfinished
        self._outline_started = False
        self._pending: collections.deque[Flowable] = collections.deque()
        self._window: list[Flowable] = []
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])
        self._doSave = 0  # saved by `finish`, once the page-count form is defined

    def build(self, flowables: list[Flowable], *args: Any, **kwargs: Any) -> None:
        """Lay out `flowables`, fed to reportlab through a short window.

        reportlab takes each flowable off the front of its list (`del flowables[0]`),
        which moves the rest of the list every time: quadratic in the number of
        paragraphs (100,000 turns). The window is refilled from a deque as it drains.
        Like reportlab, it empties the caller's list.
        """
        self._pending = collections.deque(flowables)
        flowables.clear()  # consumed, as reportlab consumes it: drawn paragraphs are freed
        self._window = [self._pending.popleft() for _ in range(min(WINDOW, len(self._pending)))]
        super().build(self._window, *args, **kwargs)

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        pending = self._pending
        if flowables is self._window and len(flowables) < WINDOW // 4 and pending:
            flowables.extend(pending.popleft() for _ in range(min(WINDOW, len(pending))))
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:
        self._continues = getattr(flowable, "tx_more", None)
        for key, title, level in getattr(flowable, "tx_outline", ()):
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)
            if not self._outline_started:
                self.canv.showOutline()
                self._outline_started = True

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        decor = self._decor
        size = decor.font_size * 0.8
        top = self.pagesize[1] - self.topMargin
        if decor.enabled:
            canvas.saveState()
            canvas.setFillColor(GREY)
            baseline = top + size * 2.6
            for run in decor.header:
                canvas.setFont(run.font, size)
                canvas.drawString(run.x, baseline, run.text)
            canvas.setStrokeColor(GREY)
            canvas.setLineWidth(0.4)
            canvas.line(
                self.leftMargin,
                baseline - size * 0.5,
                self.pagesize[0] - self.rightMargin,
                baseline - size * 0.5,
            )
            self._footer(canvas, size)
            canvas.restoreState()
        if self._continues is not None and self.page > 1:
            self._continuation(canvas, self._continues, top, size)

    def _footer(self, canvas: Canvas, size: float) -> None:
        prefix = f"page {self.page} of "
        width = stringWidth(prefix, _pdf_fonts.SANS, size)
        digits = stringWidth("0" * len(str(self.page)), _pdf_fonts.SANS, size)
        x = (self.pagesize[0] - width - digits) / 2
        y = self.bottomMargin - size * 2.2
        canvas.setFont(_pdf_fonts.SANS, size)
        canvas.drawString(x, y, prefix)
        canvas.saveState()
        canvas.translate(x + width, y)
        canvas.doForm(PAGE_COUNT_FORM)
        canvas.restoreState()

    def _continuation(self, canvas: Canvas, label: str, top: float, size: float) -> None:
        """`Label (continued)` above the first line of a page that goes on with a turn."""
        canvas.saveState()
        canvas.setFillColor(GREY)
        x = self.leftMargin
        for run in header_runs(f"{label} (continued)", x, self.width, _pdf_fonts.SANS_ITALIC, size):
            canvas.setFont(run.font, size)
            canvas.drawString(run.x, top + size * 0.6, run.text)
        canvas.restoreState()

    def finish(self, pages: int) -> None:
        """Define the page-count form every footer refers to, then write the file."""
        canvas = self.canv
        if self._decor.enabled:
            canvas.beginForm(PAGE_COUNT_FORM)
            canvas.setFillColor(GREY)
            canvas.setFont(_pdf_fonts.SANS, self._decor.font_size * 0.8)
            canvas.drawString(0, 0, str(pages))
            canvas.endForm()
        canvas.save()


def header_runs(text: str, x: float, width: float, font: str, size: float) -> tuple[Run, ...]:
    """`text` as font runs from `x`, cut with an ellipsis to fit `width`.

    The main font draws what it can, the CJK font the rest; a character neither
    has is shown as `?` (the body text reports it properly).
    """
    coverage = _pdf_fonts.fonts()
    runs: list[tuple[str, str]] = []
    for char in text[:HEADER_CHARS]:
        if char.isspace():  # both fonts have U+0020; not every space character
            chosen, char = runs[-1][0] if runs else font, " "
        elif coverage.first_missing.match(char) is None:
            chosen = font
        elif _pdf_fonts.cjk_fonts().first_missing.match(char) is None:
            chosen = _pdf_fonts.CJK
        elif _pdf_fonts.is_invisible(char):
            continue
        else:
            chosen, char = font, "?"
        if runs and runs[-1][0] == chosen:
            runs[-1] = (chosen, runs[-1][1] + char)
        else:
            runs.append((chosen, char))
    placed: list[Run] = []
    ellipsis = stringWidth("…", font, size)
    position = x
    for index, (chosen, chunk) in enumerate(runs):
        advance = stringWidth(chunk, chosen, size)
        last = index == len(runs) - 1
        if position + advance > x + width - (0 if last else ellipsis):
            kept = chunk
            while kept and position + stringWidth(kept, chosen, size) + ellipsis > x + width:
                kept = kept[:-1]
            if kept:
                placed.append(Run(chosen, kept, position))
                position += stringWidth(kept, chosen, size)
            placed.append(Run(font, "…", position))
            break
        placed.append(Run(chosen, chunk, position))
        position += advance
    return tuple(placed)
