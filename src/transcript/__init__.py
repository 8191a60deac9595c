"""transcript: read speaker-labelled interview, Q&A and dialogue text; publish it.

>>> import transcript
>>> doc = transcript.parse("Q: Ready?\\nA: Yes.")
>>> [(t.label, t.paragraphs[0].text) for t in doc.turns]
[('Q', 'Ready?'), ('A', 'Yes.')]
"""

from __future__ import annotations

from .api import convert, from_json, load, parse, render, to_html, to_json, to_pdf
from .errors import (
    DecodeError,
    LimitError,
    OptionError,
    ParseError,
    SchemaError,
    TranscriptError,
    UnknownFormatError,
    WriteError,
)
from .model import (
    Annotation,
    AnnotationKind,
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
    Speaker,
    Text,
    Timestamp,
    Transcript,
    Turn,
)
from .read import ReadOptions
from .write._pdf_options import PdfOptions
from .write.html_options import HtmlOptions, Theme

__version__ = "0.1.0"

__all__ = [
    "Annotation",
    "AnnotationKind",
    "Block",
    "DecodeError",
    "Diagnostic",
    "Heading",
    "HtmlOptions",
    "Inline",
    "LimitError",
    "Metadata",
    "OptionError",
    "Paragraph",
    "ParseError",
    "PdfOptions",
    "Prose",
    "ProseKind",
    "ReadOptions",
    "Role",
    "SchemaError",
    "Severity",
    "SourceSpan",
    "Speaker",
    "Text",
    "Theme",
    "Timestamp",
    "Transcript",
    "TranscriptError",
    "Turn",
    "UnknownFormatError",
    "WriteError",
    "__version__",
    "convert",
    "from_json",
    "load",
    "parse",
    "render",
    "to_html",
    "to_json",
    "to_pdf",
]
