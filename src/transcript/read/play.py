"""The reader for stage plays, verse included (FORMATS.md §1.6).

    DRAMATIS PERSONAE
      ORSOLIN, son to the late Duke of Brindamar.
    ACT III. SCENE II.
    Brindamar. A quay by the harbour.
    Enter Orsolin and Benedetta.
      Ors. The wind is in the east, and so's my luck;
        Three ships went out, and none of them came home.
                                                  Exit.

Project Gutenberg layouts put a speech prefix (`Ors.`, `Capt.`, `Fool.`, or
`ORSOLIN.` in capitals, inline or alone on its line) at one indent, and verse
continuation lines deeper. The reader works in two passes:

1. a look-ahead over the whole text finds the prefix indent, the cast list
   and the names in `Enter …`/`Exit …` directions, so that an abbreviation
   (`Ors.`) can be expanded to a full name (`Orsolin`): the document declares
   it, and the abbreviation stays an alias with its period;
2. each line is placed by the first rule that claims it: Gutenberg boilerplate
   (furniture), act/scene headings, the cast list, stage directions (whole
   line: narration), speech prefixes (a turn), continuation lines (the
   turn goes on; each verse line stays its own paragraph, because a
   paragraph of the model has no line breaks).

A direction at the end of a speech line (`none.      Exit.`) or an inline
`[Aside]` becomes an annotation inside the turn.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from ..decode import DecodedText
from ..labels import LabelParts, fold
from ..model import Annotation, AnnotationKind, Inline, ProseKind, Severity, Text, Transcript
from . import ReadOptions
from .build import DocumentBuilder, DraftTurn
from .detect import NO_FIT, Fit, Head
from .lines import fold_starts, may_fold_into
from .script import fold_directions_into_turn, unknown_roles

STYLE = "play-verse"

DIRECTION_VERBS = frozenset(
    {
        "enter",
        "re-enter",
        "reenter",
        "exit",
        "exeunt",
        "manet",
        "manent",
        "flourish",
        "alarum",
        "alarums",
        "sennet",
        "trumpets",
        "hautboys",
        "music",
        "thunder",
        "dies",
        "retreat",
        "aside",
        "they",
        "he",
        "she",
    }
)
"""First words of a stage direction (`Enter Hamlet.`, `Exeunt.`, `[They fight.]`)."""

DIRECTION_STARTS = frozenset(verb[:4] for verb in DIRECTION_VERBS - {"he", "she", "they"})
"""The first four characters of the verbs `_is_direction` accepts (it refuses `he`, `she` and
`they`; every other verb has four or more)."""

BARE_VERBS = frozenset({"enter", "re-enter", "reenter", "exit", "exeunt", "manet", "manent"})
"""Direction verbs that name who comes and goes: the names after them are the cast."""

CAST_HEADINGS = (
    "dramatis personae",
    "dramatis personæ",
    "persons represented",
    "persons of the play",
    "the persons of the play",
    "characters",
    "cast of characters",
    "the characters",
)

HEADING = re.compile(
    r"(?:ACT|Act|SCENE|Scene)\s{1,3}(?:[IVXLC]{1,8}|\d{1,3}|[A-Z][a-z]{2,8})\b.{0,80}"
    r"|(?:PROLOGUE|EPILOGUE|INDUCTION|Prologue|Epilogue|Induction|THE END|FINIS)\.?"
)
"""`ACT III. SCENE II.`, `Scene 2.`, `PROLOGUE`: act and scene headings."""

GUTENBERG_START = "*** START OF"
GUTENBERG_END = "*** END OF"
GUTENBERG_KEYS = {
    "title": "title",
    "author": "authors",
    "release date": "date",
    "language": "language",
}

PREFIX_SEARCH = 32
"""How far into a line the period ending a speech prefix may be."""
FAR_RIGHT = 20
"""A line indented this far (and past the prefix indent) is a stage direction set right."""
NAME_WORDS = 4
ABBREVIATION = 8
"""The longest word (with its period) read as one word of an abbreviated prefix."""

TRAILING_DIRECTION = re.compile(r"(\S)(\s{3,})(\[?[A-Z][a-z-]{1,10}\b[^\n]{0,120})$")
"""`… have none.      Exit.`: a direction set right at the end of a speech line."""
INLINE_BRACKET = re.compile(r"\[[^\[\]\n]{1,120}\]")


class _Prefix(NamedTuple):
    """A speech prefix found on a line: the name as printed, the speech after it."""

    printed: str
    """`Ors.` (an abbreviation keeps its period) or `Fool` (the period was the terminator)."""
    speech: str
    abbreviated: bool


def fit(head: Head) -> Fit:
    """Speech prefixes at one shallow indent, with a stage direction, act heading or cast list.

    A 4-space indent with honorifics (`    Mr. SMITH.`) is a GPO hearing, not a
    play (FORMATS §8), so prefixes must sit at most 3 spaces in and mostly
    not start with a title. Without a direction, heading or cast list in
    words (not only `[…]`) there is no play: that is judged first, before any
    prefix is looked for.
    """
    scan = _scan(head.lines)
    signals = strong = 0
    for text, _, cast, heading, direction, _ in scan:
        if text and (direction or heading or cast):
            signals += 1
            strong += text[0] != "["
    if not strong:
        return NO_FIT
    indent = _prefix_indent(scan)
    if indent > MAX_PREFIX_INDENT:
        return NO_FIT
    prefixes = [
        fold(prefix.printed)
        for _, at, cast, heading, direction, prefix in scan
        if prefix is not None and at == indent and not (direction or heading or cast)
    ]
    distinct = len(set(prefixes))
    titled = sum(p.split()[0] in HONORIFIC_PREFIXES for p in prefixes)
    if len(prefixes) < 3 or distinct < 2 or titled * 2 >= len(prefixes):
        return NO_FIT
    if len(prefixes) >= 6 and distinct / len(prefixes) > 0.6:
        return NO_FIT
    return Fit(
        float(len(prefixes) + signals),
        STYLE,
        f"{len(prefixes)} speech prefixes and {signals} stage directions or headings",
    )


MAX_PREFIX_INDENT = 3
HONORIFIC_PREFIXES = frozenset(
    {"mr", "mrs", "ms", "dr", "the", "senator", "colonel", "general", "hon", "judge", "chairman"}
)
"""First words of hearing and testimony labels (`Mr. SMITH.`, `The CHAIRMAN.`)."""


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read a play (see the module docstring)."""
    lines = source.text.split("\n")
    scan = _scan(lines)
    reader = _PlayReader(source.text, lines, scan)
    body_from, body_to = reader.body_from, reader.body_to
    for number in range(1, body_from):
        reader.boilerplate(number, scan[number - 1][0])
    take = reader.take
    for number, line in enumerate(scan[body_from - 1 : body_to], body_from):
        take(number, line)
    for number in range(body_to + 1, len(scan) + 1):
        reader.boilerplate(number, scan[number - 1][0])
    doc = reader.doc.finish(options)
    return unknown_roles(doc, options)


