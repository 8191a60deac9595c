"""Podcasting 2.0 transcripts: the namespace's JSON and HTML forms (FORMATS.md §7).

Both are structured, so their fields are mapped directly and never matched
with patterns:

- JSON, `{"version": …, "segments": [{"speaker", "startTime", "endTime",
  "body"}]}`: a run of segments by one speaker is one turn (a segment is a
  caption-sized piece of speech, not a paragraph), from the first segment's
  `startTime` to the last one's `endTime`. A segment without a speaker
  continues the turn before it, or is prose when no turn has begun. The text
  goes through the JSON reader's safe loading (`_json_syntax`): nesting depth,
  `NaN`/`Infinity`, huge numbers and keys given twice are refused before
  anything is built. JSON has no lines worth pointing to, so a block's
  "lines" are the numbers (1-based) of its first and last segment.
- HTML, `<cite>Name:</cite> <time>0:00</time> <p>…</p>` repeated: lxml reads
  it without network access, entities or processing instructions; only text
  is kept. A `<cite>` opens a turn, the `<time>` after it is its start, each
  `<p>` is a paragraph of it; text before the first `<cite>` is prose.
  Script and style contents are dropped with a diagnostic.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from ..decode import normalise
from ..errors import DecodeError, LimitError, ParseError, SchemaError
from ..labels import LabelParts, fold, split_label
from ..model import ProseKind, Severity, Transcript
from . import ReadOptions
from ._json_syntax import _decode, _parse, _refusal_problems, _scan
from .build import DocumentBuilder, DraftTurn
from .detect import NO_FIT, SIGNATURE, Fit, Head

if TYPE_CHECKING:
    from ..decode import DecodedText

JSON_STYLE = "podcast-json"
HTML_STYLE = "podcast-html"

SEGMENT_FIELDS = frozenset({"speaker", "startTime", "endTime", "body"})
TOP_FIELDS = frozenset({"version", "segments"})

# ---------------------------------------------------------------- detection


def looks_like_json(head_text: str) -> bool:
    """An object holding a `"segments"` key and no transcript/1 version: podcast JSON.

    Shared with `registry.is_raw_json`, which leaves such a document to this reader.
    """
    text = head_text.lstrip("\ufeff \t\r\n")
    return text.startswith("{") and '"segments"' in text and '"transcript/' not in text


def fit(head: Head) -> Fit:
    """Podcast JSON by its opening, or HTML that starts with a tag and holds `<cite>`."""
    text = head.text
    if looks_like_json(text):
        return Fit(SIGNATURE, JSON_STYLE, 'a JSON object with "segments" (podcast namespace)')
    stripped = text.lstrip("\ufeff \t\n")
    cites = text.lower().count("<cite")
    if stripped.startswith("<") and cites:
        return Fit(SIGNATURE + cites, HTML_STYLE, f"HTML with {cites} <cite> speaker names")
    return NO_FIT


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """Read podcast JSON when the text is a JSON object, podcast HTML otherwise."""
    if source.text.lstrip().startswith("{"):
        return _read_json(source.text, options)
    return _read_html(source.text, options)


# ---------------------------------------------------------------- JSON


def _load(text: str) -> Any:
    """The parsed value, through the transcript/1 reader's safe steps (see `_json_syntax`).

    Those steps are private to the JSON reader; they are imported here on purpose so
    both JSON readers refuse the same things: nesting past MAX_DEPTH (`LimitError`),
    syntax errors (`ParseError`), `NaN`/`Infinity`/huge numbers (`SchemaError`). Keys
    given twice are caught by comparing the pairs the text spells out with those parsed.
    """
    text, raw, raw_surrogates = _decode(text)
    pairs_in_text = _scan(raw)
    value = _parse(text, raw_surrogates)
    if _pair_total(value) != pairs_in_text:
        refused = _refusal_problems(text)
        if refused:
            raise SchemaError(refused)
    return value


def _pair_total(value: Any) -> int:
    """Key/value pairs in the parsed data, counted without recursion."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            total += len(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return total


