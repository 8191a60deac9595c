"""The transcription-service export reader: Otter, Rev and bracket-timestamp exports (§3)."""

from __future__ import annotations

import contextlib
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import transcript
from doc_views import names
from transcript import Annotation, AnnotationKind, Prose, ProseKind, Timestamp, Transcript
from transcript.decode import normalise
from transcript.errors import TranscriptError
from transcript.read import ReadOptions
from transcript.read.detect import Head
from transcript.read.exports import fit, read, seconds

CORPUS = Path(__file__).parent / "data" / "corpus"


def load(case: str) -> Transcript:
    return transcript.load(next((CORPUS / case).glob("input.*")))


def speech(doc: Transcript) -> list[str]:
    """Each turn's words, whitespace folded (an annotation leaves its spaces behind)."""
    return [" ".join(" ".join(p.text for p in turn.paragraphs).split()) for turn in doc.turns]


def prose(doc: Transcript, kind: ProseKind) -> list[str]:
    return [
        p.text for b in doc.blocks if isinstance(b, Prose) and b.kind is kind for p in b.paragraphs
    ]


def codes(doc: Transcript) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for d in doc.diagnostics:
        found.setdefault(d.code, []).append(d.message)
    return found


# -- the corpus cases ------------------------------------------------------------------------
def test_otter_header_times_are_turn_starts_and_ends_come_from_the_next_start() -> None:
    doc = load("otter-export")
    turns = doc.turns
    assert [t.start for t in turns[:3]] == [2.0, 5.0, 7.0]
    assert turns[-1].start == 105.0 and turns[-1].end is None
    assert all(t.end == n.start for t, n in itertools.pairwise(turns))
    assert not any("0:0" in text for text in speech(doc))  # times stay out of the words


def test_otter_colon_phrases_are_speech_and_the_footer_is_a_note() -> None:
    doc = load("otter-export")
    assert "Rule of thumb: if it's customer facing" in speech(doc)[8]
    assert prose(doc, ProseKind.NOTE) == ["Transcribed by https://otter.ai"]
    assert speech(doc)[-1] == "No problem. Happy to help."
    assert [s.name for s in doc.speakers] == ["Noor Haddad", "Jonas Perl", "Speaker 3"]


def test_real_otter_export_keeps_its_unlabelled_paragraph_in_the_turn() -> None:
    doc = load("a7-otter-nbc-democratic-debate-2016")
    assert len(doc.turns) == 34
    holt = doc.turns[11]
    assert holt.start == 56.0 and holt.end == 170.0
    assert len(holt.paragraphs) == 2
    assert holt.paragraphs[1].text.startswith("happy. Well, welcome to all of you.")


def test_rev_annotations_keep_their_own_times() -> None:
    doc = load("rev-export")
    assert [t.start for t in doc.turns[:4]] == [0.0, 6.0, 15.0, 18.0]
    fourth = doc.turns[3]
    assert len(fourth.paragraphs) == 2  # 'Triage rule one: …' continues the turn
    marks = [n for p in fourth.paragraphs for n in p.content if isinstance(n, Annotation)]
    assert [(m.kind, m.seconds) for m in marks] == [(AnnotationKind.INAUDIBLE, 41.0)]
    assert names(doc)[3:5] == ["Dr. Amara Nwosu-Bell", "Dr. Amara Nwosu-Bell"]


def test_bracket_header_block_is_metadata_and_a_note() -> None:
    doc = load("bracket-timestamp")
    meta = doc.metadata
    assert (meta.date, meta.location) == ("11 February 2027", "Porto")
    assert meta.description == "Inês Carvalho, ceramicist"
    assert ("Duration", "00:01:44") in meta.extra
    assert meta.title is None
    assert prose(doc, ProseKind.NOTE) == [
        "Transcript generated automatically and corrected by hand."
    ]


def test_bracket_timed_line_without_label_continues_the_turn_with_a_timestamp() -> None:
    doc = load("bracket-timestamp")
    turn = doc.turns[7]
    assert turn.start == 44.0 and turn.end == 78.0
    second, third = turn.paragraphs[1], turn.paragraphs[2]
    assert isinstance(second.content[0], Timestamp) and second.content[0].seconds == 62.0
    assert second.text.strip().startswith("The ratio is 3:1")
    assert [n.kind for n in third.content if isinstance(n, Annotation)] == [AnnotationKind.NOISE]