# -- rules ------------------------------------------------------------------------------


_Line = tuple[str, int, bool, bool, bool, _Prefix | None]
"""A line as every pass sees it: (stripped text, indent, cast heading, act/scene heading,
direction, speech prefix). Judged once per line by `_scan`; a plain tuple, no object per line."""
_BLANK: _Line = ("", 0, False, False, False, None)


def _scan(lines: Sequence[str]) -> list[_Line]:
    """Each line's text, indent, the heading and direction rules and its prefix, decided once.

    Every rule is guarded by a test of the line's first character (a set look-up),
    so the common line, a verse line, costs no rule call. The speech prefix is
    looked for at any indent short of far right (the prefix indent is not known yet).
    """
    scan: list[_Line] = []
    append = scan.append
    for raw in lines:
        lead = raw.lstrip(" \t")
        text = lead.strip()  # the same as `raw.strip()`: `lead` lost only white space
        if not text:
            append(_BLANK)
            continue
        first = text[0]
        cast = first not in _NO_CAST_FIRST and _is_cast_heading(text)
        heading = (
            not cast and text.startswith(HEADING_OPENERS) and HEADING.fullmatch(text) is not None
        )
        indent = len(raw) - len(lead)
        if first in _NO_DIRECTION_FIRST:  # no direction, and no prefix (not a capital)
            append((text, indent, cast, heading, False, None))
            continue
        direction = _is_direction(text)
        far = direction or indent >= FAR_RIGHT
        prefix = None if far else _split_prefix(text, strict=not indent)
        append((text, indent, cast, heading, direction, prefix))
    return scan