def _time(value: Any, path: str, problems: list[tuple[str, str]]) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.append((path, f"must be a number of seconds, not {type(value).__name__}"))
        return None
    if not math.isfinite(value) or value < 0:
        problems.append((path, "must be a finite, non-negative number of seconds"))
        return None
    return float(value)


def _segments(value: Any) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """The segments list and the problems of the document's shell."""
    if not isinstance(value, dict):
        raise SchemaError([("$", "a podcast transcript is a JSON object")])
    segments = value.get("segments")
    if not isinstance(segments, list):
        raise SchemaError([("$.segments", "must be an array of segment objects")])
    problems: list[tuple[str, str]] = []
    version = value.get("version")
    if version is not None and not isinstance(version, str):
        problems.append(("$.version", "must be a string"))
    return segments, problems


def _read_json(text: str, options: ReadOptions) -> Transcript:
    value = _load(text)
    segments, problems = _segments(value)
    doc = DocumentBuilder(JSON_STYLE)
    if isinstance(value.get("version"), str):
        doc.set("extra", value["version"], "version")
    unknown = set(value) - TOP_FIELDS
    checked: list[tuple[str | None, float | None, float | None, str]] = []
    for index, segment in enumerate(segments):
        path = f"$.segments[{index}]"
        if not isinstance(segment, dict):
            problems.append((path, "must be an object"))
            continue
        unknown.update(segment.keys() - SEGMENT_FIELDS)
        speaker = segment.get("speaker")
        if speaker is not None and not isinstance(speaker, str):
            problems.append((f"{path}.speaker", "must be a string"))
        body = segment.get("body")
        if not isinstance(body, str):
            why = "must be a string" if "body" in segment else "missing"
            problems.append((f"{path}.body", why))
        start = _time(segment.get("startTime"), f"{path}.startTime", problems)
        end = _time(segment.get("endTime"), f"{path}.endTime", problems)
        if not problems:
            name = _clean(speaker, doc, index + 1, f"{path}.speaker") if speaker else None
            checked.append((name, start, end, _clean(str(body), doc, index + 1, f"{path}.body")))
    if problems:
        raise SchemaError(problems)
    if unknown:
        names = ", ".join(sorted(unknown)[:20])
        doc.diagnose("fields-ignored", f"fields this reader does not use were ignored: {names}", 1)
    _json_blocks(doc, checked)
    return doc.finish(options)


def _json_blocks(
    doc: DocumentBuilder, segments: list[tuple[str | None, float | None, float | None, str]]
) -> None:
    """One turn per run of segments by one speaker; speakerless segments continue it."""
    turn: DraftTurn | None = None
    for number, (name, start, end, body) in enumerate(segments, 1):
        text = " ".join(body.split())
        if name and (turn is None or turn.parts.printed != name):
            turn = doc.turn(_parts(name), number, text or None, start=start, end=end)
            continue
        if turn is None:
            if text:
                doc.prose_line(ProseKind.NARRATION, text, number, join=True)
            continue
        if text:
            turn.add(text, number, join=True)
        turn.last_line = number
        if end is not None:
            turn.end = end
        if turn.start is None:
            turn.start = start


def _parts(name: str) -> LabelParts:
    """The speaker field as a label: split like a printed one, whole if not name-shaped."""
    parts = split_label(name)
    if parts is not None:
        return parts
    folded = fold(name)
    return LabelParts(name, name, folded_name=folded, folded_printed=folded)


