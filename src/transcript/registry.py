"""The one table of readers and writers: names, file suffixes and media types.

The API and the CLI take their choices and suffix detection from here, so a new
format is one module plus one entry below. Modules are imported only when used,
so reading JSON never imports reportlab.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import PurePath
from typing import Any, cast

import attrs

from .decode import DecodedText
from .errors import UnknownFormatError
from .model import Transcript
from .read import ReadOptions
from .read.detect import Fit, Head
from .write._rendered import Rendered

ReadFunction = Callable[[DecodedText, ReadOptions], Transcript]
RawReadFunction = Callable[[str | bytes], Transcript]
FitFunction = Callable[[Head], Fit]
WriteFunction = Callable[[Transcript, Any], bytes]
FullWriteFunction = Callable[[Transcript, Any], Rendered]


@attrs.frozen
class ReaderEntry:
    """An input style."""

    name: str
    module: str
    """Module under `transcript.read` whose `read` function reads this style."""
    suffixes: tuple[str, ...]
    media_types: tuple[str, ...]
    description: str

    styles: tuple[str, ...] = ()
    """The FORMATS.md style ids this reader reads; `--from` accepts them as well as `name`."""

    raw: bool = False
    """True for the library's own lossless formats: `loads(str | bytes)` reads the raw
    input, without text normalisation, and the stored metadata is kept as it is."""

    signal: str | None = None
    """A pattern the start of a document must contain for this reader's grammar to fit
    it at all (`-->` for SubRip), or None when there is no such mark. Detection asks
    the reader's `fit` only when the signal is there (or the file's suffix is the
    reader's own), so a document imports and runs only the readers that could fit it.
    tests/test_detection.py checks that no fit ever answers without its signal."""

    def may_fit(self, head_text: str, suffix: str) -> bool:
        """The reader's signal is in `head_text`, or the suffix is its own: ask its `fit`."""
        if self.signal is None or suffix in self.suffixes:
            return True
        return re.search(self.signal, head_text) is not None

    def load(self) -> ReadFunction:
        module = importlib.import_module(f"transcript.read.{self.module}")
        return cast(ReadFunction, module.read)

    def load_fit(self) -> FitFunction:
        module = importlib.import_module(f"transcript.read.{self.module}")
        return cast(FitFunction, module.fit)

    def load_raw(self) -> RawReadFunction:
        module = importlib.import_module(f"transcript.read.{self.module}")
        return cast(RawReadFunction, module.loads)


@attrs.frozen
class WriterEntry:
    """An output format."""

    name: str
    module: str
    """Module under `transcript.write` whose `render(doc, options) -> bytes` writes it."""
    suffixes: tuple[str, ...]
    media_type: str
    description: str

    pause_collector: bool = True
    """Pause the cyclic GC while it runs (see `api._collector_paused`). False for a
    writer whose library leaves cyclic garbage behind as it goes (reportlab: +40 MiB
    at 10k turns when paused), where collecting it is what keeps memory flat."""

    def load(self) -> WriteFunction:
        module = importlib.import_module(f"transcript.write.{self.module}")
        return cast(WriteFunction, module.render)

    def load_full(self) -> FullWriteFunction:
        """The writer's `render_full(doc, options) -> Rendered` (bytes and diagnostics).

        A writer without one has nothing to report: its `render` bytes are wrapped.
        """
        module = importlib.import_module(f"transcript.write.{self.module}")
        full = getattr(module, "render_full", None)
        if full is not None:
            return cast(FullWriteFunction, full)
        render = self.load()
        return lambda doc, options: Rendered(render(doc, options))


