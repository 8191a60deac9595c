"""The document model: the one truth that readers fill and writers read.

Every class is a frozen, slotted attrs class holding only immutable values
(tuples, strings, numbers, enums), so a `Transcript` can be hashed, compared,
shared between threads and round-tripped through JSON without surprises.
Change a value with `attrs.evolve`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs


class Severity(str, enum.Enum):
    """How much a diagnostic matters to a user of the document."""

    INFO = "info"
    """Something the reader decided that a careful user may want to check."""
    WARNING = "warning"
    """Text was dropped, replaced or guessed at."""
    ERROR = "error"
    """The input is damaged; the document is the best reading possible."""


class Role(str, enum.Enum):
    """What part a speaker plays in the conversation."""

    INTERVIEWER = "interviewer"
    INTERVIEWEE = "interviewee"
    HOST = "host"
    GUEST = "guest"
    MODERATOR = "moderator"
    QUESTIONER = "questioner"
    WITNESS = "witness"
    COUNSEL = "counsel"
    JUDGE = "judge"
    CORRESPONDENT = "correspondent"
    NARRATOR = "narrator"
    UNKNOWN = "unknown"


class ProseKind(str, enum.Enum):
    """What a run of non-speech text is, so writers can style it."""

    INTRO = "intro"
    """An article or introduction before the conversation."""
    NARRATION = "narration"
    """Stage directions, proceedings notes, production cues."""
    BYLINE = "byline"
    """Who wrote, reported or photographed the piece."""
    NOTE = "note"
    """Editorial notes, captions, site chrome and link lines."""


class AnnotationKind(str, enum.Enum):
    """The family of an inline annotation such as `[laughs]` or `(CROSSTALK)`."""

    LAUGHTER = "laughter"
    APPLAUSE = "applause"
    CROSSTALK = "crosstalk"
    INAUDIBLE = "inaudible"
    PAUSE = "pause"
    NOISE = "noise"
    ACTION = "action"
    """Anything else in brackets: a gesture, a cue, an editor's insertion."""


@attrs.frozen
class SourceSpan:
    """Where in the input a block came from, so tools can point back to it."""

    first_line: int
    """1-based number of the block's first input line."""
    last_line: int
    """1-based number of the block's last input line (inclusive)."""


@attrs.frozen
class Diagnostic:
    """A doubt or a repair the reader reports instead of raising or staying silent."""

    code: str
    """A stable kebab-case identifier, e.g. `scrape-debris`, `label-rejected`."""
    severity: Severity
    """How much it matters."""
    message: str
    """A sentence a user can act on, naming what was seen."""
    line: int | None = None
    """1-based input line it concerns, or None when it concerns the whole input."""


@attrs.frozen
class Text:
    """A run of plain text inside a paragraph."""

    text: str
    """The words, exactly as they read (whitespace inside a line preserved)."""


@attrs.frozen
class Annotation:
    """A transcriber's or editor's note inside speech: `[laughs]`, `(CROSSTALK)`."""

    kind: AnnotationKind
    """The family, for styling and filtering."""
    printed: str
    """The annotation as printed, brackets included."""
    seconds: float | None = None
    """A time carried by the annotation (`[inaudible 00:12:31]`), in seconds."""


@attrs.frozen
class Timestamp:
    """A time mark inside speech, such as `[00:01:05]` at the start of a paragraph."""

    seconds: float
    """The time in seconds from the start of the recording."""
    printed: str
    """The mark as printed."""


Inline = Text | Annotation | Timestamp
"""What a paragraph is made of."""


@attrs.frozen
class Paragraph:
    """One paragraph of speech or prose."""

    content: tuple[Inline, ...]
    """Text runs, annotations and timestamps in reading order."""

    @property
    def text(self) -> str:
        """The paragraph's words without its annotations and time marks."""
        return "".join(node.text for node in self.content if isinstance(node, Text))


