"""Line rules for colon-labelled text: what one input line is, decided by small named rules.

Each rule looks at one stripped line and either claims it or passes. The
order of `classify` is the order of precedence. Rules are line-local and
linear: the label rule looks for the first colon within a bounded prefix and
validates the name part with string operations, so no line can make it
backtrack.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence

import attrs

from ..labels import LABEL_SPACES, MAX_LABEL_CHARS, LabelParts, fold, has_cjk, split_label

LABEL_SEARCH_CHARS = 2 * MAX_LABEL_CHARS + 20
"""How far into a line a label's colon may be: a long name plus `(Affiliation)`."""

SCRAPE_DEBRIS = re.compile(
    r"(?:rn)+"  # the literal rn of a lost \r\n, alone on a line
    r"|</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,200})?/?>?"  # a tag, cut off or whole, alone
    r"|(?:&(?:[A-Za-z]{2,8}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});\s*)+"  # stray entities alone
)
"""Leftovers of scraping: `rnrn`, `<h3 class="`, `&nbsp;`. Bounded repeats only."""

LOST_NEWLINES = re.compile(r"\b(?:rn){2,}\b")
"""`rnrn` inside a line: the letters of lost `\r\n` pairs, removed with a diagnostic."""

CLOSING_CHROME = re.compile(
    r"(?:copyright\b|©|\(c\)\s\d{4}|all rights reserved"
    r"|this (?:interview|transcript|conversation) (?:has been|was|is) (?:edited|condensed|lightly)"
    r"|(?:edited|condensed) for (?:length|clarity)"
    r"|share this|subscribe (?:to|now)|sign up for|follow us|transcribed by|transcript by"
    r"|transcription by|this is a rush transcript)",
    re.IGNORECASE,
)
"""Site and publisher furniture that never belongs to a speaker's turn."""

CHROME_WORDS = (
    "copyright",
    "©",
    "(c)",
    "all rights reserved",
    "this interview",
    "this conversation",
    "transcri",
    "ed for ",
    "share this",
    "subscribe ",
    "sign up for",
    "follow us",
)
"""A word of every `CLOSING_CHROME` alternative, lower-cased: a line with none is no chrome."""
CASE_TWINS = "İıſK"
"""Non-ASCII letters `re.IGNORECASE` matches with ASCII ones: `İ`, `ı` ~ i, `ſ` ~ s, `K` ~ k."""


def is_closing_chrome(text: str, end: int = 120) -> bool:
    """`CLOSING_CHROME` within the first `end` characters, the regex only when it can match.

    The regex tries a dozen case-insensitive alternatives at every position;
    a match needs one of `CHROME_WORDS` in the lower-cased text (only the
    `CASE_TWINS` match otherwise, and send the line to the regex).
    """
    head = text[:end]
    lowered = head.lower()
    if not any(word in lowered for word in CHROME_WORDS) and not any(
        twin in head for twin in CASE_TWINS
    ):
        return False
    return CLOSING_CHROME.search(text, 0, end) is not None


CUE_LINE = re.compile(r"\([^()]{1,80}\)|\[[^\[\]]{1,80}\]|（[^（）]{1,60}）")
"""A whole line in brackets: `(BEGIN VIDEOTAPE)`, `[MUSIC]`, `（写真：森田さん提供）`."""

EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
BYLINE_START = re.compile(
    r"(?:By|BY|Par|PAR|Por|POR|Von|VON|Di|DI|Interview by|Interviewed by|Reporting by"
    r"|Additional reporting by|Written by|Text by|Words by|Transcribed by|Transcript by"
    r"|Compiled by|Edited by|Propos recueillis par|Entretien réalisé par|글|取材|文)\s"
)
"""Credit openers, case-sensitive: `By Jane Doe` is a byline, `by 1990 we …` is speech."""
CITY_BYLINE = re.compile(r"[^=]{1,40}\s[=＝]\s?\S")
"""`Paris = Correspondent Jo Eun-ah`, `사진＝해담일보 DB`: the wire-service dateline byline."""

DATE_LINE = re.compile(
    r"(?:aired|air date|broadcast|recorded|published|posted|updated|dated?)\b.{0,80}"
    r"|\d{4}年\d{1,2}月\d{1,2}日.{0,20}"
    r"|\d{4}[./-]\d{1,2}[./-]\d{1,2}.{0,20}"
    r"|(?:\w{3,9}\s)?\d{1,2}\s(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w{0,6}\.?\s\d{4}"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w{0,6}\.?\s\d{1,2},?\s\d{4}.{0,40}",
    re.IGNORECASE,
)