HEADING_OPENERS = (
    "ACT",
    "Act",
    "SCENE",
    "Scene",
    "PROLOGUE",
    "EPILOGUE",
    "INDUCTION",
    "Prologue",
    "Epilogue",
    "Induction",
    "THE END",
    "FINIS",
)
"""The words `HEADING` starts with: any other line is refused without the regex."""
CAST_STARTS = fold_starts(CAST_HEADINGS)
_ASCII_FOLDING_AS_IS = frozenset(chr(c) for c in range(0x21, 0x7F)) - {"."}
"""The characters `may_fold_into` judges alone: printable ASCII but the space and the dot."""
_NO_CAST_FIRST = frozenset(c for c in _ASCII_FOLDING_AS_IS if c.lower() not in CAST_STARTS)
"""First characters `may_fold_into` refuses for a cast heading (its own first test, a look-up)."""
_NO_DIRECTION_FIRST = frozenset(
    c for c in _ASCII_FOLDING_AS_IS | {"."} if c != "[" and not c.isupper()
)
"""First characters `_is_direction` refuses at once (printable ASCII, not `[`, not a capital;
not the space, so an unstripped run is judged by its stripped text). No prefix opens with one."""


def _is_cast_heading(text: str) -> bool:
    """`DRAMATIS PERSONAE`, `Persons of the Play.`: the heading over the cast list.

    `fold` is the dearest rule of a line: most lines are refused without it,
    by their length (three `str` methods), then by their first characters.
    """
    return (
        not _too_long_for_a_cast_heading(text)
        and may_fold_into(text, CAST_STARTS)
        and fold(text).rstrip(".") in CAST_HEADINGS
    )


CAST_HEADING_CHARS = max(len(heading.replace(" ", "")) for heading in CAST_HEADINGS)
"""The most characters besides spaces a cast heading has (`the persons of the play`)."""


def _too_long_for_a_cast_heading(text: str) -> bool:
    """A verse line starting `The …`: more characters than any cast heading, counted without `fold`.

    In printable ASCII the only white space is the space, and `fold` only
    lower-cases, turns dots into spaces and squeezes spaces: every other
    character survives it. Other text is left to `fold`.
    """
    return (
        text.isascii()
        and text.isprintable()
        and len(text) - text.count(" ") - text.count(".") > CAST_HEADING_CHARS
    )


def _is_direction(text: str) -> bool:
    """`Enter Orsolin.`, `Exeunt.`, `[They swear.]`: a whole-line stage direction."""
    if text[0] == "[":
        return text.endswith("]") and text.count("[") == 1
    if not text[0].isupper():  # every direction verb is capitalised: no split needed
        return False
    start = text[:4]
    if start.isascii() and start.lower() not in DIRECTION_STARTS:
        # an accepted word is a verb of four or more characters before any space or
        # punctuation, so its first four are the text's, lower-cased: no split needed
        return False
    word = text.split(None, 1)[0].rstrip(".,;:").casefold()
    return word in DIRECTION_VERBS and word not in ("he", "she", "they")


def _is_prefix_word(word: str) -> bool:
    """`Ors.`, `O’Neill`, `Lady`: a capital, then letters, apostrophes, hyphens and periods."""
    return bool(word) and word[0].isupper() and word.translate(_PREFIX_MARKS).isalpha()


_PREFIX_MARKS = str.maketrans("", "", "'’-.")
"""The marks a prefix word may hold besides letters (taken out before `isalpha`)."""


def _split_prefix(text: str, *, strict: bool) -> _Prefix | None:
    """`Ors. The wind …`, `Both. God be thanked!`, `HAMLET.` alone: a speech prefix, or None.

    `strict` (prefixes at column 0, where locations and directions also sit)
    accepts only a name in capitals.
    """
    if not text[0].isupper():
        return None  # a prefix's first word is capitalised (`_is_prefix_word`)
    end = text.find(". ", 0, PREFIX_SEARCH)
    if end < 0:
        if not (text.endswith(".") and len(text) <= PREFIX_SEARCH):
            return None
        end = len(text) - 1
    name = text[:end]
    if not _is_prefix_name(name, strict):
        return None
    return _Prefix(name, text[end + 1 :].strip(), False)


@functools.lru_cache(maxsize=1024)
def _is_prefix_name(name: str, strict: bool) -> bool:
    """The words before a prefix's period make a name: judged once per printed prefix.

    A play prints the same few prefixes thousands of times (`Ors.`).
    """
    words = name.split()
    if not words or len(words) > NAME_WORDS or not all(_is_prefix_word(w) for w in words):
        return False
    if strict and not (name.isupper() and sum(ch.isalpha() for ch in name) >= 2):
        return False
    return not _is_direction_verb(words[0])