READERS: tuple[ReaderEntry, ...] = (
    # Most specific first: a tie in the detection vote goes to the earlier entry.
    ReaderEntry(
        "vtt",
        "vtt",
        (".vtt",),
        ("text/vtt",),
        "WebVTT captions: <v> voice spans, Zoom 'Name: text' cues",
        styles=("webvtt-voice", "zoom-vtt"),
        signal=r"WEBVTT",
    ),
    ReaderEntry(
        "srt",
        "srt",
        (".srt",),
        ("application/x-subrip",),
        "SubRip captions: 'NAME:' prefixes, '>>' speaker changes",
        styles=("srt-sdh", "srt-chevron"),
        signal=r"-->",
    ),
    ReaderEntry(
        "chat",
        "chat",
        (".cha",),
        ("text/x-chat",),
        "TalkBank CHAT: @Participants, *CODE: tiers",
        styles=("chat-cha",),
        signal=r"(?m)^@",
    ),
    ReaderEntry(
        "podcast",
        "podcast",
        (".html", ".htm"),
        ("text/html",),
        "Podcasting 2.0 transcripts: JSON segments, HTML <cite>/<time>/<p>",
        styles=("podcast-json", "podcast-html"),
        signal=r'"segments"|(?i:<cite)',
    ),
    ReaderEntry(
        "exports",
        "exports",
        (),
        (),
        "transcription-service exports: Otter 'Name  0:06', Rev 'Name (00:01:23):', "
        "'[00:01:23] Name:'",
        styles=("otter-export", "rev-export", "bracket-timestamp"),
        signal=r"[0-9]:[0-9][0-9]",
    ),
    ReaderEntry(
        "testimony",
        "testimony",
        (),
        (),
        "depositions, trials and Supreme Court arguments: Q./A., line numbers, page headers",
        styles=("deposition-qa", "trial-qa-unnamed", "scotus-argument"),
    ),
    ReaderEntry(
        "hearing",
        "hearing",
        (),
        (),
        "congressional hearings as printed by the GPO: 'Mr. SMITH.', 'The CHAIRMAN.'",
        styles=("hearing-gpo-caps", "hearing-gpo-mixed"),
    ),
    ReaderEntry(
        "hansard",
        "hansard",
        (),
        (),
        "Westminster Hansard: 'Name (Constituency) (Party):', 'Office (Name):'",
        styles=("hansard",),
        signal=r"\)[ \t]*[:：]",
    ),
    ReaderEntry(
        "briefing",
        "briefing",
        (),
        (),
        "press briefings: 'MS. PSAKI:', 'Q' questions",
        styles=("press-briefing",),
        signal=r"(?m)^[ \t]*Q",
    ),
    ReaderEntry(
        "earnings",
        "earnings",
        (),
        (),
        "earnings calls: names alone on their line, participant rosters",
        styles=("earnings-call",),
        signal=r"(?i)participant|executive|analyst|speaker",
    ),
    ReaderEntry(
        "oral-history",
        "oral_history",
        (),
        (),
        "oral-history interviews: cover block, labels alone on their line",
        styles=("oral-history",),
    ),
    ReaderEntry(
        "play",
        "play",
        (),
        (),
        "stage plays: abbreviated prefixes from the cast list, verse lines kept",
        styles=("play-verse",),
    ),
    ReaderEntry(
        "screenplay",
        "screenplay",
        (".fountain",),
        ("text/x-fountain",),
        "screenplays in Fountain or PDF layout: CHARACTER cues over dialogue, INT./EXT. headings",
        styles=("screenplay-fountain",),
        signal=r"(?mi)^[^\S\n]*(?:title[^\S\n]*:|\.[^.\s]|>|(?:int|ext|est|i/e)[. /])|TO:[^\S\n]*$",
    ),
    ReaderEntry(
        "script",
        "script",
        (),
        (),
        "TV scripts and fan transcripts: 'Name: text', [directions], (parentheticals)",
        styles=("tv-script",),
    ),
    ReaderEntry(
        "markdown",
        "markdown",
        (".md", ".markdown"),
        ("text/markdown",),
        "Markdown interviews and podcast pages: **bold labels**, headings, front matter",
        styles=("markdown-bold-interview", "podcast-markdown"),
        signal=r"\*\*|__",
    ),
    ReaderEntry(
        "plain",
        "plain",
        (".txt", ".text"),
        ("text/plain",),
        "'Label: text' documents: interviews, Q&A, broadcast and press transcripts",
        styles=(
            "news-article-interview",
            "broadcast-caps",
            "french-spacing",
            "korean-fullwidth",
            "japanese-fullwidth",
        ),
    ),
    ReaderEntry(
        "json",
        "json",
        (".json",),
        ("application/json",),
        "the transcript/1 JSON format this library writes",
        raw=True,
    ),
)