def _clean(text: str, doc: DocumentBuilder, line: int, path: str) -> str:
    """A string from the JSON, NFC and without control characters (JSON escapes bypass decoding)."""
    if text.isascii() and text.isprintable():
        return text  # the common string: nothing to repair
    if not text.strip():
        return ""
    if "\x00" in text:
        count = text.count("\x00")
        doc.diagnose("control-removed", f"{path}: removed {count} NUL character(s)", line)
        text = text.replace("\x00", "")
    if not text.strip():
        return text
    try:
        cleaned = normalise(text)
    except DecodeError:  # a signature of a binary format inside a string: keep it as it is
        return text
    for note in cleaned.diagnostics:
        doc.diagnose(note.code, f"{path}: {note.message}", line, note.severity)
    return cleaned.text


# ---------------------------------------------------------------- HTML

_TIME = re.compile(r"(?:(\d{1,3}):)?(\d{1,3}):(\d{1,2})(?:[.,](\d{1,3}))?")
"""`0:00`, `01:02`, `1:02:03`, `00:00:01.500`: the clock a `<time>` element shows."""

DROPPED = ("script", "style", "template", "noscript")
BLOCKS = frozenset({"cite", "time", "p", "title"})
KNOWN = frozenset(
    {
        *BLOCKS,
        *("html", "head", "body", "meta", "link", "base", "div", "span", "section", "article"),
        *("main", "header", "footer", "nav", "aside", "a", "b", "i", "em", "strong", "u", "s"),
        *("small", "mark", "q", "abbr", "sub", "sup", "br", "hr", "wbr", "ul", "ol", "li"),
        *("dl", "dt", "dd", "blockquote", "figure", "figcaption", "h1", "h2", "h3", "h4"),
        *("h5", "h6", "code", "pre", "img", "audio", "video", "source", "track"),
    }
)
"""Tags whose names and attributes are markup in a podcast transcript page. Any other
element (`<v Jane>` in pasted captions, `<blink>`) may be text that merely looks like a
tag, so the line it is on gets a diagnostic saying what was left out."""


def _seconds(text: str) -> float | None:
    match = _TIME.fullmatch(text.strip())
    if match is None:
        return None
    hours, minutes, seconds, fraction = match.groups()
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return value + (int(fraction) / 10 ** len(fraction) if fraction else 0.0)


def _tree(text: str) -> Any:
    """The parsed page: no network, no entities from outside, no comments or PIs kept."""
    from lxml import etree, html

    parser = html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False, recover=True
    )
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise ParseError(f"not readable as HTML: {error}") from None
    for logged in parser.error_log:
        # A fatal error stops libxml2 where it is (nesting past 255 levels): the rest of
        # the page would be lost without a word, so the page is refused instead.
        if logged.level_name == "FATAL":
            raise LimitError(f"HTML input not read to its end: {logged.message}")
    return root


class _HtmlReader:
    """Walks the page in document order, handing each text to the turn it belongs to."""

    def __init__(self, doc: DocumentBuilder) -> None:
        self.doc = doc
        self.turn: DraftTurn | None = None
        self.pending_start: float | None = None
        self.loose: list[str] = []
        self.loose_line = 1

    def paragraph(self, text: str, line: int) -> None:
        text = " ".join(text.split())
        if not text:
            return
        if self.turn is not None:
            self.turn.add(text, line)
        else:
            self.doc.prose_line(ProseKind.NARRATION, text, line)

    def flush(self) -> None:
        """Text outside any `<p>` (a bare line under a cite) becomes a paragraph too."""
        if self.loose:
            self.paragraph(" ".join(self.loose), self.loose_line)
            self.loose = []

    def text(self, text: str | None, line: int) -> None:
        if text and not text.isspace():
            if not self.loose:
                self.loose_line = line
            self.loose.append(text)

    def element(self, tag: str, text: str, line: int) -> None:
        self.flush()
        if tag == "cite":
            self.cite(text, line)
        elif tag == "time":
            self.time(text, line)
        elif tag == "title":
            if text.strip():
                self.doc.set("title", " ".join(text.split()))
        else:
            self.paragraph(text, line)

    def cite(self, text: str, line: int) -> None:
        name = " ".join(text.split()).rstrip(":：").rstrip()
        if not name:
            self.doc.diagnose("empty-speaker", "a <cite> without a name; its text continues", line)
            return
        self.turn = self.doc.turn(_parts(name), line, start=self.pending_start)
        self.pending_start = None

    def time(self, text: str, line: int) -> None:
        seconds = _seconds(text)
        if seconds is None:
            self.doc.diagnose("time-unread", f"a <time> that is not a clock time: {text!r}", line)
        elif self.turn is not None and not self.turn.paragraphs and self.turn.start is None:
            self.turn.start = seconds
        else:
            self.pending_start = seconds  # a time before its cite


