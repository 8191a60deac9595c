"""The caption readers (WebVTT and SubRip) on the corpus and on other real-looking caption files."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import transcript
from doc_views import codes, names, text_of
from transcript import Annotation, Prose, ProseKind, Role, Transcript, TranscriptError
from transcript.decode import normalise
from transcript.read import ReadOptions, srt, vtt
from transcript.read.detect import Head

CORPUS = Path(__file__).parent / "data" / "corpus"

TEAMS = """WEBVTT

3f2c9a1e-7b1d-4c55-9d2e-0a1b2c3d4e5f/11-0
00:00:03.120 --> 00:00:05.870
<v Okonjo, Adaeze>Morning all, can everyone hear me?</v>

3f2c9a1e-7b1d-4c55-9d2e-0a1b2c3d4e5f/12-0
00:00:06.010 --> 00:00:08.440
<v Lindqvist, Per>Yes, loud and clear.</v>

3f2c9a1e-7b1d-4c55-9d2e-0a1b2c3d4e5f/12-1
00:00:08.440 --> 00:00:11.900
<v Lindqvist, Per>The budget draft is in Files &gt; Finance.</v>

8d7e6f5a-1111-2222-3333-444455556666/2-0
00:00:12.300 --> 00:00:15.000
<v Okonjo, Adaeze>Great. Let's go through it: line by line.</v>
"""
"""Microsoft Teams: a voice span on every cue, GUID cue identifiers, `Surname, Given` names."""

BROADCAST_VTT = """WEBVTT
Kind: captions
Language: en

00:00:00.000 --> 00:00:02.500 align:start position:0%
>> WELCOME BACK TO THE PROGRAM.

00:00:02.500 --> 00:00:05.000 align:start position:0%
TONIGHT: THE HARBOUR VOTE.
>> Marta Ibsen: THANK YOU, DAVID.

00:00:05.000 --> 00:00:07.000
IT WAS A LONG NIGHT.
>>> IN OTHER NEWS, THE BRIDGE

00:00:07.000 --> 00:00:09.000
REOPENS MONDAY.
"""
"""Broadcast captions delivered as WebVTT: `>>` speaker changes, `>>>` story changes."""

ZOOM = """WEBVTT

1
00:00:01.000 --> 00:00:04.000
Tomás Ruiz (he/him): Hi everyone, quick one today.

2
00:00:04.500 --> 00:00:07.000
Kim's iPad: Hi! Can you share the slide at 10:30?

3
00:00:07.500 --> 00:00:09.000
Tomás Ruiz (he/him): Sure. Summary: we ship Friday.

4
00:00:09.500 --> 00:00:12.000
Aiko Mori: Sounds good.
"""

SDH = """1
00:01:02,000 --> 00:01:04,500
{\\an8}<font color="#ffff00">[THUNDER RUMBLES]</font>

2
00:01:05,000 --> 00:01:07,200
- Who's there?
- Only me.

3
00:01:07,500 --> 00:01:10,000
ELSA: You scared me half to death.

4
00:01:10,200 --> 00:01:12,000
Sorry. The door was open.

5
00:01:12,500 --> 00:01:15,000
ELSA: Warning: the stairs are rotten.
JONAS (off screen): I know!

6
00:01:15,500 --> 00:01:18,000
♪ Row, row, row your boat ♪

7
00:01:18,200 --> 00:01:20,000
JONAS: Who's singing?
"""
"""Subtitles for the deaf: SSA position tags, `<font>`, unnamed dialogue dashes, a song."""

CART = """1
00:10:00,000 --> 00:10:03,000
>> MAYOR DUBOIS: WE ARE BACK IN
SESSION. NEXT ITEM.

2
00:10:03,000 --> 00:10:06,000
ITEM 9: LIBRARY HOURS. CLERK?
>> CLERK PATEL: ITEM 9 EXTENDS

