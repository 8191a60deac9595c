"""What the HTML writer can be asked to do, checked when the options are made.

Kept apart from the writer so that `import transcript` (which exports
`HtmlOptions`) does not import lxml. Every value that reaches the page is
validated here, once: a theme from the enum, an id prefix and a language tag
from small grammars, a stylesheet URL through the shared URL policy. A bad value
raises `OptionError` naming the option, so the CLI can say which flag was wrong.
`import transcript` runs this module, so its grammars are compiled when first
checked (through `re`'s cache), not at import: most runs set neither option.
"""

from __future__ import annotations

import enum
import re

import attrs

from ..errors import OptionError
from ..urlpolicy import stylesheet_url


class Theme(str, enum.Enum):
    """A look for the page; each is a CSS file in `transcript/write/themes/`."""

    MAGAZINE = "magazine"
    """An edited interview: questions in bold, the full name on a speaker's first turn and
    the short form after it, labels run into the text."""
    TRANSCRIPT = "transcript"
    """A record: every turn labelled with the full name on a line of its own, start times
    in the margin."""


ID_PREFIX = r"[A-Za-z][A-Za-z0-9_-]{0,39}"
"""An id prefix: a letter, then up to 39 letters, digits, `_` or `-` (valid in ids and CSS)."""
LANGUAGE_TAG = r"(?:[A-Za-z]{2,3}|[A-Za-z]{5,8})(?:-[A-Za-z0-9]{1,8}){0,6}"
"""The shape of a BCP 47 tag (`en`, `pt-BR`, `zh-Hant-TW`); its subtags are not looked up."""
LANGUAGE_TAG_CHARS = 35
"""A longer value is refused before the pattern sees it."""


def is_language_tag(value: str) -> bool:
    """Whether `value` has the shape of a BCP 47 tag (the `lang` option, a document's language)."""
    return len(value) <= LANGUAGE_TAG_CHARS and re.fullmatch(LANGUAGE_TAG, value) is not None


def _theme(value: Theme | str) -> Theme:
    if isinstance(value, Theme):
        return value
    try:
        return Theme(str(value).lower())
    except ValueError:
        valid = ", ".join(theme.value for theme in Theme)
        raise OptionError("theme", f"unknown theme {value!r}; choose one of: {valid}") from None


def _stylesheet(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise OptionError("stylesheet", f"expected a URL string, got {type(value).__name__}")
    url = stylesheet_url(value)
    if url is None:
        raise OptionError(
            "stylesheet",
            f"{value!r} is not an http(s) URL or a relative path without spaces or controls",
        )
    return url


def _flag(_: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise OptionError(attribute.name, f"expected True or False, got {value!r}")


def _optional_flag(_: object, attribute: attrs.Attribute[bool | None], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise OptionError(attribute.name, f"expected True, False or None, got {value!r}")


def _id_prefix(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value == "":
        return
    if not isinstance(value, str) or not re.fullmatch(ID_PREFIX, value):
        raise OptionError(
            "id_prefix",
            f"{value!r} is not a letter followed by up to 39 letters, digits, '_' or '-'",
        )


def _lang(_: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not is_language_tag(value):
        raise OptionError("lang", f"{value!r} is not a BCP 47 language tag such as en or pt-BR")


@attrs.frozen
class HtmlOptions:
    """How `to_html` lays out a document. Every field has a default; invalid values raise."""

    fragment: bool = attrs.field(default=False, validator=_flag)
    """False: a whole page (doctype, head, body). True: one `<article class="tx-transcript">`
    to embed in another page, its CSS scoped under that class."""
    theme: Theme = attrs.field(default=Theme.MAGAZINE, converter=_theme)
    """`magazine` or `transcript` (a `Theme` or its name, any case)."""
    stylesheet: str | None = attrs.field(default=None, converter=_stylesheet)
    """An extra CSS URL linked after the theme (http, https or relative), so it can override it."""
    timestamps: bool = attrs.field(default=True, validator=_flag)
    """Show turn start times and inline time marks as `<time>` elements."""
    legend: bool | None = attrs.field(default=None, validator=_optional_flag)
    """List the participants (name, role, affiliation) in the header; None: on a page, not in
    a fragment."""
    id_prefix: str = attrs.field(default="", validator=_id_prefix)
    """Put before every id (`a-t-12`), so several transcripts can share one page."""
    lang: str | None = attrs.field(default=None, validator=_lang)
    """The language tag of the text; None: the document's, else a guess from the text."""
    inline_css: bool = attrs.field(default=True, validator=_flag)
    """Include the theme's CSS in a `<style>` element. False: the host page supplies it
    (see `transcript.write.html.css`); a strictly conforming fragment needs False, as HTML
    allows `<style>` only in the head."""

    @property
    def show_legend(self) -> bool:
        """Whether the participants list is written, `None` resolved by the page kind."""
        return (not self.fragment) if self.legend is None else self.legend