METADATA_KEYS: dict[str, str] = {
    **dict.fromkeys(
        (
            "title",
            "titre",
            "título",
            "titel",
            "titolo",
            "제목",
            "タイトル",
            "題名",
            "标题",
            "headline",
        ),
        "title",
    ),
    **dict.fromkeys(("subtitle", "sous-titre", "subtítulo", "부제"), "subtitle"),
    **dict.fromkeys(
        (
            "date",
            "datum",
            "fecha",
            "data",
            "날짜",
            "日付",
            "日時",
            "입력",
            "published",
            "posted",
            "recorded",
            "aired",
            "air date",
            "date recorded",
            "interview date",
        ),
        "date",
    ),
    **dict.fromkeys(
        ("location", "place", "lieu", "venue", "lugar", "ort", "장소", "場所"), "location"
    ),
    **dict.fromkeys(
        (
            "source",
            "programme",
            "program",
            "show",
            "publication",
            "series",
            "podcast",
            "episode",
            "출처",
            "出典",
        ),
        "source",
    ),
    **dict.fromkeys(("author", "authors", "byline", "reporter(s)", "credits"), "authors"),
    **dict.fromkeys(("description", "summary", "abstract", "synopsis", "résumé"), "description"),
    **dict.fromkeys(("url", "permalink"), "url"),
    **dict.fromkeys(("language", "langue", "idioma", "sprache"), "language"),
}
"""`Key: value` header words that are metadata, never speakers (folded forms)."""

NOTE_KEYS = frozenset(
    {
        "note",
        "notes",
        "editor's note",
        "editors' note",
        "editor note",
        "update",
        "updated",
        "correction",
        "clarification",
        "photo",
        "photos",
        "photograph",
        "image",
        "caption",
        "credit",
        "credits",
        "photo credit",
        "related",
        "read more",
        "see also",
        "more",
        "tags",
        "tag",
        "category",
        "categories",
        "topics",
        "keywords",
        "duration",
        "length",
        "runtime",
        "present",
        "interview",
        "recorded",
        "transcriber",
        "transcript",
        "transcription",
        "link",
        "links",
        "lien",
        "liens",
        "enlace",
        "video",
        "audio",
        "watch",
        "listen",
        "subscribe",
        "sponsored",
        "advertisement",
        "disclaimer",
        "copyright",
        "share",
        "follow",
        "contact",
        "email",
        "e-mail",
        "tel",
        "phone",
        "fax",
        "web",
        "website",
        "trending",
        "trending now",
        "hot news",
        "breaking",
        "also read",
        "recommended",
        "참고",
        "주",
        "수정",
        "사진",
        "출처",
        "注",
        "※",
        "写真",
        "撮影",
        "文・構成",
        "構成",
        "取材・文",
        "編集",
        "注釈",
        "备注",
        "注释",
        "nota",
        "remarque",
        "anmerkung",
        "hinweis",
        "twitter",
        "facebook",
        "instagram",
        "linkedin",
        "youtube",
        "tiktok",
        "bluesky",
        "mastodon",
        "threads",
        "re",
        "fwd",
        "fw",
        "subject",
        "cc",
        "bcc",
        "ps",
    }
)
"""Label-shaped words that mark notes, captions and chrome: never speakers."""

CREDIT_KEYS = frozenset(
    {
        "文・構成",
        "構成",
        "取材・文",
        "取材",
        "文",
        "編集",
        "글",
        "text",
        "words",
        "reporting",
        "interview by",
        "interviewed by",
        "credits",
    }
)
"""Note words whose line credits the authors: read as a byline."""

NOTE_MARKERS = "※†‡"


class Kind(enum.Enum):
    BLANK = "blank"
    DEBRIS = "debris"
    LABEL = "label"
    METADATA = "metadata"
    NOTE = "note"
    BYLINE = "byline"
    CUE = "cue"
    DATE = "date"
    TEXT = "text"


@attrs.define(slots=True)
class Line:
    """One classified input line."""

    number: int
    kind: Kind
    text: str
    """The stripped line (for LABEL: the speech after the label)."""
    label: LabelParts | None = None
    key: str | None = None
    """For METADATA: the model field; for NOTE/METADATA: the printed key."""
    value: str | None = None
    """For METADATA: the value after the colon."""
    field: str | None = None
    """For METADATA: the model field the value belongs to."""
    whole: str = ""
    """For LABEL: the whole stripped line, in case the label is refused later."""
    repaired: str | None = None
    """The line as it was before `rnrn` debris was taken out of it (for a diagnostic)."""


