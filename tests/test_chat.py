"""The TalkBank CHAT reader on the corpus case and on other real-looking CHAT files."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import transcript
from doc_views import codes, names, text_of
from transcript import Heading, Prose, ProseKind, Role, Transcript, TranscriptError
from transcript.decode import decode, normalise
from transcript.read import ReadOptions, chat
from transcript.read.detect import Head

CASE = Path(__file__).parent / "data" / "corpus" / "chat-cha" / "input.cha"
NAK = "\x15"

APHASIA = (
    "@UTF8\n"
    "@PID:\t11312/a-00012345-1\n"
    "@Begin\n"
    "@Languages:\teng\n"
    "@Participants:\tPAR Participant, INV Investigator\n"
    "@ID:\teng|Protocol|PAR|62;|male|Broca||Participant|||\n"
    "@ID:\teng|Protocol|INV|||||Investigator|||\n"
    "@Media:\tadler01a, audio\n"
    "@Comment:\trecorded in the clinic\n"
    "@G:\tCinderella\n"
    f"*INV:\tcan you tell me the story ? {NAK}1200_3050{NAK}\n"
    f"*PAR:\tokay &-uh Cinderella [//] the girl +... {NAK}3400_9870{NAK}\n"
    "%wor:\tokay 3400_3900 &-uh Cinderella the girl\n"
    "%com:\tpoints at the picture book\n"
    f"*PAR:\tand the shoe (..) <the shoe> [/] glass\n"
    f"\tslipper . {NAK}10020_14500{NAK}\n"
    "@G:\tSandwich\n"
    "*INV:\tnow the sandwich .\n"
    "*PAR:\tbread , peanut butter , 2 slices of bread 3_4 .\n"
    "@End\n"
)
"""AphasiaBank style: participants without names, a gem header, %wor and %com tiers."""

FAMILY = (
    "@Begin\n"
    "@Participants:\tCHI Target_Child, MOT Mother, GRA Ruth_Ann Grandmother\n"
    "*CHI:\tmore juice !\n"
    "*MOT:\twhat do you say ?\n"
    "*CHI:\tplease .\n"
    "*GRA:\tgood girl .\n"
    "*SIS:\tme too !\n"
    "@End\n"
)
"""CHILDES style without media: a role as the name, an underscored name, an undeclared code."""

INTERVIEW = "Interviewer: Where were you?\nMaria: At home.\nInterviewer: Alone?\nMaria: Yes.\n"


def test_chat_is_detected_and_plain_interviews_are_not() -> None:
    assert transcript.parse(APHASIA).metadata.style == "chat-cha"
    assert transcript.parse(FAMILY).metadata.style == "chat-cha"
    assert not chat.fit(Head.of(INTERVIEW)).fits
    assert not chat.fit(Head.of("*Note:\tan aside\n*Also:\tthis\n")).fits  # no CHAT header


def test_corpus_case_names_codes_and_times() -> None:
    doc = transcript.load(CASE)
    assert [(s.name, s.aliases) for s in doc.speakers] == [
        ("Hanne", ("MOT",)),
        ("Mila", ("CHI",)),
        ("Jorge", ("FAT",)),
    ]
    first, second = doc.turns[:2]
    assert (first.start, first.end) == (12.34, 14.02)
    assert (second.start, second.end) == (14.5, 15.21)
    assert text_of(first) == "do you want more toast ?"  # the bullet is not text
    assert doc.turns[2].start is None
    assert text_of(doc.turns[-1]) == "not all gone , there's a bit left on the knife ."
    assert doc.metadata.language == "en" and doc.metadata.date == "11-FEB-2027"
    assert doc.metadata.description == "breakfast in the kitchen"
    extra = dict(doc.metadata.extra)
    assert extra["Participants"].startswith("CHI Mila Target_Child")
    assert "media-bullet-marks" in codes(doc) and "control-character" not in codes(doc)


def test_corpus_case_keeps_chat_codes_and_leaves_tiers_out_of_speech() -> None:
    doc = transcript.load(CASE)
    speech = " ".join(text_of(t) for t in doc.turns)
    for code in ("<where's the> [/]", "[: fell]", "&=laughs", "xxx", "(.)"):
        assert code in speech
    assert "pro:per|you" not in speech and "imitates" not in speech
    notes = [p.text for b in doc.blocks if isinstance(b, Prose) for p in b.paragraphs]
    assert notes == ["%com: imitates mother's intonation", "child spills jam on the table"]
    tier = next(d for d in doc.diagnostics if d.code == "dependent-tier")
    assert tier.message.startswith("left out 16 %mor coding tiers") and tier.line == 12


def test_aphasia_participants_without_names_are_their_roles() -> None:
    doc = transcript.parse(APHASIA)
    assert [s.name for s in doc.speakers] == ["Investigator", "Participant"]
    assert doc.speakers[0].role is Role.INTERVIEWER
    assert names(doc) == [
        "Investigator",
        "Participant",
        "Participant",
        "Investigator",
        "Participant",
    ]
    assert [t.label for t in doc.turns[:2]] == ["INV", "PAR"]
    assert text_of(doc.turns[1]) == "okay &-uh Cinderella [//] the girl +..."
    assert (doc.turns[2].start, doc.turns[2].end) == (10.02, 14.5)  # bullet on the continuation
    assert text_of(doc.turns[2]).endswith("<the shoe> [/] glass slipper .")
    # digits that are not a bullet stay speech
    assert text_of(doc.turns[4]) == "bread , peanut butter , 2 slices of bread 3_4 ."
    assert doc.turns[4].start is None
    notes = [p.text for b in doc.blocks if isinstance(b, Prose) for p in b.paragraphs]
    assert notes == ["recorded in the clinic", "%com: points at the picture book", "@G: Sandwich"]
    assert dict(doc.metadata.extra)["G"] == "Cinderella"  # a gem before any utterance
    assert "%wor" in next(d.message for d in doc.diagnostics if d.code == "dependent-tier")


def test_bullets_are_read_from_bytes_with_their_control_characters() -> None:
    doc = chat.read(decode(APHASIA.encode()), ReadOptions())
    assert doc.turns[0].start == 1.2
    doc = chat.read(normalise(APHASIA), ReadOptions())
    assert doc.turns[0].end == 3.05


def test_family_roles_as_names_and_undeclared_codes() -> None:
    doc = transcript.parse(FAMILY)
    assert [s.name for s in doc.speakers] == ["Target Child", "Mother", "Ruth Ann", "SIS"]
    assert names(doc) == ["Target Child", "Mother", "Target Child", "Ruth Ann", "SIS"]
    assert "undeclared-participant" in codes(doc)
    assert not [b for b in doc.blocks if isinstance(b, Heading)]


def test_callers_names_win_over_participants() -> None:
    doc = transcript.parse(FAMILY, speakers={"CHI": "Ada"})
    assert names(doc)[0] == "Ada"


WORD = re.compile(r"[^\W\d_]{2,}")


def test_every_word_ends_up_somewhere() -> None:
    for text in (APHASIA, FAMILY, normalise(CASE.read_text(encoding="utf-8")).text):
        doc = transcript.parse(text)
        kept = list(doc.iter_text()) + [t.label for t in doc.turns]
        kept += [f"{k} {v}" for k, v in doc.metadata.extra]
        kept += [d.message for d in doc.diagnostics]
        kept += [doc.metadata.date or "", doc.metadata.description or ""]
        kept += [doc.metadata.language or "", *(s.name for s in doc.speakers)]
        have = set(WORD.findall(" ".join(kept)))
        # coding tiers are left out with a diagnostic naming them and their lines; header
        # names (`@Comment:`) say where their value goes
        coding = ("%mor", "%wor", "%gra", "\tprep")
        spoken = "\n".join(line for line in text.split("\n") if not line.startswith(coding))
        spoken = re.sub(r"^@[A-Za-z]+:", "", spoken, flags=re.MULTILINE)
        missing = set(WORD.findall(spoken)) - have - {"UTF", "Begin", "End"}
        assert not missing, missing


def test_hostile_lines_do_not_crash() -> None:
    for text in (
        "@Begin\n*" + "A" * 100_000 + ":\tx\n",
        "@Begin\n*CHI:\t" + "[(<" * 30_000 + "\n\t" + "1_2 " * 10_000 + "\n",
        "@Begin\n@Participants:\t" + ", " * 50_000 + "\n*X:\t.\n",
        "\t\t\n@\n*:\n%:\n*CHI:\n@Participants:\tCHI\n*CHI:\t? 1_2\n",
    ):
        doc = chat.read(normalise(text), ReadOptions())
        assert isinstance(doc, Transcript)


CHAT_ALPHABET = st.sampled_from(
    [
        "\n",
        "\t",
        "@Begin",
        "@End",
        "@Participants:\t",
        "CHI Mila Target_Child",
        ", ",
        "*CHI:\t",
        "*MOT:",
        "%mor:\t",
        "%com:\t",
        "@Comment:\t",
        "@G:\t",
        "\x15",
        "12_34",
        " . ",
        "?",
        "[/]",
        "&=laughs",
        "xxx",
        "hello",
        ":",
        "@",
        "*",
        "%",
    ]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(CHAT_ALPHABET, st.text(max_size=8)), max_size=40))
def test_any_text_reads_or_raises_only_transcript_errors(pieces: list[str]) -> None:
    with contextlib.suppress(TranscriptError):
        chat.read(normalise("".join(pieces)), ReadOptions())


def test_notes_are_prose_notes() -> None:
    doc = transcript.load(CASE)
    kinds = {b.kind for b in doc.blocks if isinstance(b, Prose)}
    assert kinds == {ProseKind.NOTE}
