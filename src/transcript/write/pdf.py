"""The PDF writer: a `Transcript` as a paginated, searchable, bookmarked PDF (reportlab Platypus).

    pdf = render(doc, PdfOptions(page_size="letter"))        # bytes
    result = render_full(doc)                                # bytes + diagnostics

Layout "interview": a title block (title, subtitle, date, source, participants
with role and affiliation), the prose, then the turns, each speaker's label a
bold lead-in on the turn's first line; a running header with the title, a
footer `page X of Y`, and `Label (continued)` atop a page that goes on with a
turn. The outline holds the title, the introduction, the interview, every
heading and, as an option, every question. Fonts are the package's own
(`_pdf_fonts`), so output does not depend on the machine; with `invariant`
(the default) the same input gives the same bytes.
"""

from __future__ import annotations

import io
import re

from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import Flowable

from .. import __version__
from ..errors import LimitError, TranscriptError, WriteError
from ..model import Diagnostic, Transcript
from . import _pdf_fonts
from ._pdf_options import Layout, PageSize, PdfOptions, check_options
from ._pdf_page import PageDecor, TranscriptDocTemplate, header_runs
from ._pdf_story import StoryBuilder
from ._rendered import Rendered

__all__ = ["Layout", "PageSize", "PdfOptions", "render", "render_full"]

MM = 72 / 25.4


def render(doc: Transcript, options: object = None) -> bytes:
    """The registry's entry point: the PDF's bytes (use `render_full` for its diagnostics)."""
    return render_full(doc, options).data


def render_full(doc: Transcript, options: object = None) -> Rendered:
    """The PDF of `doc` and the writer's diagnostics (characters no bundled font can draw).

    reportlab's own exceptions never escape: a layout it cannot do, or markup it
    refuses, becomes a `WriteError` naming the problem.
    """
    settings = check_options(options)
    _pdf_fonts.fonts()
    builder = StoryBuilder.create(doc, settings)
    try:
        story = builder.story()
        data = _build(doc, settings, story)
    except TranscriptError:
        raise
    except LayoutError as error:
        raise WriteError(f"cannot lay out the PDF: {error}") from error
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise WriteError(f"cannot write the PDF: {type(error).__name__}: {error}") from error
    except RecursionError as error:
        raise LimitError("the document is nested too deeply to lay out as PDF") from error
    diagnostics: tuple[Diagnostic, ...] = builder.report.diagnostics()
    return Rendered(data, diagnostics)


def _build(doc: Transcript, options: PdfOptions, story: list[Flowable]) -> bytes:
    metadata = doc.metadata
    width, height = options.page_size.points
    margin = options.margin_mm * MM
    title = metadata.title or "Transcript"
    header_size = options.font_size * 0.8
    decor = PageDecor(
        header_runs(title, margin, width - 2 * margin, _pdf_fonts.SANS, header_size),
        options.font_size,
        options.header_footer,
    )
    names = [speaker.name for speaker in doc.speakers]
    buffer = io.BytesIO()
    template = TranscriptDocTemplate(
        buffer,
        decor,
        pagesize=(width, height),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author=", ".join(metadata.authors) or metadata.source or ", ".join(names),
        subject=metadata.description or metadata.subtitle or _subject(names),
        keywords=[word for word in (*names, metadata.source) if word],
        creator=f"transcript {__version__}",
        lang=_language(metadata.language),
        invariant=1 if options.invariant else 0,
        displayDocTitle=1,
        initialFontName=_pdf_fonts.SANS,
    )
    template.build(story)
    template.finish(template.page)
    return buffer.getvalue()


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def _language(tag: str | None) -> str | None:
    """The document language for the catalogue's /Lang: a well-formed BCP 47 tag or none."""
    return tag if tag and _LANGUAGE_TAG.fullmatch(tag) else None


def _subject(names: list[str]) -> str:
    return "Transcript: " + ", ".join(names) if names else "Transcript"
