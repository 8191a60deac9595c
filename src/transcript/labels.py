"""What a printed speaker label says: its name, affiliation, role words and camera cues.

Shared by every reader. A label is split and validated with plain string
operations (no regular expression ever sees an unbounded name), so a hostile
line costs time linear in its length and nothing more.
"""

from __future__ import annotations

import unicodedata

import attrs

MAX_LABEL_CHARS = 60
"""A name part longer than this is speech that happens to contain a colon, not a label."""
MAX_LABEL_WORDS = 6
"""Likewise for a name part of more than this many words."""

INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width characters
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi controls
)
LABEL_SPACES = " \u00a0\u202f\u2009\u3000\t"
NAME_PUNCTUATION = frozenset(".'’‐-&/・·#")
"""`#` for the numbered minor characters of scripts (`Waiter #2`)."""

CAMERA_CUES = frozenset(
    {
        "voice-over",
        "voice over",
        "v.o.",
        "vo",
        "o.s.",
        "o.c.",
        "on camera",
        "off camera",
        "off screen",
        "off-screen",
        "on screen",
        "on-screen",
        "o.c",
        "through translator",
        "through interpreter",
        "via translator",
        "via telephone",
        "via phone",
        "on phone",
        "by phone",
        "via video",
        "via satellite",
        "on tape",
        "off mic",
        "off-mic",
        "cont'd",
        "continuing",
        "contd",
        "she/her",
        "he/him",
        "they/them",
        "she/they",
        "he/they",
        "translated",
        "in english",
        "interpreted",
    }
)


@attrs.frozen
class LabelParts:
    """A label split into the parts a reader and the speaker resolution care about."""

    printed: str
    """The label as printed, without its terminator."""
    name: str
    """The name part: no parenthesised extras, no `, ROLE` suffix."""
    affiliation: str | None = None
    """An organisation or title from `(…)` or a `, TITLE` suffix."""
    role_words: str | None = None
    """A `, ROLE` suffix such as `HOST` or `CORRESPONDENT`, kept for role inference."""
    invisible: bool = False
    """The printed label contained zero-width or bidi control characters."""
    folded_name: str = attrs.field(default="", eq=False)
    """`fold(name)`, computed once: labels repeat thousands of times."""
    folded_printed: str = attrs.field(default="", eq=False)
    """`fold(printed)`, computed once."""


def has_cjk(text: str) -> bool:
    """True when text has Hangul, kana or Han: scripts without case or spaces between words."""
    return any(
        "\u1100" <= ch <= "\u11ff" or "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"
        for ch in text
    )


def fold(text: str) -> str:
    """The form labels are compared in: NFKC, case-folded, invisible characters and dots gone.

    `MR. SMITH`, `Mr. Smith` and `Mr Smith` fold alike; a Cyrillic `Е` in
    `Еditor` does not fold to the Latin `E`, so look-alikes stay apart.
    """
    if text.isascii():  # NFKC and the invisible set leave ASCII alone; casefold is lower
        return " ".join(text.lower().replace(".", " ").split())
    text = unicodedata.normalize("NFKC", text)
    if not INVISIBLE.isdisjoint(text):
        text = "".join(ch for ch in text if ch not in INVISIBLE)
    text = text.casefold().replace(".", " ").replace("’", "'")
    return " ".join(text.split())


def split_label(printed: str) -> LabelParts | None:
    """Split a candidate label into name, affiliation and role, or None if it cannot be a name.

    Accepts `Dr. Jane Thompson`, `Editor (Time.news)`, `MARISOL TATE, HOST`,
    `LI-SAMARAS (on camera)`, `한지우 교수`, `JT`. Refuses what the generic
    guard of FORMATS.md rule 9 refuses: too long, too many words, lower-case
    start, `?`/`!` at the end, quotes or brackets, no letters.
    """
    invisible = not INVISIBLE.isdisjoint(printed)
    visible = "".join(ch for ch in printed if ch not in INVISIBLE) if invisible else printed
    visible = visible.strip(LABEL_SPACES)
    if not visible or len(visible) > 2 * MAX_LABEL_CHARS:
        return None
    name, extras = _strip_parenthesised(visible)
    if name is None:
        return None
    role_words = None
    if "," in name:
        name, _, role_words = name.partition(",")
        role_words = role_words.strip(LABEL_SPACES) or None
        name = name.strip(LABEL_SPACES)
        if role_words and not _looks_like_title(role_words):
            return None
    if not _looks_like_name(name):
        return None
    affiliation = None
    for extra in extras:
        if extra.casefold() not in CAMERA_CUES and not _is_reading(extra) and affiliation is None:
            affiliation = extra
    if affiliation is None and role_words and not is_role_suffix(role_words):
        affiliation = role_words
    as_printed = printed.strip(LABEL_SPACES) if invisible else visible
    return LabelParts(
        as_printed, name, affiliation, role_words, invisible, fold(name), fold(visible)
    )