def _walk(root: Any) -> Iterator[tuple[str, Any]]:
    """("element", el) for a handled element (subtree skipped), else ("text"/"tail", el)."""
    from lxml import etree

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in BLOCKS:
                yield "element", element
                walker.skip_subtree()
                continue
            yield "text", element
        else:
            yield "tail", element


def _read_html(text: str, options: ReadOptions) -> Transcript:
    if "<cite" not in text and "<CITE" not in text.upper():
        return _read_as_text(text, options)
    root = _tree(text)
    doc = DocumentBuilder(HTML_STYLE)
    for element in list(root.iter(*DROPPED)):
        doc.diagnose(
            "markup-dropped",
            f"left out the contents of a <{element.tag}> element (code, not text)",
            element.sourceline or 1,
            Severity.INFO,
        )
        element.drop_tree()  # keeps the tail text
    _diagnose_unknown_tags(root, doc)
    reader = _HtmlReader(doc)
    for kind, element in _walk(root):
        line = element.sourceline or 1
        if kind == "element":
            reader.element(element.tag, element.text_content(), line)
        elif kind == "text":
            reader.text(element.text, line)
        else:
            reader.text(element.tail, line)
    reader.flush()
    _ends_from_next_starts(doc)
    if reader.pending_start is not None:
        doc.diagnose("time-unused", "a <time> after the last turn's text belongs to no turn")
    return doc.finish(options)


def _read_as_text(text: str, options: ReadOptions) -> Transcript:
    """Text with no `<cite>` is no podcast page (`--from podcast` on something else): parsing
    it as HTML would take `<A` or `<Name>` for tags and lose them, so it stays text."""
    doc = DocumentBuilder(HTML_STYLE)
    doc.diagnose(
        "not-podcast-html",
        "no <cite> speaker marks: the text was kept as it is, markup included",
        severity=Severity.WARNING,
    )
    joined = False
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if stripped:
            doc.prose_line(ProseKind.NARRATION, stripped, number, join=joined)
        joined = bool(stripped)
    return doc.finish(options)


def _ends_from_next_starts(doc: DocumentBuilder) -> None:
    """The page prints start times only: a turn ends where the next one starts."""
    turns = [item for item in doc.items if isinstance(item, DraftTurn)]
    for turn, following in pairwise(turns):
        if turn.end is None and turn.start is not None and following.start is not None:
            turn.end = following.start


def _diagnose_unknown_tags(root: Any, doc: DocumentBuilder) -> None:
    """One diagnostic per line holding elements outside KNOWN: their tags were left out."""
    unknown: dict[int, list[str]] = {}
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag not in KNOWN:
            unknown.setdefault(element.sourceline or 1, []).append(_shown(element))
    for line, tags in unknown.items():
        shown = ", ".join(dict.fromkeys(tags[:5])) + (", …" if len(tags) > 5 else "")
        doc.diagnose("markup-dropped", f"left out markup this reader does not know: {shown}", line)


def _shown(element: Any) -> str:
    """The start tag as it read (`<v Jane>`), shortened: what the diagnostic says was left out."""
    attributes = " ".join(
        f"{name}={value!r}" if value else str(name) for name, value in element.attrib.items()
    )
    tag = str(element.tag)[:40]
    return f"<{tag} {attributes[:80]}>" if attributes else f"<{tag}>"
