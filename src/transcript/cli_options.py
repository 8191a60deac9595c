"""The `convert` command's writer options: the flags, and the options object they make.

Kept out of cli.py so that adding a writer's flags does not grow the command
module: each writer with options has one block of flags here and one branch in
`writer_options`. A flag given for a format that does not use it is a usage
error (exit 2), not silently ignored.
"""

from __future__ import annotations

import argparse

from .errors import OptionError
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


def add_writer_options(parser: argparse.ArgumentParser) -> None:
    """Add the HTML writer's flags to the `convert` parser, in a group of their own."""
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


def writer_options(format_name: str, args: argparse.Namespace) -> HtmlOptions | None:
    """The options object for the chosen writer, from the flags given; OptionError if misused."""
    given = {
        name: getattr(args, name) for name in HTML_FLAGS if getattr(args, name, None) is not None
    }
    if format_name == "html":
        try:
            return HtmlOptions(**given)
        except OptionError as error:  # name the flag, not the API field
            raise OptionError(HTML_FLAGS.get(error.option, error.option), error.detail) from None
    if given:
        raise OptionError(
            HTML_FLAGS[next(iter(given))], f"applies to HTML output only, not {format_name}"
        )
    return None
