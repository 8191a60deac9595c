"""The press-briefing reader: `Q` + spaces reporters, titled briefers, header and time metadata."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import transcript
from doc_views import names as speakers_of_turns
from transcript import (
    Annotation,
    AnnotationKind,
    Heading,
    Paragraph,
    Prose,
    ProseKind,
    Role,
    Text,
    TranscriptError,
)
from transcript.decode import normalise
from transcript.read import ReadOptions
from transcript.read.briefing import fit, read
from transcript.read.detect import Head

NBSP = "\u00a0"
CORPUS = Path(__file__).parent / "data" / "corpus"

# An older whitehouse.gov page copied as text: no-break spaces after `Q`, the title
# before the date, `THE PRESIDENT:` and a deputy, a whole-line cue, one paragraph a line.
EAST_ROOM = f"""\
REMARKS BY THE PRESIDENT AND DEPUTY PRESS SECRETARY OWEN ACHTERBERG ON THE HARBOUR ACCORD
March 3, 2031
East Room
11:02 A.M. EST
THE PRESIDENT:  Thank you.  Please, have a seat.
(Applause.)
We signed the Harbour Accord this morning: nine ports, one inspection standard.
Q{NBSP}{NBSP}{NBSP} Mr. President, will Congress fund the inspectors?
THE PRESIDENT:  They will, because the ports asked for it.
Q{NBSP}{NBSP}{NBSP} And the timeline?
MR. ACHTERBERG:  Owen here.  We will have more on that Monday.
 Q    One for Owen: is the Secretary travelling?
MR. ACHTERBERG:  Not this week.
END{NBSP}{NBSP}{NBSP}11:24 A.M. EST
"""

# A departmental briefing: `Q:` labels, a mixed-case titled briefer, a moderator, wrapped lines.
PENTAGON = """\
Department of Defense
Press Briefing by Secretary Imogen Ruiz on the Northern Exercise

Via Teleconference

2:30 p.m. EDT

STAFF:  Good afternoon.  Secretary Ruiz will take
a few questions after her statement.

Secretary Ruiz:  Thanks.  The exercise ended on time, with
all twelve ships back in port.

TRAVEL: she goes to Oslo on Thursday.

Q:  Ma'am, were there any injuries?

Secretary Ruiz:  Two sprained ankles.  (Laughter.)  Nothing more [inaudible].

Q Street stays closed for the parade, by the way.

Q:  Thank you.

STAFF:  That's all the time we have.
"""

# A Markdown scrape with YAML front matter: hard breaks, `\\[ \\]` escapes.
MARKDOWN = """\
---
title: "Press Gaggle by Principal Deputy Press Secretary Marco\\_Lindahl"
date: '2029-05-02'
---

Aboard Air Force One  \nEn Route Duluth, Minnesota

10:41 A.M. CDT

MR. LINDAHL:  Morning.  The President said the plan was \\[fully\\] funded.  \nOkay, questions.

Q    Is it?

MR. LINDAHL:  Yes.

Q    Thanks.