3
00:10:06,000 --> 00:10:09,000
SATURDAY HOURS TO 6:00 P.M.
>> THANK YOU. [ LAUGHTER ]
"""
"""CART captions of a council meeting: `>> NAME:`, a bare `>>`, an agenda line with a colon."""

INTERVIEW = """Interviewer: Where did you grow up?
Maria Lopes: In Porto, near the river.
Interviewer: And you moved here when?
Maria Lopes: In 1998, at 10:30 on a Sunday --> exactly.
"""
"""An ordinary `Name: text` interview, with a stray arrow: never a caption file."""


def read(text: str, style: str = "auto") -> Transcript:
    return transcript.parse(text, style=style)


# -- detection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "style"),
    [
        (TEAMS, "webvtt-voice"),
        (BROADCAST_VTT, "webvtt-voice"),
        (ZOOM, "zoom-vtt"),
        (SDH, "srt-sdh"),
        (CART, "srt-chevron"),
    ],
)
def test_caption_files_are_detected_with_their_style(text: str, style: str) -> None:
    doc = read(text)
    assert doc.metadata.style == style
    assert any(d.code == "style-detected" and style in d.message for d in doc.diagnostics)


def test_plain_interviews_are_not_captions() -> None:
    head = Head.of(INTERVIEW)
    assert not vtt.fit(head).fits
    assert not srt.fit(head).fits
    assert read(INTERVIEW).metadata.style != "srt-sdh"


def test_only_one_caption_reader_claims_a_file() -> None:
    assert vtt.fit(Head.of(ZOOM)).fits and not srt.fit(Head.of(ZOOM)).fits
    assert srt.fit(Head.of(SDH)).fits and not vtt.fit(Head.of(SDH)).fits


def test_a_headerless_vtt_file_is_read_by_its_suffix() -> None:
    body = ZOOM.removeprefix("WEBVTT\n")
    assert vtt.fit(Head.of(body, ".vtt")).fits
    assert not srt.fit(Head.of(body, ".vtt")).fits


# -- WebVTT ---------------------------------------------------------------------------------


def test_webvtt_voice_corpus_case_reads_header_note_and_spans() -> None:
    doc = transcript.load(CORPUS / "webvtt-voice" / "input.vtt")
    assert doc.metadata.title == "Harbour Sounds, episode 12"
    roles = {s.name: s.role for s in doc.speakers}
    assert roles == {"Rafa Quintero": Role.HOST, "Hanne Sørbø": Role.GUEST}
    assert dict(doc.metadata.extra)["NOTE"].startswith("Speakers: Rafa Quintero (host)")
    assert "caption-styling" in codes(doc)
    first = doc.turns[0]
    assert (first.start, first.end) == (0.0, 8.1)  # cue 2 continues cue 1
    assert "R&D money" in text_of(doc.turns[7]) and "&amp;" not in text_of(doc.turns[7])
    assert "<i>" not in text_of(doc.turns[8]) and "Very small ones." in text_of(doc.turns[8])
    # two voice spans in one cue: two turns sharing the cue's times
    assert (doc.turns[4].start, doc.turns[5].start) == (25.0, 25.0)


def test_teams_voice_names_are_kept_whole() -> None:
    doc = read(TEAMS)
    assert [s.name for s in doc.speakers] == ["Okonjo, Adaeze", "Lindqvist, Per"]
    assert len(doc.turns) == 4  # a voice span on every cue: every cue is a turn
    assert text_of(doc.turns[2]) == "The budget draft is in Files > Finance."
    assert "3f2c9a1e" not in " ".join(doc.iter_text())


def test_zoom_display_names_keep_extras_as_aliases() -> None:
    doc = read(ZOOM)
    assert [s.name for s in doc.speakers] == ["Tomás Ruiz", "Kim's iPad", "Aiko Mori"]
    assert doc.speakers[0].aliases == ("Tomás Ruiz (he/him)",)
    assert names(doc) == ["Tomás Ruiz", "Kim's iPad", "Tomás Ruiz", "Aiko Mori"]
    assert text_of(doc.turns[2]) == "Sure. Summary: we ship Friday."
    assert (doc.turns[1].start, doc.turns[1].end) == (4.5, 7.0)


def test_chevrons_in_webvtt_mark_speakers_and_colon_lines_stay_speech() -> None:
    doc = read(BROADCAST_VTT)
    assert doc.metadata.language == "en"
    assert names(doc) == ["Unidentified speaker", "Marta Ibsen", "Unidentified speaker"]
    assert text_of(doc.turns[0]) == "WELCOME BACK TO THE PROGRAM. TONIGHT: THE HARBOUR VOTE."
    assert text_of(doc.turns[2]) == "IN OTHER NEWS, THE BRIDGE REOPENS MONDAY."
    assert (doc.turns[2].start, doc.turns[2].end) == (5.0, 9.0)
    assert "unnamed-speaker" in codes(doc)


# -- SubRip ---------------------------------------------------------------------------------


def test_srt_sdh_corpus_case_keeps_sounds_and_signs_out_of_speech() -> None:
    doc = transcript.load(CORPUS / "srt-sdh" / "input.srt")
    narration = [p.content for b in doc.blocks if isinstance(b, Prose) for p in b.paragraphs]
    assert len(narration) == 3  # accordion music, static, the NOTICE sign
    assert "on-screen-text" in codes(doc)
    assert "NOTICE" not in [s.name for s in doc.speakers]
    margit = doc.turns[4]
    assert any(isinstance(node, Annotation) for p in margit.paragraphs for node in p.content)
    assert (doc.turns[2].start, doc.turns[2].end) == (10.3, 16.2)  # cue 5 continues cue 4


def test_sdh_dashes_markup_and_offscreen_labels() -> None:
    doc = read(SDH)
    assert names(doc) == [
        "Unidentified speaker",
        "Unidentified speaker",
        "ELSA",
        "ELSA",
        "JONAS",
        "JONAS",
    ]
    assert doc.turns[4].label == "JONAS (off screen)"
    assert text_of(doc.turns[3]) == "Warning: the stairs are rotten."
    prose = [b for b in doc.blocks if isinstance(b, Prose)]
    assert [b.kind for b in prose] == [ProseKind.NARRATION, ProseKind.NARRATION]
    assert "an8" not in " ".join(doc.iter_text()) and "font" not in " ".join(doc.iter_text())
    assert doc.turns[0].start == 65.0


def test_cart_captions_turn_at_every_chevron() -> None:
    doc = read(CART)
    assert names(doc) == ["MAYOR DUBOIS", "CLERK PATEL", "Unidentified speaker"]
    assert text_of(doc.turns[0]) == (
        "WE ARE BACK IN SESSION. NEXT ITEM. ITEM 9: LIBRARY HOURS. CLERK?"
    )
    assert text_of(doc.turns[1]) == "ITEM 9 EXTENDS SATURDAY HOURS TO 6:00 P.M."
    assert (doc.turns[1].start, doc.turns[1].end) == (603.0, 609.0)


def test_srt_chevron_corpus_chair_is_moderator() -> None:
    doc = transcript.load(CORPUS / "srt-chevron" / "input.srt")
    chair = next(s for s in doc.speakers if s.name == "CHAIR OKONKWO-HALE")
    assert chair.role is Role.MODERATOR
    unnamed = [d for d in doc.diagnostics if d.code == "unnamed-speaker"]
    assert len(unnamed) == 1 and unnamed[0].line == 14


def test_hour_long_timings_and_dotted_srt() -> None:
    text = (
        "1\n01:02:03.500 --> 01:02:05.250\nANNA: Late.\n\n"
        "2\n01:02:06,000 --> 01:02:07,000\nBO: Yes.\n"
    )
    doc = read(text)
    assert (doc.turns[0].start, doc.turns[0].end) == (3723.5, 3725.25)
    assert names(doc) == ["ANNA", "BO"]


# -- nothing lost, hostile input ----------------------------------------------------------


WORD = re.compile(r"[^\W\d_]{2,}")


def kept_words(doc: Transcript) -> set[str]:
    texts = list(doc.iter_text())
    texts += [
        a.printed
        for b in doc.blocks
        for p in getattr(b, "paragraphs", ())
        for a in p.content
        if isinstance(a, Annotation)
    ]
    texts += [t.label for t in doc.turns]
    texts += [f"{key} {value}" for key, value in doc.metadata.extra]
    texts += [doc.metadata.title or "", doc.metadata.language or ""]
    texts += [d.message for d in doc.diagnostics]
    return set(WORD.findall(" ".join(texts)))


MARKUP_WORDS = {"WEBVTT", "NOTE", "STYLE", "font", "color", "ffff", "an", "Language"}


@pytest.mark.parametrize("text", [TEAMS, BROADCAST_VTT, ZOOM, SDH, CART])
def test_every_word_ends_up_somewhere(text: str) -> None:
    doc = read(text)
    without_markup = re.sub(r"<[^>]*>|\{[^}]*\}|&\w+;", " ", text)
    words = set(WORD.findall(without_markup)) - MARKUP_WORDS
    missing = {w for w in words if w not in kept_words(doc) and not re.fullmatch(r"[0-9a-f]+", w)}
    assert not missing


@pytest.mark.parametrize("corpus_case", ["webvtt-voice", "zoom-vtt", "srt-sdh", "srt-chevron"])
def test_every_corpus_word_ends_up_somewhere(corpus_case: str) -> None:
    source = next((CORPUS / corpus_case).glob("input.*"))
    doc = transcript.load(source)
    raw = normalise(source.read_text(encoding="utf-8")).text
    without_markup = re.sub(r"<[^>]*>|&\w+;", " ", raw)
    missing = set(WORD.findall(without_markup)) - MARKUP_WORDS - kept_words(doc)
    assert not missing


@pytest.mark.parametrize("reader", [vtt.read, srt.read])
def test_hostile_lines_do_not_crash(reader: object) -> None:
    long_line = "<v " + "A" * 100_000 + ">" + "[(" * 5_000 + ">> X: " * 2_000
    for text in (
        "WEBVTT\n\n00:00.000 --> 00:01.000\n" + long_line,
        "1\n00:00:00,000 --> 00:00:01,000\n" + "((([[[<i>{\\an8}&amp;" * 10_000,
        "1\n00:00:00,000 --> 00:00:01,000\n- \n-\n>>\n:\n<v>\n",
        "WEBVTT\n\nNOTE\n\n" + "-->" * 30_000,
    ):
        doc = reader(normalise(text), ReadOptions())  # type: ignore[operator]
        assert isinstance(doc, Transcript)


CAPTION_ALPHABET = st.sampled_from(
    [
        "\n",
        "\n\n",
        "1",
        "00:00:01,000 --> 00:00:02,500",
        "00:01.000 --> 00:02.000 align:start",
        "WEBVTT",
        "NOTE",
        "STYLE",
        ">>",
        ">>>",
        "- ",
        "<v Ann>",
        "<v.x>",
        "</v>",
        "<i>",
        "&amp;",
        "ANN: ",
        "Bo Li: ",
        "[music]",
        "♪",
        "(",
        ")",
        ":",
        " ",
        "hello",
        "X",
    ]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(CAPTION_ALPHABET, st.text(max_size=8)), max_size=40))
def test_any_text_reads_or_raises_only_transcript_errors(pieces: list[str]) -> None:
    text = "".join(pieces)
    for reader in (vtt.read, srt.read):
        with contextlib.suppress(TranscriptError):
            reader(normalise(text), ReadOptions())


def test_captions_without_speakers_are_narration_in_order() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:03,000\nWhere were you last night?\n\n"
        "2\n00:00:03,500 --> 00:00:05,000\n[DOOR CREAKS]\n\n"
        "3\n00:00:05,500 --> 00:00:08,000\nOut. With friends.\nIt doesn't matter.\n\n"
        "4\n00:00:08,500 --> 00:00:10,000\nIt matters to me.\n"
    )
    doc = read(text)
    assert doc.turns == () and doc.speakers == ()
    prose = [b for b in doc.blocks if isinstance(b, Prose)]
    assert all(b.kind is ProseKind.NARRATION for b in prose)
    assert " ".join(doc.iter_text()).endswith(
        "Out. With friends. It doesn't matter. It matters to me."
    )
    assert any(d.severity.value == "warning" for d in doc.diagnostics)
