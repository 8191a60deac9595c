"""The `convert` command's writer options: the flags, and the options object they make.

Kept out of cli.py so that adding a writer's flags does not grow the command
module: each writer with options has one block of flags here and one branch in
`writer_options`. A flag given for a format that does not use it is a usage
error (exit 2), not silently ignored.
"""

from __future__ import annotations

import argparse

from .errors import OptionError
from .write._pdf_options import Layout, PageSize, PdfOptions
from .write.html_options import HtmlOptions, Theme

HTML_FLAGS = {
    "fragment": "--fragment",
    "theme": "--theme",
    "stylesheet": "--stylesheet",
    "timestamps": "--no-timestamps",
    "legend": "--legend",
    "id_prefix": "--id-prefix",
    "lang": "--lang",
    "inline_css": "--no-css",
}
"""HtmlOptions field → the flag that sets it (each left None by argparse when not given)."""

PDF_FLAGS = {
    "page_size": "--page-size",
    "margin_mm": "--margin",
    "font_size": "--font-size",
    "layout": "--layout",
    "header_footer": "--no-header-footer",
    "question_bookmarks": "--question-bookmarks",
}
"""PdfOptions field → the flag that sets it (each left None by argparse when not given)."""

FLAGS = {"html": HTML_FLAGS, "pdf": PDF_FLAGS}
"""Writer name → its flags."""


def add_writer_options(parser: argparse.ArgumentParser) -> None:
    """Add the HTML and PDF writers' flags to the `convert` parser, a group for each."""
    html = parser.add_argument_group("HTML output (.html, --to html)")
    html.add_argument(
        "--fragment",
        action="store_true",
        default=None,
        help="write one embeddable <article class='tx-transcript'> instead of a whole page",
    )
    html.add_argument(
        "--theme",
        choices=[theme.value for theme in Theme],
        help="look of the page (default: magazine)",
    )
    html.add_argument(
        "--stylesheet",
        metavar="URL",
        help="link this extra CSS (http, https or a relative path) after the theme's",
    )
    html.add_argument(
        "--no-timestamps",
        dest="timestamps",
        action="store_false",
        default=None,
        help="leave out start times and inline time marks",
    )
    html.add_argument(
        "--legend",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="list the participants in the header (default: on a page, not in a fragment)",
    )
    html.add_argument(
        "--id-prefix",
        metavar="PREFIX",
        help="put PREFIX- before every id (t-12 becomes PREFIX-t-12), for several on one page",
    )
    html.add_argument("--lang", metavar="TAG", help="language tag of the text, e.g. en or pt-BR")
    html.add_argument(
        "--no-css",
        dest="inline_css",
        action="store_false",
        default=None,
        help="no <style>: the host page supplies the CSS",
    )
    _add_pdf_options(parser)


def _add_pdf_options(parser: argparse.ArgumentParser) -> None:
    pdf = parser.add_argument_group("PDF output (.pdf, --to pdf)")
    pdf.add_argument(
        "--page-size",
        metavar="SIZE",
        help="paper size: " + ", ".join(size.value for size in PageSize) + " (default: a4)",
    )
    pdf.add_argument(
        "--margin", dest="margin_mm", type=_number, metavar="MM", help="page margins in mm (20)"
    )
    pdf.add_argument("--font-size", type=_number, metavar="PT", help="body text size (10)")
    pdf.add_argument(
        "--layout",
        metavar="LAYOUT",
        help="how turns look: " + ", ".join(layout.value for layout in Layout),
    )
    pdf.add_argument(
        "--no-header-footer",
        dest="header_footer",
        action="store_const",
        const=False,
        help="no running title header and no 'page X of Y' footer",
    )
    pdf.add_argument(
        "--question-bookmarks",
        action="store_const",
        const=True,
        help="put every question in the PDF outline",
    )


def writer_options(format_name: str, args: argparse.Namespace) -> HtmlOptions | PdfOptions | None:
    """The options object for the chosen writer, from the flags given; OptionError if misused."""
    given = {
        writer: {
            name: getattr(args, name) for name in flags if getattr(args, name, None) is not None
        }
        for writer, flags in FLAGS.items()
    }
    for writer, fields in given.items():
        if fields and writer != format_name:
            flag = FLAGS[writer][next(iter(fields))]
            raise OptionError(flag, f"applies to {writer.upper()} output only, not {format_name}")
    flags = FLAGS.get(format_name, {})
    try:
        if format_name == "html":
            return HtmlOptions(**given["html"])
        if format_name == "pdf":
            return PdfOptions(**given["pdf"]) if given["pdf"] else None
    except OptionError as error:  # name the flag, not the API field
        raise OptionError(flags.get(error.option, error.option), error.detail) from None
    return None


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from None