10:52 A.M. CDT
"""


def kept_text(doc: transcript.Transcript) -> str:
    """Every word the document keeps: blocks, labels, metadata and diagnostics."""
    meta = doc.metadata
    parts = [meta.title or "", meta.date or "", meta.source or "", meta.location or ""]
    parts += [f"{key} {value}" for key, value in meta.extra]
    parts += [printed(p) for b in doc.blocks if not isinstance(b, Heading) for p in b.paragraphs]
    parts += [b.text for b in doc.blocks if isinstance(b, Heading)]
    parts += [turn.label for turn in doc.turns]
    parts += [d.message for d in doc.diagnostics]
    return " ".join(parts)


def printed(paragraph: Paragraph) -> str:
    """A paragraph as printed, annotations included."""
    return "".join(n.text if isinstance(n, Text) else n.printed for n in paragraph.content)


def test_the_older_layout_reads_with_no_break_spaces_and_one_paragraph_a_line() -> None:
    doc = transcript.parse(EAST_ROOM)
    assert doc.metadata.style == "press-briefing"
    assert speakers_of_turns(doc) == [
        "THE PRESIDENT", "Q", "THE PRESIDENT", "Q", "MR. ACHTERBERG", "Q", "MR. ACHTERBERG"]
    assert doc.metadata.title.startswith("REMARKS BY THE PRESIDENT")
    assert doc.metadata.date == "March 3, 2031"
    assert doc.metadata.location == "East Room"
    extra = dict(doc.metadata.extra)
    assert extra["start time"] == "11:02 A.M. EST" and extra["end time"] == "11:24 A.M. EST"
    first = doc.turns[0]
    assert [printed(p) for p in first.paragraphs] == [
        "Thank you.  Please, have a seat.",
        "(Applause.)",
        "We signed the Harbour Accord this morning: nine ports, one inspection standard.",
    ]
    assert isinstance(first.paragraphs[1].content[0], Annotation)
    assert doc.turns[5].paragraphs[0].text == "One for Owen: is the Secretary travelling?"
    roles = {s.name: s.role for s in doc.speakers}
    assert roles["Q"] is Role.INTERVIEWER
    assert "END" not in " ".join(doc.iter_text())


def test_departmental_briefing_with_q_colon_and_a_titled_mixed_case_briefer() -> None:
    doc = transcript.parse(PENTAGON)
    assert doc.metadata.style == "press-briefing"
    assert speakers_of_turns(doc) == [
        "STAFF", "Secretary Ruiz", "Q", "Secretary Ruiz", "Q", "STAFF"]
    assert doc.metadata.source == "Department of Defense"
    assert doc.metadata.title == "Press Briefing by Secretary Imogen Ruiz on the Northern Exercise"
    assert doc.metadata.location == "Via Teleconference"
    staff = doc.turns[0]
    assert staff.paragraphs[0].text == (
        "Good afternoon.  Secretary Ruiz will take a few questions after her statement.")
    ruiz = doc.turns[1]
    assert ruiz.paragraphs[-1].text == "TRAVEL: she goes to Oslo on Thursday."
    assert any(d.code == "label-rejected" and d.line == 14 for d in doc.diagnostics)
    answer = doc.turns[3]
    kinds = [n.kind for p in answer.paragraphs for n in p.content if isinstance(n, Annotation)]
    assert kinds == [AnnotationKind.LAUGHTER, AnnotationKind.INAUDIBLE]
    # `Q Street` (one space) is a word, not a reporter label
    assert doc.turns[3].paragraphs[-1].text.startswith("Q Street stays closed")


def test_markdown_scrape_front_matter_escapes_and_hard_breaks() -> None:
    doc = transcript.parse(MARKDOWN)
    assert doc.metadata.style == "press-briefing"
    assert doc.metadata.title == "Press Gaggle by Principal Deputy Press Secretary Marco\u00a0Lindahl"
    assert doc.metadata.date == "2029-05-02"
    assert doc.metadata.location == "Aboard Air Force One, En Route Duluth, Minnesota"
    assert speakers_of_turns(doc) == ["MR. LINDAHL", "Q", "MR. LINDAHL", "Q"]
    assert doc.turns[0].paragraphs[0].text == (
        "Morning.  The President said the plan was [fully] funded. Okay, questions.")
    assert dict(doc.metadata.extra)["end time"] == "10:52 A.M. CDT"
    assert doc.turns[-1].paragraphs[-1].text == "Thanks."


def test_the_corpus_briefing_keeps_header_and_times_out_of_the_turns() -> None:
    source = CORPUS / "press-briefing" / "input.txt"
    doc = transcript.load(source)
    assert doc.metadata.source == "THE WHITE HOUSE"
    assert doc.metadata.date == "June 11, 2027"
    assert doc.metadata.location == "James S. Brady Press Briefing Room"
    extra = dict(doc.metadata.extra)
    assert extra["start time"] == "1:14 P.M. EDT" and extra["end time"] == "1:52 P.M. EDT"
    body = " ".join(doc.iter_text())
    assert "P.M. EDT" not in body and "THE WHITE HOUSE" not in body
    laughter = [n for t in doc.turns for p in t.paragraphs for n in p.content
                if isinstance(n, Annotation)]
    assert [n.kind for n in laughter] == [AnnotationKind.LAUGHTER]
    assert not [b for b in doc.blocks if isinstance(b, (Prose, Heading))]


STATE_DEPARTMENT = """\
Department Press Briefing
Lena Okoro, Spokesperson
Washington, DC
2:07 p.m. EST
MS OKORO: Good afternoon, everybody.
QUESTION: Thank you. On the talks?
MS OKORO: They continue.
QUESTION: And the envoy?
MS OKORO: She lands tonight.
"""


def test_briefings_are_detected() -> None:
    assert transcript.parse(STATE_DEPARTMENT).metadata.style == "press-briefing"
    for text in (EAST_ROOM, PENTAGON, MARKDOWN, STATE_DEPARTMENT):
        assert fit(Head.of(text)).style == "press-briefing"


def test_ordinary_interviews_and_other_styles_are_not_briefings() -> None:
    interview = ("Interviewer: When did you start?\nJane Doe: In 1990.\n"
                 "Interviewer: Why?\nJane Doe: The pay: it was good.\n")
    q_and_a = "Q: Where were you born?\nA: In Leeds.\nQ: And then?\nA: London.\n"
    q_colon_caps = ("Q: Minister, why now?\nMR. HALE: Because it is time.\n"
                    "Q: And the cost?\nMR. HALE: Modest.\n")
    testimony = ("Q    Did you sign it?\nA    Yes.\nQ    When?\nA    In May.\n"
                 "Q    Why?\nA    I was told to.\n")
    periods = testimony.replace("Q   ", "Q.  ").replace("A   ", "A.  ")
    broadcast = (CORPUS / "broadcast-caps" / "input.txt").read_text(encoding="utf-8")
    earnings = (CORPUS / "earnings-call" / "input.txt").read_text(encoding="utf-8")
    for text in (interview, q_and_a, q_colon_caps, testimony, periods, broadcast, earnings):
        assert not fit(Head.of(text)).fits
        assert transcript.parse(text).metadata.style != "press-briefing"


def test_nothing_is_lost() -> None:
    for text in (EAST_ROOM, PENTAGON):
        doc = read(normalise(text), ReadOptions())
        kept = kept_text(doc).replace(NBSP, " ")
        for word in text.replace(NBSP, " ").split():
            assert word.rstrip(":") in kept, word


def test_text_after_the_closing_mark_is_a_note_not_speech() -> None:
    doc = transcript.parse(EAST_ROOM + "\n###\n")
    notes = [p.text for b in doc.blocks if isinstance(b, Prose) and b.kind is ProseKind.NOTE
             for p in b.paragraphs]
    assert notes == ["###"]
    assert doc.turns[-1].paragraphs[-1].text == "Not this week."


def test_hostile_lines_do_not_crash_and_stay_linear() -> None:
    baits = [
        "Q" + " " * 100_000 + "x",
        "MS. " * 25_000 + ":  hi",
        "(" * 50_000 + "Laughter.)" + ")" * 50_000,
        "[" * 30_000 + "inaudible" + "]" * 30_000,
        "END" + " " * 100_000 + "1:00",
        "1" * 100_000 + ":00 P.M.",
        "x" * 100_000,
    ]
    for bait in baits:
        started = time.perf_counter()
        doc = read(normalise(EAST_ROOM.replace("East Room", bait)), ReadOptions())
        assert time.perf_counter() - started < 2.0
        assert len(doc.turns) >= 7


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Q    x", " Q  y", "Q:", "MS. ROE:  z", "END", "1:00 P.M. EST", "",
                         "---", "title: t", "(Laughter.)", "\\[", "A    no"])
        | st.text(max_size=40),
        max_size=30,
    ).map("\n".join)
)
def test_any_text_never_raises_anything_but_ours(text: str) -> None:
    try:
        read(normalise(text), ReadOptions())
    except TranscriptError:
        pass
