"""Hypothesis strategies that build arbitrary valid `Transcript` objects.

"Valid" means what the model promises and the transcript/1 schema checks:
speaker ids unique and non-empty, every turn naming a declared speaker, line
numbers from 1, heading levels 1-6, finite times. Text is any Unicode a JSON
string can carry (everything but lone surrogates), with markup characters,
brackets, quotes, controls and line separators mixed in on purpose.

Other test modules reuse these; pass `text=` to narrow the alphabet (an HTML
test may want `texts(printable_only=True)`, say).
"""

from __future__ import annotations

from hypothesis import strategies as st

from transcript.model import (
    Annotation,
    AnnotationKind,
    Block,
    Diagnostic,
    Heading,
    Inline,
    Metadata,
    Paragraph,
    Prose,
    ProseKind,
    Role,
    Severity,
    SourceSpan,
    Speaker,
    Text,
    Timestamp,
    Transcript,
    Turn,
)

TRICKY = (
    "<>&\"'[](){}\\/:;#*_`~"  # markup, JSON and Markdown
    "\n\r\t\x00\x0b\x0c\x1b\x7f\x85"  # controls, NEL
    "\u00a0\u2028\u2029\u200b\u200f\u202e\ufeff\ufffe\uffff"  # spaces, separators, bidi, BOM
)
"""Markup, JSON, bidi and line-breaking characters that writers and readers must survive."""


def texts(
    *, min_size: int = 0, max_size: int = 40, printable_only: bool = False
) -> st.SearchStrategy[str]:
    """Any string JSON can hold (no lone surrogates), rich in tricky characters.

    `printable_only` leaves out control and format characters as well
    (categories Cc, Cf, Cs, Co, Cn) for writers that refuse them.
    """
    if printable_only:
        alphabet = st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn"))
        tricky = st.sampled_from("<>&\"'[](){}\\/:;#*_`~ \u00a0")
    else:
        alphabet = st.characters(exclude_categories=["Cs"])
        tricky = st.sampled_from(TRICKY)
    return st.text(st.one_of(alphabet, tricky), min_size=min_size, max_size=max_size)