@attrs.frozen
class _Prefix:
    """What the text before a line's first colon is, decided once per distinct prefix."""

    kind: Kind | None
    """LABEL, METADATA, NOTE or BYLINE; None when the prefix is no label."""
    key: str = ""
    field: str | None = None
    label: LabelParts | None = None


LabelCache = dict[str, _Prefix]
"""Prefixes already judged: a label printed 5,000 times is folded and validated once."""


def classify(number: int, raw: str, cache: LabelCache) -> Line:
    """The first rule that claims the line decides what it is."""
    text = raw.strip()
    if not text:
        return Line(number, Kind.BLANK, "")
    if "rnrn" in text or text[0] in "<&r":
        return _classify_scraped(number, text, cache)
    return _classify_clean(number, text, cache)


BLANK_LINE = Line(0, Kind.BLANK, "")
"""The one BLANK line `classify_lines` gives every blank line (no reader reads its number)."""


def classify_lines(raw_lines: Sequence[str], cache: LabelCache) -> list[Line]:
    """`classify` for each line, numbered from 1; the blank ones are all `BLANK_LINE`.

    Half the lines of a typical transcript are blank: sharing one object
    spares a `Line` for each of them.
    """
    lines: list[Line] = []
    add = lines.append
    for number, raw in enumerate(raw_lines, 1):
        text = raw.strip()
        if not text:
            add(BLANK_LINE)
        elif "rnrn" in text or text[0] in "<&r":
            add(_classify_scraped(number, text, cache))
        else:
            add(_classify_clean(number, text, cache))
    return lines


def label_line(number: int, raw: str, cache: LabelCache) -> Line | None:
    """The LABEL line `classify` would make of this line, or None; no other rule runs.

    For detection, which counts labels only.
    """
    text = raw.strip()
    if not text:
        return None
    if "rnrn" in text or text[0] in "<&r":
        scrubbed = _scrub(text)
        if scrubbed is None:
            return None
        text = scrubbed
    line = label_rule(number, text, cache)
    return line if line is not None and line.kind is Kind.LABEL else None


def _classify_scraped(number: int, text: str, cache: LabelCache) -> Line:
    """A line that may be scraping debris, or hold some: debris, or the repaired line's kind."""
    scrubbed = _scrub(text)
    if scrubbed is None:
        return Line(number, Kind.DEBRIS, text)
    line = _classify_clean(number, scrubbed, cache)
    if scrubbed != text:
        line.repaired = text
    return line


def _scrub(text: str) -> str | None:
    """The line with `rnrn` debris taken out; None when the line is debris and nothing else."""
    if "rnrn" in text:
        cleaned = " ".join(LOST_NEWLINES.sub(" ", text).split())
        if not cleaned or SCRAPE_DEBRIS.fullmatch(cleaned):
            return None
        return cleaned
    if text[0] in "<&r" and SCRAPE_DEBRIS.fullmatch(text):
        return None
    return text


def _classify_clean(number: int, text: str, cache: LabelCache) -> Line:
    labelled = label_rule(number, text, cache)
    if labelled is not None:
        return labelled
    if text[0] in NOTE_MARKERS and len(text) > 1:
        return Line(number, Kind.NOTE, text)
    if len(text) <= 200 and is_closing_chrome(text):
        return Line(number, Kind.NOTE, text)
    if text[0] in "([（" and CUE_LINE.fullmatch(text):
        return Line(number, Kind.CUE, text)
    if is_byline(text):
        return Line(number, Kind.BYLINE, text)
    if is_date_line(text):
        return Line(number, Kind.DATE, text)
    return Line(number, Kind.TEXT, text)


def label_rule(number: int, text: str, cache: LabelCache) -> Line | None:
    """`Name: speech`, `Name (Affiliation): …`, `NAME, ROLE: …`, `Name : …`, `이름：…`.

    Returns a LABEL, METADATA, NOTE or BYLINE line, or None when the line has
    no label colon or what precedes it cannot be a name. The verdict on the
    text before the colon comes from `cache` after its first time.
    """
    colon = text.find(":", 0, LABEL_SEARCH_CHARS)  # the first colon, ASCII or full-width
    wide_colon = text.find("：", 0, colon if colon >= 0 else LABEL_SEARCH_CHARS)
    if wide_colon >= 0:
        colon = wide_colon
    elif colon < 0:
        return None
    following = text[colon + 1 : colon + 2]
    if following.isdigit() and text[colon - 1 : colon].isdigit():
        return None  # a time or ratio: `10:30`, `3:1`, `1：3`
    name_part = text[:colon]
    if following and not following.isspace() and text[colon] == ":" and not _tight_label(name_part):
        return None  # `https://`, `re:action`: a colon inside a word
    prefix = cache.get(name_part)
    if prefix is None:
        prefix = cache[name_part] = judge_prefix(name_part)
    kind = prefix.kind
    if kind is None:
        return None
    speech = text[colon + 1 :].strip()
    if kind is _LABEL:
        return Line(number, kind, speech, label=prefix.label, whole=text)
    return Line(number, kind, text, key=prefix.key, value=speech, field=prefix.field)