# -- layouts not in the corpus ---------------------------------------------------------------
OTTER_VARIANTS = """\
Unknown Speaker  0:00\x20\x20
Are we live? I think the light is on.

Ruth's iPhone  0:04\x20\x20
We are. Go ahead whenever you like.

Unknown Speaker  1:02:09\x20\x20
Thanks. So the plan is
to start the count at 9:15.

Note to self: bring the ledger.

Ruth's iPhone\t1:02:30
Agreed.

Transcribed by https://otter.ai
"""


def test_otter_placeholders_hours_tabs_and_wrapped_lines() -> None:
    doc = transcript.parse(OTTER_VARIANTS)
    assert doc.metadata.style == "otter-export"
    assert names(doc) == ["Unknown Speaker", "Ruth's iPhone"] * 2
    assert [t.start for t in doc.turns] == [0.0, 4.0, 3729.0, 3750.0]
    third = doc.turns[2]
    assert [p.text for p in third.paragraphs] == [
        "Thanks. So the plan is to start the count at 9:15.",
        "Note to self: bring the ledger.",
    ]
    assert prose(doc, ProseKind.NOTE) == ["Transcribed by https://otter.ai"]


MEETING_EXPORT = """\
Weekly sync
January 5, 2024, 3:00PM

Priya Raman started transcription

Priya Raman   0:03
Hello everyone, thanks for joining.

Tomasz Wójcik   0:10
Hi Priya.

Priya Raman
0:15
Let us start with the roadmap.

Tomasz Wójcik
0:21
Sure. The first item is the migration.

Priya Raman stopped transcription
"""


def test_meeting_platform_export_one_and_two_line_headers() -> None:
    doc = transcript.parse(MEETING_EXPORT)
    assert doc.metadata.style == "otter-export"
    assert doc.metadata.title == "Weekly sync"
    assert doc.metadata.date == "January 5, 2024, 3:00PM"
    assert names(doc) == ["Priya Raman", "Tomasz Wójcik"] * 2
    assert [t.start for t in doc.turns] == [3.0, 10.0, 15.0, 21.0]
    assert prose(doc, ProseKind.NOTE) == [
        "Priya Raman started transcription",
        "Priya Raman stopped transcription",
    ]


def test_otter_without_names_is_an_unidentified_speaker_with_one_diagnostic() -> None:
    doc = transcript.parse(
        "0:00  \nWelcome to the show.\n\n0:21  \nThanks for having me.\n\n"
        "0:40  \nSo tell us.\n\n1:05  \nWell, it started in 1999.\n"
    )
    assert doc.metadata.style == "otter-export"
    assert [s.name for s in doc.speakers] == ["Unidentified speaker"]
    assert [t.start for t in doc.turns] == [0.0, 21.0, 40.0, 65.0]
    assert len(codes(doc)["unnamed-speaker"]) == 1


REV_WITH_PAGES = """\
Harbour Board Meeting (Completed  03/14/24)
Transcript by Rev.com

Page 1 of 2

Speaker 1 (00:00:02):
Okay, can everybody hear me? Great.

Marta Ilves (00:00:05):
Yes. Item one: the budget.

Speaker 1 (00:01:10): Right, [inaudible 00:01:12] we agreed on that.

Harbour Board Meeting (Completed  03/14/24)
Transcript by Rev.com
Page 2 of 2

Marta Ilves (01:02:03):
We did, and the
second item too. [crosstalk 01:02:09]

This transcript was exported on Mar 14, 2024 - view latest version here.
"""


def test_rev_title_credit_running_headers_and_page_numbers() -> None:
    doc = transcript.parse(REV_WITH_PAGES)
    assert doc.metadata.style == "rev-export"
    assert doc.metadata.title == "Harbour Board Meeting (Completed  03/14/24)"
    assert names(doc) == ["Speaker 1", "Marta Ilves"] * 2
    assert [t.start for t in doc.turns] == [2.0, 5.0, 70.0, 3723.0]
    assert speech(doc)[2] == "Right, we agreed on that."
    assert speech(doc)[3] == "We did, and the second item too."
    furniture = codes(doc)["page-furniture"]
    assert any("2 page number lines (lines 4, 16)" in m for m in furniture)
    assert any("2 running header lines (lines 14, 15)" in m for m in furniture)
    assert prose(doc, ProseKind.BYLINE) == ["Transcript by Rev.com"]
    assert prose(doc, ProseKind.NOTE) == [
        "This transcript was exported on Mar 14, 2024 - view latest version here."
    ]