def optional_texts(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[str | None]:
    return st.none() | (text if text is not None else texts())


seconds = st.floats(allow_nan=False, allow_infinity=False)
"""Finite floats, including -0.0, subnormals and huge magnitudes: JSON must keep them exact."""

optional_seconds = st.none() | seconds

lines = st.integers(min_value=1, max_value=10**12)
"""1-based input line numbers."""


@st.composite
def spans(draw: st.DrawFn) -> SourceSpan:
    first = draw(lines)
    return SourceSpan(first, draw(st.integers(min_value=first, max_value=first + 1000)))


optional_spans = st.none() | spans()


def inlines(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Inline]:
    text = text if text is not None else texts()
    return st.one_of(
        st.builds(Text, text),
        st.builds(Annotation, st.sampled_from(AnnotationKind), text, optional_seconds),
        st.builds(Timestamp, seconds, text),
    )


def paragraphs(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Paragraph]:
    return st.builds(Paragraph, st.lists(inlines(text), max_size=5).map(tuple))


def paragraph_tuples(
    text: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[tuple[Paragraph, ...]]:
    return st.lists(paragraphs(text), max_size=3).map(tuple)


def turns(
    speaker_ids: st.SearchStrategy[str], text: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Turn]:
    text = text if text is not None else texts()
    return st.builds(
        Turn,
        speaker=speaker_ids,
        label=text,
        paragraphs=paragraph_tuples(text),
        start=optional_seconds,
        end=optional_seconds,
        span=optional_spans,
    )


def prose(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Prose]:
    return st.builds(
        Prose,
        kind=st.sampled_from(ProseKind),
        paragraphs=paragraph_tuples(text),
        span=optional_spans,
    )


def headings(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Heading]:
    text = text if text is not None else texts()
    return st.builds(Heading, text=text, level=st.integers(1, 6), span=optional_spans)


def speakers(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Speaker]:
    text = text if text is not None else texts()
    return st.builds(
        Speaker,
        id=texts(min_size=1, max_size=12)
        | st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True),
        name=text,
        aliases=st.lists(text, max_size=3).map(tuple),
        role=st.sampled_from(Role),
        affiliation=optional_texts(text),
    )


def metadata(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Metadata]:
    text = text if text is not None else texts()
    optional = optional_texts(text)
    keys = text | st.sampled_from(
        ("Photo", "Source", "Date")
    )  # repeated keys happen in real headers
    return st.builds(
        Metadata,
        title=optional,
        subtitle=optional,
        date=optional,
        language=optional,
        source=optional,
        url=optional,
        authors=st.lists(text, max_size=3).map(tuple),
        location=optional,
        description=optional,
        style=optional,
        encoding=optional,
        extra=st.lists(st.tuples(keys, text), max_size=4).map(tuple),
    )


def diagnostics(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Diagnostic]:
    text = text if text is not None else texts()
    return st.builds(
        Diagnostic,
        code=text,
        severity=st.sampled_from(Severity),
        message=text,
        line=st.none() | lines,
    )


@st.composite
def transcripts(
    draw: st.DrawFn, text: st.SearchStrategy[str] | None = None, max_blocks: int = 8
) -> Transcript:
    """A whole document: unique speaker ids, turns naming only those, every node kind."""
    people = draw(st.lists(speakers(text), max_size=4, unique_by=lambda speaker: speaker.id))
    block_kinds: list[st.SearchStrategy[Block]] = [prose(text), headings(text)]
    if people:
        block_kinds.append(turns(st.sampled_from([person.id for person in people]), text))
    blocks = draw(st.lists(st.one_of(block_kinds), max_size=max_blocks))
    return Transcript(
        metadata=draw(metadata(text)),
        speakers=tuple(people),
        blocks=tuple(blocks),
        diagnostics=tuple(draw(st.lists(diagnostics(text), max_size=3))),
    )


# Hostile text for the readers -----------------------------------------------------------

LABEL_SHAPES = (
    "Host: ",
    "MR. SMITH. ",
    "The CHAIRMAN. ",
    "Q. ",
    "A. ",
    "Q ",
    "MS. PSAKI: ",
    "*CHI:\t",
    "@Participants:\tCHI Target_Child, MOT Mother",
    "[00:01:02] Jane Doe: ",
    "Jane Doe (00:01:23): ",
    "Jane Doe  0:06",
    ">> ",
    "<v Jane>",
    "00:00:01.000 --> 00:00:02.000",
    "00:00:01,000 --> 00:00:02,000",
    "WEBVTT",
    "1",
    "**Jane:** ",
    "# ",
    "---",
    "Ms Smith (Bath) (LD): ",
    "The Prime Minister (Keir Starmer): ",
    "HAMLET. ",
    "INTERVIEWER: ",
    "기자：",
    "森田：",
    "Operator: ",
    "  12  Q. ",
    "Title: ",
)
"""One opening per label grammar the readers know, to be followed by arbitrary text."""

HOSTILE_CHARACTERS = (
    TRICKY
    + "\ud800\udfff\udc80"  # lone surrogates (a `str` can hold them; readers must cope)
    + "\u0000\u009b\u2066\u2069\u200d\u00ad\u0301\u3000\uff1a"  # NUL, CSI, isolates, ZWJ ...
    + "&nbsp;&amp;<b><blink><font color=x>"
)


def hostile_lines() -> st.SearchStrategy[str]:
    """A line a transcript might hold, or that an attacker would write: label shapes of every
    reader followed by text rich in markup, controls, bidi characters and lone surrogates."""
    tail = st.text(st.one_of(st.characters(), st.sampled_from(HOSTILE_CHARACTERS)), max_size=40)
    return st.one_of(
        st.builds(lambda label, text: label + text, st.sampled_from(LABEL_SHAPES), tail),
        tail,
        st.sampled_from(LABEL_SHAPES),
    )


def hostile_documents(max_lines: int = 20) -> st.SearchStrategy[str]:
    """Whole documents of `hostile_lines`, joined by LF, CRLF, CR or a mix."""
    return st.builds(
        lambda lines, breaks: "".join(
            line + breaks[i % len(breaks)] for i, line in enumerate(lines)
        ),
        st.lists(hostile_lines(), max_size=max_lines),
        st.lists(st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\f\n"]), min_size=1, max_size=3),
    )