WRITERS: tuple[WriterEntry, ...] = (
    WriterEntry("json", "json", (".json",), "application/json", "transcript/1 JSON, lossless"),
    WriterEntry(
        "html",
        "html",
        (".html", ".htm"),
        "text/html",
        "a web page or an embeddable fragment (themes: magazine, transcript)",
    ),
    WriterEntry(
        "pdf",
        "pdf",
        (".pdf",),
        "application/pdf",
        "paginated PDF with embedded fonts, outline and metadata (reportlab)",
        pause_collector=False,
    ),
)

AUTO = "auto"


def reader_names() -> tuple[str, ...]:
    return (AUTO, *(entry.name for entry in READERS))


def style_names() -> tuple[str, ...]:
    """Every name `--from` accepts: readers and the style ids they read."""
    return (*reader_names(), *(style for entry in READERS for style in entry.styles))


def writer_names() -> tuple[str, ...]:
    return tuple(entry.name for entry in WRITERS)


def find_reader(name: str) -> ReaderEntry:
    """The reader called `name`; UnknownFormatError listing the valid names otherwise."""
    for entry in READERS:
        if entry.name == name or name in entry.styles:
            return entry
    raise UnknownFormatError("input style", name, reader_names())


def find_writer(name: str) -> WriterEntry:
    """The writer called `name`; UnknownFormatError listing the valid names otherwise."""
    for entry in WRITERS:
        if entry.name == name:
            return entry
    raise UnknownFormatError("output format", name, writer_names())


def writer_for_path(path: str | PurePath) -> WriterEntry:
    """The writer whose suffix matches `path`'s; UnknownFormatError when none does."""
    suffix = PurePath(path).suffix.lower()
    for entry in WRITERS:
        if suffix in entry.suffixes:
            return entry
    valid = [s for entry in WRITERS for s in entry.suffixes]
    raise UnknownFormatError("output suffix", suffix or "(none)", valid)


@attrs.frozen
class Detection:
    """The reader the vote chose, its fit, and the runner-up (for `inspect`)."""

    entry: ReaderEntry
    fit: Fit
    runner_up: tuple[ReaderEntry, Fit] | None = None

    def explain(self) -> str:
        text = f"read as {self.fit.style or self.entry.name}: {self.fit.reason}"
        if self.fit.score:
            text += f" (score {self.fit.score:g})"
        if self.runner_up is not None:
            entry, fit = self.runner_up
            text += f"; runner-up {fit.style or entry.name} (score {fit.score:g})"
        return text


JSON_DETECTION = "the input is transcript/1 JSON"


def is_raw_json(head: str, suffix: str = "") -> bool:
    """The library's own JSON: by suffix, or by its opening (checked on the raw input).

    A `.json` file that opens as podcast-namespace JSON (`"segments"`, no
    `"transcript/` version) is not: it is left to the detection vote, where the
    `podcast` reader's fit claims it, so it is decoded and normalised like text.
    """
    if head.startswith("{") and '"transcript/' in head:
        return True
    return suffix.lower() == ".json" and not _podcast_json(head)


def _podcast_json(head: str) -> bool:
    from .read.podcast import looks_like_json  # small module; imported only for .json input

    return looks_like_json(head)


def detect_reader(text: str, suffix: str = "") -> Detection:
    """Choose the text reader whose grammar explains the start of `text` best (FORMATS.md §8).

    Every reader whose signal is in the document (see `ReaderEntry.signal`)
    votes with its `fit`; the highest score wins and a tie goes to the reader
    listed first. When no reader fits, the general reader reads the
    document, which keeps unlabelled text as prose with a diagnostic.
    """
    head = Head.of(text, suffix)
    head_text = head.text
    votes: list[tuple[ReaderEntry, Fit]] = []
    for entry in READERS:
        if entry.raw or not entry.may_fit(head_text, head.suffix):
            continue
        votes.append((entry, entry.load_fit()(head)))
    ranked = sorted(
        (vote for vote in votes if vote[1].fits), key=lambda vote: -vote[1].score
    )  # sorted() is stable: ties keep registry order
    if not ranked:
        plain = find_reader("plain")
        return Detection(plain, Fit(0.0, "", "no reader's label grammar fits; read as prose"))
    runner_up = ranked[1] if len(ranked) > 1 else None
    return Detection(ranked[0][0], ranked[0][1], runner_up)