def test_rev_one_line_headers_affiliations_and_colon_first_variant() -> None:
    doc = transcript.parse(
        "Editor (Harbour Gazette) (00:00): Welcome back.\n\n"
        "Lena Okoro: (00:04) Thank you, glad to be here.\n\n"
        "Editor (00:09): Let's begin.\n\n"
        "Lena Okoro (00:12): Of course.\n"
    )
    assert doc.metadata.style == "rev-export"
    assert [s.name for s in doc.speakers] == ["Editor", "Lena Okoro"]
    assert doc.speakers[0].affiliation == "Harbour Gazette"
    assert speech(doc) == [
        "Welcome back.",
        "Thank you, glad to be here.",
        "Let's begin.",
        "Of course.",
    ]
    assert [t.start for t in doc.turns] == [0.0, 4.0, 9.0, 12.0]


BRACKET_VARIANTS = """\
Title: Harbour oral archive, tape 3
Date: 2026-04-02

00:00:01 Marit Olsen: We started fishing in 1961.
00:00:09 Interviewer: With your father?
(00:00:12) Marit Olsen: Yes, and my uncle.
00:00:30 [laughs]
Kofi Mensah [00:00:40]: Sorry I am late.
[00:00:44]
Marit Olsen: Never mind.
Interviewer: Go on, please.
"""


def test_bracket_time_punctuation_variants_and_time_above_the_label() -> None:
    doc = transcript.parse(BRACKET_VARIANTS)
    assert doc.metadata.style == "bracket-timestamp"
    assert doc.metadata.title == "Harbour oral archive, tape 3"
    assert doc.metadata.date == "2026-04-02"
    assert names(doc) == [
        "Marit Olsen",
        "Interviewer",
        "Marit Olsen",
        "Kofi Mensah",
        "Marit Olsen",
        "Interviewer",
    ]
    assert [t.start for t in doc.turns] == [1.0, 9.0, 12.0, 40.0, 44.0, None]
    laugh = doc.turns[2].paragraphs[1].content
    assert isinstance(laugh[0], Timestamp) and laugh[0].seconds == 30.0
    assert any(isinstance(n, Annotation) and n.kind is AnnotationKind.LAUGHTER for n in laugh)


def test_time_then_name_headers_and_name_colon_time_variant() -> None:
    happy = transcript.parse(
        "00:00:05 Speaker 1\nHello there, welcome to the session.\n\n"
        "00:00:09 Speaker 2\nHi. Glad to be here.\n\n"
        "00:00:15 Speaker 1\nShall we begin?\n"
    )
    assert happy.metadata.style == "bracket-timestamp"
    assert names(happy) == ["Speaker 1", "Speaker 2", "Speaker 1"]
    assert speech(happy)[1] == "Hi. Glad to be here."
    sonix = transcript.parse(
        "Aiko Sato: [00:00:05] Hello there.\n\nDan Reyes: [00:00:09] Hi.\n\n"
        "Aiko Sato: [00:00:15] Shall we?\n"
    )
    assert sonix.metadata.style == "bracket-timestamp"
    assert speech(sonix) == ["Hello there.", "Hi.", "Shall we?"]
    assert [t.start for t in sonix.turns] == [5.0, 9.0, 15.0]


def test_timecode_above_a_label_alone_in_capitals() -> None:
    doc = transcript.parse(
        "TAPE 4 LOG\n\n00:01:23:15\nSPEAKER 2:\nWe drove north that winter.\n\n"
        "00:01:40:02\nINTERVIEWER:\nWhy north?\n\n00:01:44:20\nSPEAKER 2:\nWork.\n"
    )
    assert doc.metadata.title == "TAPE 4 LOG"
    assert names(doc) == ["SPEAKER 2", "INTERVIEWER", "SPEAKER 2"]
    assert [t.start for t in doc.turns] == [83.0, 100.0, 104.0]
    assert speech(doc) == ["We drove north that winter.", "Why north?", "Work."]