@attrs.frozen
class Turn:
    """One label occurrence and everything said under it."""

    speaker: str
    """The id of the `Speaker` who speaks."""
    label: str
    """The label as printed, without its terminator (`Dr. Thompson`, `Editor (Time.news)`)."""
    paragraphs: tuple[Paragraph, ...]
    """What was said, one entry per paragraph."""
    start: float | None = None
    """Start time in seconds, when the input gives one."""
    end: float | None = None
    """End time in seconds, when the input gives one."""
    span: SourceSpan | None = None
    """The input lines the turn came from."""


@attrs.frozen
class Prose:
    """Text that is not speech: an article, a byline, a note, a stage direction."""

    kind: ProseKind
    """What the text is."""
    paragraphs: tuple[Paragraph, ...]
    """The text, one entry per paragraph."""
    span: SourceSpan | None = None
    """The input lines it came from."""


@attrs.frozen
class Heading:
    """A section heading inside the document (not the title, which is metadata)."""

    text: str
    """The heading as it reads."""
    level: int = 2
    """1 for the top level, as in HTML."""
    span: SourceSpan | None = None
    """The input lines it came from."""


Block = Turn | Prose | Heading
"""What a document body is made of, in reading order."""


@attrs.frozen
class Speaker:
    """One person (or placeholder) who speaks, however many ways the label is printed."""

    id: str
    """A stable slug of the name, unique in the document; turns refer to it."""
    name: str
    """The fullest printed form, without terminator, markup or affiliation."""
    aliases: tuple[str, ...] = ()
    """Every other printed form of the label, in order of first appearance."""
    role: Role = Role.UNKNOWN
    """The part the speaker plays."""
    affiliation: str | None = None
    """An organisation or title split off a label, e.g. `Time.news` from `Editor (Time.news)`."""


@attrs.frozen
class Metadata:
    """What the document says about itself, and how it was read."""

    title: str | None = None
    """The title as printed."""
    subtitle: str | None = None
    """A subtitle or deck."""
    date: str | None = None
    """The date as printed (not parsed: transcripts print dates every way there is)."""
    language: str | None = None
    """A BCP 47 language tag, when known."""
    source: str | None = None
    """The publication, programme or archive the text came from."""
    url: str | None = None
    """Where the text was published."""
    authors: tuple[str, ...] = ()
    """Reporters, interviewers or editors credited for the text."""
    location: str | None = None
    """Where the conversation took place."""
    description: str | None = None
    """A short summary or editorial note about the whole text."""
    style: str | None = None
    """The name of the reader that read the input (e.g. `plain`)."""
    encoding: str | None = None
    """The character encoding the input was decoded from, when it was bytes."""
    extra: tuple[tuple[str, str], ...] = ()
    """Other `Key: value` header lines, as (key, value) pairs in input order."""


@attrs.frozen
class Transcript:
    """A whole document: metadata, who speaks, what is said, and what the reader doubted."""

    metadata: Metadata = attrs.field(factory=Metadata)
    """Title, date, source and how the input was read."""
    speakers: tuple[Speaker, ...] = ()
    """Everyone who speaks, in order of first turn."""
    blocks: tuple[Block, ...] = ()
    """Turns, prose and headings in reading order."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Everything the reader dropped, replaced or doubted."""

    @property
    def turns(self) -> tuple[Turn, ...]:
        """The turns alone, in order."""
        return tuple(block for block in self.blocks if isinstance(block, Turn))

    def speaker(self, speaker_id: str) -> Speaker:
        """The speaker with this id; KeyError when there is none."""
        for speaker in self.speakers:
            if speaker.id == speaker_id:
                return speaker
        raise KeyError(speaker_id)

    def iter_text(self) -> Iterator[str]:
        """Every paragraph's words, in reading order (for search and word counts)."""
        for block in self.blocks:
            if isinstance(block, Heading):
                yield block.text
            else:
                for paragraph in block.paragraphs:
                    yield paragraph.text
