"""Properties over arbitrary text: reading never crashes, loses nothing silently, and round-trips."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import transcript
from transcript import Annotation, Heading, Text, Timestamp, TranscriptError
from transcript.decode import normalise
from transcript.labels import fold
from transcript.read.lines import METADATA_KEYS

NAMES = ["Editor", "Dr. Jane Thompson", "Dr. Thompson", "MR. SMITH", "Q", "A", "기자", "森田",
         "Editor (Time.news)", "TATE, HOST", "Journaliste ", "Title", "Note", "https", "10",
         "Bottom line", "\u202eRLO", "Ed\u200bitor", "Еditor", "<b>Bold</b>", "[x]"]
COLONS = [": ", "：", " : ", ":", ":\t", ": \u00a0"]

label_lines = st.builds(
    lambda name, colon, speech: f"{name}{colon}{speech}",
    st.sampled_from(NAMES), st.sampled_from(COLONS), st.text(max_size=60),
)
any_line = st.one_of(
    label_lines,
    st.text(max_size=80),
    st.sampled_from(["", "rnrn", '<h3 class="', "(CROSSTALK)", "[laughs]", "&nbsp;", "\f",
                     "By Jane Doe", "Paris = Reporter X x@y.com", "2027年3月8日"]),
)
documents = st.lists(any_line, max_size=25).map("\n".join)
newline_styles = st.sampled_from(["\n", "\r\n", "\r"])


def document_text(doc: transcript.Transcript) -> str:
    """Everything the document keeps, as one searchable string."""
    parts: list[str] = []
    meta = doc.metadata
    for value in (meta.title, meta.subtitle, meta.date, meta.source, meta.url, meta.location,
                  meta.description):
        if value:
            parts.append(value)
    parts.extend(meta.authors)
    for key, value in meta.extra:
        parts.extend((key, value))
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append(block.text)
            continue
        if isinstance(block, transcript.Turn):
            parts.append(block.label)
        for paragraph in block.paragraphs:
            for node in paragraph.content:
                parts.append(node.text if isinstance(node, Text) else node.printed)
    return "\n".join(parts)


def read_or_refuse(text: str) -> transcript.Transcript | None:
    try:
        return transcript.parse(text)
    except TranscriptError:
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, newline_styles)
def test_any_text_reads_and_writes_json_with_only_our_errors(text: str, newline: str) -> None:
    doc = read_or_refuse(text.replace("\n", newline))
    if doc is not None:
        assert transcript.from_json(transcript.to_json(doc)) == doc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_no_word_of_the_input_disappears_without_a_diagnostic(text: str) -> None:
    doc = read_or_refuse(text)
    if doc is None:
        return
    kept = document_text(doc)
    diagnosed = {d.line for d in doc.diagnostics}
    clean = normalise(text).text
    for number, line in enumerate(clean.split("\n"), 1):
        if number in diagnosed:
            continue
        for token in line.split():
            for piece in re.split("[:：]", token):
                # a metadata key (`Title`) is kept as the field it names
                assert piece in kept or fold(piece) in METADATA_KEYS, (number, line, piece)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises_a_foreign_exception(text: str) -> None:
    doc = read_or_refuse(text)
    if doc is not None:
        transcript.to_json(doc)


def test_annotations_and_timestamps_count_as_kept_text() -> None:
    doc = transcript.parse("Host: [00:00:05] Hi (laughs).\nGuest: Yes.")
    nodes = doc.turns[0].paragraphs[0].content
    assert isinstance(nodes[0], Timestamp) and isinstance(nodes[-2], Annotation)
    assert "[00:00:05]" in document_text(doc) and "(laughs)" in document_text(doc)