def _strip_parenthesised(text: str) -> tuple[str | None, list[str]]:
    """`Editor (Time.news)` → (`Editor`, [`Time.news`]); None when brackets are unbalanced.

    Full-width brackets count too: `佐々木遥（ささき・はるか）` prints the name's reading.
    """
    if "（" in text or "）" in text:
        text = text.replace("（", "(").replace("）", ")")
    if "(" not in text and ")" not in text:
        return text, []
    extras: list[str] = []
    kept: list[str] = []
    position = 0
    while True:
        opening = text.find("(", position)
        if opening < 0:
            if ")" in text[position:]:
                return None, []
            kept.append(text[position:])
            break
        closing = text.find(")", opening + 1)
        if closing < 0 or "(" in text[opening + 1 : closing] or ")" in text[position:opening]:
            return None, []
        kept.append(text[position:opening])
        inner = text[opening + 1 : closing].strip(LABEL_SPACES)
        if inner:
            extras.append(inner)
        position = closing + 1
    name = " ".join("".join(kept).split())
    return name, extras


def _is_reading(text: str) -> bool:
    """A kana gloss (`（ささき・はるか）`) gives a Japanese name's reading, not an affiliation."""
    return all("\u3040" <= ch <= "\u30ff" or ch in " ・" for ch in text)


def _looks_like_name(name: str) -> bool:
    if not name or len(name) > MAX_LABEL_CHARS:
        return False
    words = name.split()
    if len(words) > MAX_LABEL_WORDS:
        return False
    first = name[0]
    if not first.isalpha() or first.islower():
        return False
    if name[-1] in "?!？！":
        return False
    has_letter = False
    for ch in name:
        if ch.isalpha():
            has_letter = True
        elif not _allowed_in_name(ch):
            return False
    return has_letter


def _allowed_in_name(ch: str) -> bool:
    """Digits, name punctuation, spaces and combining marks may sit between a name's letters."""
    return (
        ch.isdigit()
        or ch in NAME_PUNCTUATION
        or ch in LABEL_SPACES
        or unicodedata.category(ch) in ("Mn", "Mc", "Me")  # Indic vowel signs are Mc
    )


def _looks_like_title(text: str) -> bool:
    """A `, ROLE` suffix: a few words of letters and name punctuation (`MAYOR OF X`)."""
    return (
        len(text) <= MAX_LABEL_CHARS
        and len(text.split()) <= MAX_LABEL_WORDS
        and all(ch.isalpha() or ch in LABEL_SPACES or ch in NAME_PUNCTUATION for ch in text)
    )


ROLE_SUFFIXES = frozenset(
    {
        "host",
        "co-host",
        "cohost",
        "anchor",
        "guest",
        "correspondent",
        "reporter",
        "moderator",
        "narrator",
        "interviewer",
        "presenter",
        "contributor",
        "analyst",
        "producer",
        "announcer",
    }
)


def is_role_suffix(text: str) -> bool:
    """True for a `, ROLE` suffix that names a part (`HOST`, `CNN ANCHOR`), not an office."""
    words = fold(text).split()
    return bool(words) and words[-1] in ROLE_SUFFIXES


def mixed_script(text: str) -> bool:
    """True when a name mixes Latin with Cyrillic or Greek letters (a look-alike trap)."""
    if text.isascii():
        return False
    scripts = {unicodedata.name(ch, "?").split(" ", 1)[0] for ch in text if ch.isalpha()} & {
        "LATIN",
        "CYRILLIC",
        "GREEK",
    }
    return "LATIN" in scripts and len(scripts) > 1