@functools.lru_cache(maxsize=1024)
def _is_direction_verb(word: str) -> bool:
    """`Enter`, `Exit.`: folded once per distinct word (prefixes repeat thousands of times)."""
    return fold(word) in DIRECTION_VERBS


def _prefix_indent(scan: Sequence[_Line]) -> int:
    """The indent most speech prefixes sit at (2 in the old Gutenberg layout, 0 in others)."""
    counts = Counter(indent for _, indent, _, _, _, prefix in scan if prefix is not None)
    return counts.most_common(1)[0][0] if counts else 0


def _direction_names(text: str) -> list[str]:
    """`Enter Orsolin and Benedetta, Malvo following.` → Orsolin, Benedetta, Malvo."""
    words = text.strip("[]").replace(",", " , ").replace(".", " . ").split()
    if not words or fold(words[0]) not in BARE_VERBS:
        return []
    names: list[str] = []
    current: list[str] = []
    for word in [*words[1:], ","]:
        if word[0].isupper() and word.isalpha() and word.casefold() not in ("and", "the", "a"):
            current.append(word)
            continue
        if current:
            names.append(" ".join(current))
            current = []
    return names


def _cast_name(text: str) -> str | None:
    """`ORSOLIN, son to the late Duke.` → ORSOLIN; `A CAPTAIN of the Heron.` → CAPTAIN."""
    head = text.split(",", 1)[0].strip().rstrip(".")
    words = head.split()
    caps = [w for w in words if w.isupper() and len(w) > 1]
    if caps:
        # the run of capitalised words, without a leading article
        start = words.index(caps[0])
        run = [w for w in words[start:] if w.isupper()][:NAME_WORDS]
        return " ".join(run)
    if "," in text and 1 <= len(words) <= NAME_WORDS and all(w[0].isupper() for w in words):
        return head
    return None


def _matches(abbreviation: str, name: str) -> bool:
    """`Ors.` ~ `Orsolin`, `Lady M.` ~ `Lady Macbeth`: each word a prefix of the name's word."""
    return _abbreviates(fold(abbreviation).split(), fold(name).split())


def _abbreviates(short: list[str], full: list[str]) -> bool:
    """`_matches` on folded words (a single letter abbreviates nothing)."""
    if len(short) == 1 and len(short[0]) < 2:
        return False
    return len(short) == len(full) and all(
        f.startswith(s) for s, f in zip(short, full, strict=True)
    )


def play_inline(text: str) -> tuple[Inline, ...] | None:
    """A verse line's text: a whole-line direction, `[Aside]`, and a direction set right.

    None when the line has none of them (see `build.InlineRule`).
    """
    if "[" not in text and "   " not in text:
        # what the rules below would give: the text as it is, unless it is a direction
        first = text[:1]
        if first in _NO_DIRECTION_FIRST:
            return None  # the common run: `_is_direction` refuses its first character
        stripped = text.strip()
        if stripped and _is_direction(stripped):
            return (Annotation(AnnotationKind.ACTION, text),)
        return None
    stripped = text.strip()
    if stripped and _is_direction(stripped):
        return (Annotation(AnnotationKind.ACTION, text),)
    nodes: list[Inline] = []
    rest = text
    if "[" in rest:
        position = 0
        for match in INLINE_BRACKET.finditer(rest):
            if match.start() > position:
                nodes.append(Text(rest[position : match.start()]))
            nodes.append(Annotation(AnnotationKind.ACTION, match.group()))
            position = match.end()
        rest = rest[position:]
    trailing = TRAILING_DIRECTION.search(rest) if "   " in rest else None
    if trailing is not None and _is_direction(trailing.group(3)):
        nodes.append(Text(rest[: trailing.start(2)]))
        nodes.append(Annotation(AnnotationKind.ACTION, trailing.group(3)))
        rest = ""
    if rest:
        nodes.append(Text(rest))
    return tuple(nodes) if nodes else (Text(text),)


# -- the reader -------------------------------------------------------------------------


