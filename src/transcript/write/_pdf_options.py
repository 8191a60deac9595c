"""`PdfOptions`: the PDF writer's settings, checked when they are made.

Kept apart from the writer so the CLI and the API can build and validate
options without importing reportlab.
"""

from __future__ import annotations

import enum
import math
from typing import TypeVar

import attrs

from ..errors import OptionError


class PageSize(str, enum.Enum):
    """Paper sizes, in points (1/72 inch)."""

    A4 = "a4"
    LETTER = "letter"

    @property
    def points(self) -> tuple[float, float]:
        return (595.2755905511812, 841.8897637795277) if self is PageSize.A4 else (612.0, 792.0)


class Layout(str, enum.Enum):
    """How turns are laid out."""

    INTERVIEW = "interview"
    """The speaker's label as a bold lead-in on the turn's first line."""
    SCRIPT = "script"
    """The label on a line of its own above the speech, kept with the first line of it."""


FONT_SIZES = (6.0, 24.0)
"""The body font size, in points, must lie in this range."""
MARGINS_MM = (5.0, 60.0)
"""Each margin, in millimetres, must lie in this range."""

E = TypeVar("E", bound=enum.Enum)


def _choice(enum_type: type[E], field: str, what: str, value: object) -> E:
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        for member in enum_type:
            if member.value == value.strip().lower():
                return member
    valid = ", ".join(str(member.value) for member in enum_type)
    raise OptionError(field, f"unknown {what} {value!r}; choose one of: {valid}")


def _number(field: str, bounds: tuple[float, float], unit: str, value: object) -> float:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise OptionError(field, f"must be a number, got {value!r}")
    number = float(value)
    if not (math.isfinite(number) and low <= number <= high):
        raise OptionError(field, f"must be between {low:g} and {high:g} {unit}, got {value!r}")
    return number


def _flag(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise OptionError(field, f"must be True or False, got {value!r}")
    return value


def _page_size(value: object) -> PageSize:
    return _choice(PageSize, "page_size", "page size", value)


def _layout(value: object) -> Layout:
    return _choice(Layout, "layout", "layout", value)


def _margin(value: object) -> float:
    return _number("margin_mm", MARGINS_MM, "mm", value)


def _font_size(value: object) -> float:
    return _number("font_size", FONT_SIZES, "points", value)


def _header_footer(value: object) -> bool:
    return _flag("header_footer", value)


def _question_bookmarks(value: object) -> bool:
    return _flag("question_bookmarks", value)


def _invariant(value: object) -> bool:
    return _flag("invariant", value)


@attrs.frozen
class PdfOptions:
    """Settings of the PDF writer; every field has a default, bad values raise `OptionError`."""

    page_size: PageSize = attrs.field(default=PageSize.A4, converter=_page_size)
    """`a4` or `letter` (a `PageSize` or its name, any case)."""
    margin_mm: float = attrs.field(default=20.0, converter=_margin)
    """Every page margin, in millimetres (5-60)."""
    font_size: float = attrs.field(default=10.0, converter=_font_size)
    """The body text size in points (6-24); headings and notes scale with it."""
    layout: Layout = attrs.field(default=Layout.INTERVIEW, converter=_layout)
    """`interview` (bold lead-in) or `script` (label above the speech)."""
    header_footer: bool = attrs.field(default=True, converter=_header_footer)
    """Running header with the title, footer `page X of Y`."""
    question_bookmarks: bool = attrs.field(default=False, converter=_question_bookmarks)
    """Also put each question (a turn by an interviewer, host, moderator…) in the outline."""
    invariant: bool = attrs.field(default=True, converter=_invariant)
    """Same input, same bytes: a fixed creation date and document id."""


def check_options(options: object) -> PdfOptions:
    """`options` as `PdfOptions` (None means the defaults); anything else is an `OptionError`."""
    if options is None:
        return PdfOptions()
    if not isinstance(options, PdfOptions):
        raise OptionError(
            "options", f"the PDF writer takes PdfOptions, got {type(options).__name__}"
        )
    return options