def test_style_ids_are_accepted_as_reader_names() -> None:
    for style in ("otter-export", "rev-export", "bracket-timestamp", "exports"):
        doc = transcript.parse(REV_WITH_PAGES, style)
        assert len(doc.turns) == 4


# -- detection -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Host: Welcome. The show starts at 10:30.\n\nGuest: Thanks, I arrived at 9:15.\n\n"
        "Host: How long was the drive?\n\nGuest: About 1:30, give or take.\n",
        "Agenda\nOpening remarks  9:00\nKeynote  9:30\nLunch  12:00\nPanel  13:30\n",
        "Q: When did it open?\nA: In 1998, at 10:00 sharp.\nQ: And closed?\nA: 2004.\n",
        "Chapter 1 (1:20)\nIt was cold.\nChapter 2 (2:45)\nIt was colder.\n",
    ],
)
def test_plain_documents_are_not_exports(text: str) -> None:
    assert not fit(Head.of(text)).fits
    assert transcript.parse(text).metadata.style not in (
        "otter-export",
        "rev-export",
        "bracket-timestamp",
    )


def test_fit_beats_the_colon_grammar_on_rev_lines_it_also_counts() -> None:
    text = "".join(f"{name} (00:0{i}): Line {i}.\n" for i, name in enumerate(["Ana", "Ben"] * 3))
    assert fit(Head.of(text)).score == 12.0
    assert transcript.parse(text).metadata.style == "rev-export"


def test_seconds_of_every_printed_form() -> None:
    assert seconds("0:06") == 6.0
    assert seconds("01:23") == 83.0
    assert seconds("1:02:03") == 3723.0
    assert seconds("00:01:23.5") == 83.5
    assert seconds("00:01:23,250") == 83.25
    assert seconds("100:06") == 6006.0
    assert seconds("00:01:23:15") == 83.0  # SMPTE frames dropped
    assert seconds("0:75") is None and seconds("1:75:00") is None


# -- nothing lost, hostile input ----------------------------------------------------------------
def test_nothing_is_lost_from_a_rev_export() -> None:
    doc = transcript.parse(REV_WITH_PAGES)
    kept = " ".join([*doc.iter_text(), *(t.label for t in doc.turns), doc.metadata.title or ""])
    furniture_lines = {4, 14, 15, 16}
    for number, line in enumerate(REV_WITH_PAGES.split("\n"), 1):
        words = line.split()
        if number in furniture_lines or not words:
            continue
        for word in words:
            if word.startswith("(") and word.rstrip("):").replace(":", "").strip("(").isdigit():
                continue  # a header time: the turn's start
            if word.startswith("[") or word.endswith("]"):
                continue  # an inline annotation, kept as a node
            assert word.rstrip(":") in kept, (number, word)


def test_hostile_lines_do_not_crash() -> None:
    long_line = "Ana (00:01): " + "x" * 100_000
    nested = "[[[[00:00:01]]]] ((Ana (00:02):)) [" * 50
    text = "\n".join(
        [
            long_line,
            "Ben (00:02):",
            "(" * 50_000,
            "Ana  0:03",
            nested,
            "0:04  " * 10_000,
            "Ben (00:05): ok",
            "[00:00:06]" + " Ana:" * 20_000,
        ]
    )
    doc = read(normalise(text), ReadOptions())
    assert doc.turns and doc.turns[0].paragraphs[0].text == "x" * 100_000


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(
                [
                    "Ana  0:06",
                    "Ben (00:01:02):",
                    "[00:00:03] Ana: hi",
                    "0:21",
                    "",
                    "Page 2 of 3",
                    "Transcribed by https://otter.ai",
                    "Ana: (00:04)",
                    "Ben [1:02]:",
                    "Key: value",
                ]
            ),
        ),
        max_size=30,
    )
)
def test_any_text_never_raises_anything_but_transcript_errors(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        decoded = normalise(text)
    except TranscriptError:
        return
    with contextlib.suppress(TranscriptError):
        read(decoded, ReadOptions())