class _PlayReader:
    """One read: the look-ahead results and the open block."""

    def __init__(self, text: str, lines: list[str], scan: list[_Line]) -> None:
        self.doc = DocumentBuilder(STYLE, inline_rule=play_inline)
        self.scan = scan
        start = _first_line_starting(text, GUTENBERG_START)
        end = _first_line_starting(text, GUTENBERG_END)
        self.body_from = start + 2 if start >= 0 else 1  # line numbers, 1-based
        self.body_to = end if end > start else len(lines)
        body = slice(self.body_from - 1, self.body_to)
        self.indent = _prefix_indent(scan[body])
        self.far_right = max(FAR_RIGHT, self.indent + 12)
        """A line indented this far is a stage direction set right."""
        self.cast: list[str] = []
        self.entered: list[str] = []
        self._look_ahead(scan[body])
        self.entered = list(dict.fromkeys(self.entered))  # `Enter Ors.` 200 times is one name
        self.known = {fold(name) for name in (*self.entered, *self.cast)}
        self.candidates = [
            fold(name).split() for name in dict.fromkeys((*self.entered, *_titled(self.cast)))
        ]
        """Every name a prefix may abbreviate, folded into words once."""
        self.named: dict[str, bool] = {}
        """Whether a printed prefix is a name in full or abbreviates one: judged once."""
        self.matched: dict[str, bool] = {}
        """Whether a printed prefix abbreviates some name: judged once per prefix."""
        self.labels: dict[str, LabelParts] = {}
        """Each printed prefix's label, made once."""
        self.open: DraftTurn | None = None
        self.section = "top"  # top → cast → play
        self.title_seen = False
        self.after_heading = False

    def _look_ahead(self, body: list[_Line]) -> None:
        in_cast = False
        for text, _, cast, heading, direction, _ in body:
            if not text:
                continue
            if cast:
                in_cast = True
            elif heading:
                in_cast = False
            elif in_cast:
                name = _cast_name(text)
                if name is not None:
                    self.cast.append(name)
            elif direction:
                self.entered.extend(_direction_names(text))
            elif "   " in text or not text.isprintable():
                # a necessary condition of `TRAILING_DIRECTION` (three white-space
                # characters): in printable text the only white space is the ASCII
                # space, so `"   " in text` settles it without the regex (or a call)
                trailing = TRAILING_DIRECTION.search(text)
                if trailing is not None:
                    self.entered.extend(_direction_names(trailing.group(3)))

    # -- line dispatch -----------------------------------------------------------------
    def take(self, number: int, line: _Line) -> None:
        """A line of the body (between the Gutenberg start and end lines, if any)."""
        text, indent, cast, heading, direction, prefix = line
        if not text:
            return
        if cast:
            self.section = "cast"
            self.doc.heading(text, 2, number)
            self.open = None
        elif heading:
            self.section = "play"
            self.doc.heading(text, 2, number)
            self.open = None
            self.after_heading = True
            return
        elif direction or indent >= self.far_right:
            self.section = "play"
            self.doc.prose_line(ProseKind.NARRATION, text, number)
            self.open = None
        elif self.section == "cast":
            self.doc.prose_line(ProseKind.NOTE, text, number)
        elif indent == self.indent and self._prefix(number, prefix):
            self.section = "play"
        elif self.section == "top":
            self._top(number, text)
        elif indent > self.indent or (self.indent == 0 and not self.after_heading):
            if self.open is not None:
                self.open.add(text, number)  # the common line: the open speech goes on
            else:
                self._continuation(number, text)
        else:  # column 0 in an indented layout: a scene location or a direction
            self.doc.prose_line(ProseKind.NARRATION, text, number)
            self.open = None
        self.after_heading = False

    def boilerplate(self, number: int, text: str) -> None:
        """A line before the Gutenberg start line (its header) or after the end line."""
        key, colon, value = text.partition(":")
        field = GUTENBERG_KEYS.get(fold(key)) if colon and number < self.body_from else None
        if field == "authors":
            self.doc.authors.append(value.strip())
        elif field is not None and value.strip():
            self.doc.set(field, value.strip(), key)
        elif text:
            kind = "Gutenberg header" if number < self.body_from else "Gutenberg licence"
            self.doc.furniture(kind, number)

    def _top(self, number: int, text: str) -> None:
        if not self.title_seen and "title" not in self.doc.metadata:
            self.title_seen = True
            self.doc.set("title", text)
        elif fold(text).startswith("by "):
            self.doc.authors.append(text[3:].strip())
            self.doc.prose(ProseKind.BYLINE, text, number)
        else:
            self.doc.prose_line(ProseKind.NOTE, text, number)

    def _prefix(self, number: int, found: _Prefix | None) -> bool:
        """A speech prefix at the prefix indent (`found` by `_scan`) opens a turn."""
        if found is None:
            return False
        if self.section == "top" and self.indent == 0 and not self._known(found.printed):
            return False
        found = self._longer(found)
        parts = self._parts(found.printed, number)
        self.open = self.doc.turn(parts, number, found.speech or None)
        return True

    def _longer(self, found: _Prefix) -> _Prefix:
        """`Godw. Ash. The wheel …`: a prefix of several abbreviated words, when a name fits.

        The first period ends the prefix unless the next word is also a short
        abbreviation and the longer prefix, not the shorter, fits a cast name.
        """
        named = self.named.get(found.printed)
        if named is None:
            named = self._known(found.printed) or self._abbreviates_a_name(found.printed)
            self.named[found.printed] = named
        if named:
            return found
        printed, speech = found.printed, found.speech
        for _ in range(NAME_WORDS - 1):
            word, _space, rest = speech.partition(" ")
            if not (word.endswith(".") and _is_prefix_word(word) and len(word) <= ABBREVIATION):
                break
            printed, speech = f"{printed}. {word[:-1]}", rest.strip()
            if self._abbreviates_a_name(printed):
                return _Prefix(printed, speech, True)
        return found

    def _abbreviates_a_name(self, printed: str) -> bool:
        """`_matches` against every entered or cast name, remembered per printed prefix."""
        matched = self.matched.get(printed)
        if matched is None:
            short = fold(printed).split()
            matched = self.matched[printed] = any(
                _abbreviates(short, full) for full in self.candidates
            )
        return matched

    def _continuation(self, number: int, text: str) -> None:
        """A verse line with no open speech: it goes on the turn before a direction, if any."""
        turn = self.open or fold_directions_into_turn(self.doc)
        if turn is None:
            self.doc.diagnose(
                "unattributed-text", "verse line with no speech prefix; kept as narration", number
            )
            self.doc.prose_line(ProseKind.NARRATION, text, number)
            return
        self.open = turn
        turn.add(text, number)

    # -- names -------------------------------------------------------------------------
    def _known(self, printed: str) -> bool:
        """The prefix is a name printed in full in a direction or the cast list."""
        return fold(printed) in self.known

    def _parts(self, printed: str, number: int) -> LabelParts:
        """The label of a prefix; an abbreviation expanded from the cast or the directions.

        Made once per printed prefix (the expansion is declared, or found
        ambiguous, at its first occurrence).
        """
        parts = self.labels.get(printed)
        if parts is None:
            parts = self.labels[printed] = _label(printed, self._expand(printed, number))
        return parts

    def _expand(self, printed: str, number: int) -> str | None:
        """The full name `printed` abbreviates, or None when it is printed in full or unknown."""
        if self._known(printed):
            return None
        for names in (self.entered, _titled(self.cast)):
            found = list(dict.fromkeys(n for n in names if _matches(printed, n)))
            if len(found) == 1:
                self.doc.declare(printed + ".", found[0])
                return found[0]
            if len(found) > 1:
                self.doc.diagnose(
                    "ambiguous-speaker",
                    f"speech prefix {printed + '.'!r} could be any of {', '.join(found)}; "
                    "kept as printed",
                    number,
                    Severity.WARNING,
                )
                return None
        return None


def _label(printed: str, full: str | None) -> LabelParts:
    """`Ors.` expanded to `Orsolin` keeps its period as printed; a name in full loses it."""
    if full is None:
        name = printed.rstrip(".")
        return LabelParts(name, name, folded_name=fold(name), folded_printed=fold(name))
    label = printed if printed.endswith(".") else printed + "."
    return LabelParts(label, full, folded_name=fold(full), folded_printed=fold(label))


def _first_line_starting(text: str, prefix: str) -> int:
    """The index of the first line of `text` that starts with `prefix`, or -1 (one `find`)."""
    at = text.find(prefix)
    while at > 0 and text[at - 1] != "\n":
        at = text.find(prefix, at + 1)
    return -1 if at < 0 else text.count("\n", 0, at)


def _titled(names: list[str]) -> list[str]:
    """Cast-list names in capitals read as names: `ORSOLIN` → `Orsolin`."""
    return [name.title() if name.isupper() else name for name in names]
