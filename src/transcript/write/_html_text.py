"""Turning model values into what may stand in an HTML tree: clean text, times, slugs, languages.

lxml refuses NUL, most C0 controls, U+FFFE/U+FFFF and lone surrogates with a
`ValueError`, and an HTML parser reports DEL, C1 controls and the other
noncharacters as errors. A document built through the API or read from JSON
can hold any of them, so every string passes `clean` on its way into the tree.
The check is `str.isprintable()` (C speed) first; only a string that fails it
is searched and repaired, so ordinary prose pays almost nothing; the pattern is
compiled (through `re`'s cache) the first time a string needs it, not at import.
"""

from __future__ import annotations

import math
import re

from ..language import guess_language
from ..model import Transcript
from ..speakers import unique_slug
from .html_options import is_language_tag

REPLACEMENT = "\ufffd"

FORBIDDEN = (
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    "\ufffe\uffff\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff"
    "\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff"
    "\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff"
    "\U000cfffe\U000cffff\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff"
    "\U0010fffe\U0010ffff]"
)
"""What HTML text may not hold: C0 controls but TAB, LF, CR; DEL; C1 controls; surrogates;
noncharacters. Each becomes U+FFFD, visibly, rather than vanishing or failing the page."""


def clean(text: str) -> str:
    """`text` with every character HTML cannot carry replaced by U+FFFD."""
    if text.isprintable():
        return text
    return re.sub(FORBIDDEN, REPLACEMENT, text)


def valid_time(seconds: float | None) -> bool:
    """True for a time a `<time>` element can state: a finite number, not negative."""
    return isinstance(seconds, (int, float)) and math.isfinite(seconds) and 0 <= seconds < 10**9


def duration(seconds: float) -> str:
    """An HTML duration string: `PT1H2M5S`, `PT7.5S` (milliseconds at most, as HTML allows)."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    whole, fraction = divmod(rest, 1000)
    out = "PT"
    if hours:
        out += f"{hours}H"
    if minutes:
        out += f"{minutes}M"
    if fraction:
        out += f"{whole}.{fraction:03d}".rstrip("0") + "S"
    elif whole or out == "PT":
        out += f"{whole}S"
    return out


def clock(seconds: float) -> str:
    """The time as a reader expects it: `1:05`, `1:02:05`."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def seconds_attribute(seconds: float) -> str:
    """Seconds for a `data-*` attribute: `65`, `7.5` (no exponent, no trailing zeros)."""
    text = f"{seconds:.3f}".rstrip("0").rstrip(".")
    return text or "0"


def speaker_slugs(doc: Transcript) -> dict[str, str]:
    """Each speaker id → a slug for `data-speaker` and ids.

    Readers already make ids slugs, and then the slug is the id itself; an id from
    JSON or the API that is not one (markup, spaces) is slugged, and collisions get
    a suffix, so an attribute or id never carries raw input.
    """
    taken: set[str] = set()
    slugs: dict[str, str] = {}
    for speaker in doc.speakers:
        if speaker.id in slugs:
            continue
        if speaker.id not in taken and _is_slug(speaker.id):
            taken.add(speaker.id)
            slugs[speaker.id] = speaker.id
        else:
            slugs[speaker.id] = unique_slug(speaker.id, taken)
    return slugs


def _is_slug(text: str) -> bool:
    return (
        0 < len(text) <= 64
        and text[0].isalnum()
        and all(ch.isalnum() or ch == "-" for ch in text)
        and text.isprintable()
    )


def language(doc: Transcript, option: str | None) -> str | None:
    """The language tag of the page: the option, the document's own, else a guess."""
    if option:
        return option
    declared = doc.metadata.language
    if declared and is_language_tag(declared):
        return declared
    return guess_language(doc.iter_text())