_LABEL = Kind.LABEL
"""`Kind.LABEL` as a module constant: an enum member costs an attribute lookup each use."""


TIGHT_LABELS = frozenset({"Q", "A", "P", "R", "F", "問", "答", "问"})
"""Labels that are also typed without a space after an ASCII colon: `Q:Where …`."""


def _tight_label(name_part: str) -> bool:
    """`Q:text`, `기자:text`: a Q/A letter or a CJK name directly followed by speech."""
    if name_part in TIGHT_LABELS:
        return True
    return len(name_part) <= 12 and has_cjk(name_part)


def judged(name_part: str, cache: LabelCache) -> _Prefix:
    """`judge_prefix`, once per distinct text in `cache`."""
    prefix = cache.get(name_part)
    if prefix is None:
        prefix = cache[name_part] = judge_prefix(name_part)
    return prefix


def judge_prefix(name_part: str) -> _Prefix:
    """Metadata key, note word, credit, speaker label, or nothing."""
    printed = name_part.strip(LABEL_SPACES)
    key = fold(printed.lstrip(NOTE_MARKERS))
    field = METADATA_KEYS.get(key)
    if field is not None:
        return _Prefix(Kind.METADATA, printed, field)
    if key in NOTE_KEYS or key in CREDIT_KEYS or printed[:1] in NOTE_MARKERS:
        return _Prefix(Kind.BYLINE if key in CREDIT_KEYS else Kind.NOTE, printed)
    parts = split_label(name_part)
    if parts is None:
        return _Prefix(None)
    return _Prefix(Kind.LABEL, printed, label=parts)


def fold_starts(words: Iterable[str]) -> frozenset[str]:
    """The first one to four characters of each folded word, for `may_fold_into`.

    The words must be ASCII in those characters (every key list of the readers is).
    """
    starts = frozenset(word[:length] for word in words for length in range(1, 5))
    assert all(start.isascii() for start in starts)
    return starts


def may_fold_into(text: str, starts: frozenset[str]) -> bool:
    """False when `fold(text)` is certainly none of the words `starts` was made from.

    `fold` is dear (NFKC, case folding, invisible characters, a split and a
    join), so key lists refuse most lines without it. The printable ASCII
    characters that open the text, up to its first space or dot, open its
    folded form too, lower-cased: NFKC and case folding keep them, and a mark
    after the last of them can only turn that one into a non-ASCII character,
    which no word has in its first four. When the text opens otherwise
    (a space, a dot, a non-ASCII character), only `fold` can tell.
    """
    first = text[:1]
    if _folds_as_is(first) and first.lower() not in starts:
        return False  # the common refusal: the first character starts no word
    start = text[:4]
    while start and not _folds_as_is(start):
        start = start[:-1]
    return not start or start.lower() in starts


def _folds_as_is(start: str) -> bool:
    """Printable ASCII without spaces or dots: `fold` only lower-cases it (see `may_fold_into`)."""
    return start.isascii() and start.isprintable() and " " not in start and "." not in start


def is_byline(text: str) -> bool:
    """A short credit line: `By …`, `Paris = Correspondent …`, a name with an e-mail address."""
    if len(text) > 160:
        return False
    words = text.count(" ") + 1
    if words > 14:
        return False
    start = BYLINE_START.match(text)
    if start is not None and _credits_a_name(text[start.end() :]):
        return True
    if ("=" in text or "＝" in text) and CITY_BYLINE.match(text):
        return True
    return words <= 8 and "@" in text and EMAIL.search(text) is not None and text[-1] not in ".?!。"


def _credits_a_name(rest: str) -> bool:
    """`By Jane Doe`, not `By the way, …`: a capital (or caseless) letter follows `by`."""
    rest = rest.lstrip()
    return bool(rest) and rest[0].isalpha() and not rest[0].islower() and rest[-1] not in ".?!"


def is_date_line(text: str) -> bool:
    """`Aired October 14, 2027 - 20:00 ET`, `2027年3月8日`: a date line, not a sentence."""
    return (
        len(text) <= 120
        and not text.endswith(".")
        and any(ch.isdigit() for ch in text)
        and DATE_LINE.fullmatch(text) is not None
    )
