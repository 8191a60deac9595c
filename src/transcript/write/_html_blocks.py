"""The body of the HTML page: turns, prose and headings, in reading order.

Each block class has one function in one table; a class the table does not know
raises `WriteError` instead of vanishing. Every string from the document enters
the tree as `.text`/`.tail` or an attribute value, through `clean`; classes and
ids come from enums, counters and slugs only. This loop runs once per turn, so
it is written for speed: attribute dicts built once, lookups hoisted, the
common one-run paragraph handled without the general inline loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from lxml import etree

from ..errors import WriteError
from ..labels import split_label
from ..model import Annotation, AnnotationKind, Heading, Inline, Prose, Role, Text, Timestamp, Turn
from ._html_text import clean, clock, duration, seconds_attribute, valid_time
from .html_options import HtmlOptions, Theme

Element = etree._Element
SubElement = etree.SubElement

ANNOTATION_CLASS = {kind: f"tx-annotation tx-{kind.value}" for kind in AnnotationKind}
ROLE_CLASS = {role: f"tx-role-{role.value}" for role in Role}
PARAGRAPH = {"dir": "auto"}
"""Every paragraph decides its own direction, so an Arabic answer in an English page reads
right to left and an unclosed RLO cannot reach past its paragraph."""


class Voice(NamedTuple):
    """How one speaker is shown: what every turn of theirs needs, worked out once.

    A named tuple rather than an attrs class: nothing compares or evolves it, and it
    is made at import of the HTML path, where an attrs class costs ~0.3 ms to build.
    """

    slug: str
    name: str
    affiliation: str | None
    role: Role


class BodyWriter:
    """Appends the blocks of one document to a parent element."""

    def __init__(self, options: HtmlOptions, voices: dict[str, Voice], heading_base: int) -> None:
        self.prefix = f"{options.id_prefix}-" if options.id_prefix else ""
        self.timestamps = options.timestamps
        self.full_every_turn = options.theme is Theme.TRANSCRIPT
        self.voices = voices
        self.heading_base = heading_base
        self.seen: set[str] = set()
        """Speaker ids whose first turn has been written."""
        self.later: dict[tuple[str, str], Element] = {}
        """(speaker id, label as printed) → the template of a later turn."""
        self.short_forms: dict[str, str] = {}
        self.turns = 0
        self.timed = False
        """Whether any turn's start time was written (the theme then keeps a margin for them)."""
        self.headings = 0
        self.table: dict[type, Callable[[Element, Any], None]] = {
            Prose: self.prose,
            Heading: self.heading,
        }

    def write(self, parent: Element, blocks: tuple[Any, ...]) -> None:
        """Append every block; turns take the fast path inlined here (it runs per turn)."""
        table = self.table
        append = parent.append
        prefix = self.prefix
        seen = self.seen
        later = self.later
        count = self.turns
        for block in blocks:
            if type(block) is not Turn:
                try:
                    write = table[type(block)]
                except KeyError:
                    name = type(block).__qualname__
                    raise WriteError(
                        f"the HTML writer does not know the block class {name}"
                    ) from None
                write(parent, block)
                continue
            count += 1
            anchor = f"{prefix}t-{count}"
            template = later.get((block.speaker, block.label)) if block.speaker in seen else None
            if template is None:
                template = self._cue(block)
            # A deep copy made in C, far cheaper than four new elements (lxml-stubs lack it):
            div: Element = template.__copy__()  # type: ignore[attr-defined]
            append(div)
            div.set("id", anchor)
            p = div[0]
            link = p[0]
            link.set("href", f"#{anchor}")
            if block.start is not None or block.end is not None:
                self._times(div, block)
            paragraphs = block.paragraphs
            if not paragraphs:
                continue
            content = paragraphs[0].content
            if len(content) == 1 and type(content[0]) is Text:
                text = content[0].text
                link.tail = " " + (text if text.isprintable() else clean(text))
            else:
                link.tail = " "
                self._inline(p, content, link)
            if len(paragraphs) > 1:
                for paragraph in paragraphs[1:]:
                    self._paragraph(div, paragraph.content)
        self.turns = count

    def _cue(self, turn: Turn) -> Element:
        """The template for this turn's label: the first turn of a speaker, or a later one.

        Later turns' templates are kept by (speaker id, label as printed); a first turn's
        is made once and not kept.
        """
        voice = self.voices.get(turn.speaker) or self._stray_voice(turn)
        first = turn.speaker not in self.seen
        if first:
            self.seen.add(turn.speaker)
            return self._template(voice, True, voice.name)
        label = voice.name if self.full_every_turn else self._short_form(turn.label, voice)
        template = self._template(voice, False, label)
        self.later[(turn.speaker, turn.label)] = template
        return template

    def _times(self, div: Element, turn: Turn) -> None:
        """`data-start`/`data-end` in seconds, and the start as `<time>` unless turned off."""
        start = turn.start
        if start is not None and valid_time(start):
            div.set("data-start", seconds_attribute(start))
            if self.timestamps:
                time = div.makeelement("time", {"class": "tx-start", "datetime": duration(start)})
                time.text = clock(start)
                div.insert(0, time)
                self.timed = True
        if turn.end is not None and valid_time(turn.end):
            div.set("data-end", seconds_attribute(turn.end))

    def _template(self, voice: Voice, first: bool, label: str) -> Element:
        """A speaker's turn without its id, link target and words, to be copied per turn.

        `<div class="tx-turn tx-role-…" data-speaker><p dir="auto"><a><cite dir="auto">label
        </cite>:</a></p></div>`: the name in a `<cite>` isolated for bidi, the whole label a
        permalink to the turn; on a first turn the full name and then the affiliation.
        """
        classes = f"tx-turn {ROLE_CLASS[voice.role]}" + (" tx-first" if first else "")
        div = etree.Element("div", {"class": classes, "data-speaker": voice.slug})
        div.tail = "\n"
        p = SubElement(div, "p", PARAGRAPH)
        link = SubElement(p, "a")
        cite = SubElement(link, "cite", {"dir": "auto"})
        cite.text = label
        if first and voice.affiliation:
            cite.tail = " "
            affiliation = SubElement(link, "span", {"class": "tx-affiliation"})
            affiliation.text = "("
            name = SubElement(affiliation, "bdi")
            name.text = voice.affiliation
            name.tail = ")"
            affiliation.tail = ":"
        else:
            cite.tail = ":"
        return div

    def prose(self, parent: Element, block: Prose) -> None:
        div = SubElement(parent, "div", {"class": f"tx-prose tx-{block.kind.value}"})
        div.tail = "\n"
        for paragraph in block.paragraphs:
            self._paragraph(div, paragraph.content)

    def heading(self, parent: Element, block: Heading) -> None:
        self.headings += 1
        level = min(max(int(block.level), 1) + self.heading_base - 1, 6)
        attributes = {"class": "tx-heading", "id": f"{self.prefix}h-{self.headings}", "dir": "auto"}
        element = SubElement(parent, f"h{level}", attributes)
        element.text = clean(block.text)
        element.tail = "\n"

    # Inside a turn ----------------------------------------------------------------

    def _short_form(self, label: str, voice: Voice) -> str:
        """The label as printed without its affiliation (`Editor (Time.news)` → `Editor`)."""
        short = self.short_forms.get(label)
        if short is None:
            parts = split_label(label) if len(label) <= 120 else None
            short = clean(parts.name if parts else label.strip()) or voice.name
            self.short_forms[label] = short
        return short

    def _paragraph(self, parent: Element, content: tuple[Inline, ...]) -> None:
        p = SubElement(parent, "p", PARAGRAPH)
        if len(content) == 1 and type(content[0]) is Text:
            p.text = clean(content[0].text)
        else:
            self._inline(p, content, None)

    def _inline(self, p: Element, content: tuple[Inline, ...], last: Element | None) -> None:
        """Text runs as text, annotations as classed spans, time marks as `<time>`."""
        for node in content:
            kind = type(node)
            if kind is Text:
                text = clean(node.text)  # type: ignore[union-attr]
                if last is None:
                    p.text = (p.text or "") + text
                else:
                    last.tail = (last.tail or "") + text
            elif kind is Annotation:
                annotation: Annotation = node  # type: ignore[assignment]
                last = SubElement(p, "span", {"class": ANNOTATION_CLASS[annotation.kind]})
                last.text = clean(annotation.printed)
            elif kind is Timestamp:
                mark: Timestamp = node  # type: ignore[assignment]
                if not self.timestamps:
                    continue
                if valid_time(mark.seconds):
                    attributes = {"class": "tx-timestamp", "datetime": duration(mark.seconds)}
                    last = SubElement(p, "time", attributes)
                else:
                    last = SubElement(p, "span", {"class": "tx-timestamp"})
                last.text = clean(mark.printed)
            else:
                name = kind.__qualname__
                raise WriteError(f"the HTML writer does not know the inline class {name}")

    def _stray_voice(self, turn: Turn) -> Voice:
        """A turn whose speaker id names no speaker (a hand-made document): shown by its label."""
        key = f"\x00{turn.speaker}"
        voice = self.voices.get(key)
        if voice is None:
            taken = {v.slug for v in self.voices.values()}
            slug, counter = "unlisted", 2
            while slug in taken:
                slug, counter = f"unlisted-{counter}", counter + 1
            voice = Voice(slug, clean(turn.label) or "?", None, Role.UNKNOWN)
            self.voices[key] = voice
        return voice
