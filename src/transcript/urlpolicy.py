"""Which URLs may become links: one policy for every writer (HTML, PDF).

A URL from the input (a `Source:` or `URL:` header) or from an option is
untrusted. Browsers ignore tabs, newlines and control characters inside a
scheme (`java\\tscript:` runs as `javascript:`) and compare schemes without
case, so the value is normalised the same way first and only then checked
against a short allow-list. Anything else is shown as text, never as a link.
`import transcript` runs this module (through the HTML options), so the patterns
are compiled when first used (through `re`'s cache), not at import.
"""

from __future__ import annotations

import re

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
"""Schemes a link taken from the document may use."""
STYLESHEET_SCHEMES = frozenset({"http", "https"})
"""Schemes an extra stylesheet may use (relative references are allowed too)."""

MAX_URL_CHARS = 2048
"""A longer value is refused: no real link needs more, and it would swamp a page."""

_INVISIBLE = "[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
_SCHEME = r"([A-Za-z][A-Za-z0-9+.\-]*):"


def normalise_url(value: str) -> str:
    """The URL as a browser would read it: controls, spaces and invisibles gone, scheme lower-case.

    Inner spaces are removed rather than encoded: a URL printed across a line break
    in a scraped page is one URL, not two words.
    """
    url = re.sub(_INVISIBLE, "", value)
    match = re.match(_SCHEME, url)
    if match:
        url = match[1].lower() + url[match.end(1) :]
    return url


def scheme_of(url: str) -> str | None:
    """The lower-case scheme of a normalised URL, or None for a relative reference."""
    match = re.match(_SCHEME, url)
    return match[1].lower() if match else None


def safe_link(value: str | None) -> str | None:
    """A normalised absolute http(s)/mailto URL for a link, or None when it may not be one.

    Relative references are refused: a path from the input would resolve against
    wherever the page happens to be published.
    """
    if not value:
        return None
    url = normalise_url(value)
    scheme = scheme_of(url)
    if scheme not in LINK_SCHEMES or len(url) > MAX_URL_CHARS:
        return None
    rest = url[len(scheme) + 1 :]
    if scheme == "mailto":
        return url if "@" in rest else None
    return url if rest.startswith("//") and len(rest) > 2 else None


def stylesheet_url(value: str) -> str | None:
    """A normalised stylesheet URL (http, https or relative), or None when it is refused."""
    if re.search(_INVISIBLE, value.strip()):
        return None  # a value that needs cleaning is a mistake or an attack, not a URL
    url = normalise_url(value)
    if not url or len(url) > MAX_URL_CHARS:
        return None
    scheme = scheme_of(url)
    if scheme is None:
        return None if url.startswith("\\") or "\\" in url.split("?")[0] else url
    return url if scheme in STYLESHEET_SCHEMES else None
