"""The oral-history reader: cover blocks, labels alone on their lines, page furniture."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

import transcript
from transcript import Annotation, Heading, Prose, ProseKind, Role, Text, TranscriptError
from transcript.decode import normalise
from transcript.read import ReadOptions
from transcript.read.oral_history import read

# A museum oral history from a PDF: capitals labels alone on their lines, a cover
# block with a value on the next line, a running footer and page numbers inside turns.
HARBOUR = """\
Northport Fishing Families Oral History Collection
Northport Maritime Museum

Narrator: Dolores Ybarra-Quinn
Interviewer: Hamish Teague
Date: 9 September 2025
Location: Northport Maritime Museum, Archive Room
Transcribed by: P. Lindqvist

Copyright 2025 Northport Maritime Museum. All rights reserved.

TEAGUE:
Today is the ninth of September. Could you tell me where you grew up?

YBARRA-QUINN:
On Cannery Row, above the net loft. My father mended nets
for the whole fleet, and we fell asleep to the smell of tar.

Northport Fishing Families OHC    Ybarra-Quinn    Page 3 of 40

12

We had a boat of our own by 1962.

TEAGUE:
What was she called?

YBARRA-QUINN:
The Marisol. [laughs] Everybody's boat was called after somebody's mother.

[END OF TAPE 1, SIDE A]

[START OF TAPE 1, SIDE B]

YBARRA-QUINN:
She sank in '71, with nobody on her, thank God.

Northport Fishing Families OHC    Ybarra-Quinn    Page 4 of 40

TEAGUE:
Thank you, Dolores.

[END OF INTERVIEW]
"""

# Inline labels with Q1/Q2 interviewers and a Markdown page converted from HTML.
MARKDOWN_HISTORY = """\
1 About Ruth Okafor 2 Copyright Statement 3 Interview 3.1 Early Years 3.2 Work

## About Ruth Okafor

Ruth Okafor, a chemical engineer, was born in Enugu in 1950.

RUTH OKAFOR: An Interview Conducted by Lena Moreau, Engineering History Society, 4 June 2019.

## Copyright Statement

This manuscript is available for research purposes only. Requests for permission to quote
should be addressed to the Society.

## Interview

INTERVIEWEE: Ruth Okafor
INTERVIEWER: Lena Moreau
DATE: 4 June 2019

### Early Years

Q: 

Where did you study? 

Ruth Okafor: 

In Lagos, and then at **Imperial College**. It was cold <laughs>.

Q: 

And after that?

Okafor: 

The refinery at Port Harcourt.

### Work

Q: 

What did you build there?

Okafor: 

A [cracking unit](https://example.org/cracking), mostly.
"""

PLAIN_INTERVIEW = """\
Harbour Gazette
Editor: What brought you to Northport?
Dolores Ybarra-Quinn: The boats.
Editor: And kept you?
Dolores Ybarra-Quinn: The people.
"""


def printed(paragraph: transcript.Paragraph) -> str:
    return "".join(n.text if isinstance(n, Text) else n.printed for n in paragraph.content)


def prose(doc: transcript.Transcript, kind: ProseKind) -> list[str]:
    return [
        printed(p)
        for b in doc.blocks
        if isinstance(b, Prose) and b.kind is kind
        for p in b.paragraphs
    ]


def test_capitals_labels_alone_cover_block_and_furniture() -> None:
    doc = transcript.parse(HARBOUR)
    assert doc.metadata.style == "oral-history"
    assert doc.metadata.title == "Northport Fishing Families Oral History Collection"
    assert doc.metadata.source == "Northport Maritime Museum"
    assert doc.metadata.date == "9 September 2025"
    assert doc.metadata.location == "Northport Maritime Museum, Archive Room"
    assert ("Transcribed by", "P. Lindqvist") in doc.metadata.extra
    # the cover block gives roles; it never renames a label
    speakers = [(s.name, s.role) for s in doc.speakers]
    assert speakers == [("TEAGUE", Role.INTERVIEWER), ("YBARRA-QUINN", Role.INTERVIEWEE)]
    assert [t.label for t in doc.turns] == [
        "TEAGUE",
        "YBARRA-QUINN",
        "TEAGUE",
        "YBARRA-QUINN",
        "YBARRA-QUINN",
        "TEAGUE",
    ]
    second = [p.text for p in doc.turns[1].paragraphs]
    assert second == [
        "On Cannery Row, above the net loft. My father mended nets for the whole fleet, "
        "and we fell asleep to the smell of tar.",
        "We had a boat of our own by 1962.",
    ]
    furniture = [d.message for d in doc.diagnostics if d.code == "page-furniture"]
    assert any("2 running header lines" in m for m in furniture)
    assert any("1 page number line" in m for m in furniture)
    assert not any("Page 3" in p.text for t in doc.turns for p in t.paragraphs)
    assert any(isinstance(n, Annotation) for n in doc.turns[3].paragraphs[0].content)
    notes = prose(doc, ProseKind.NOTE)
    assert "[END OF TAPE 1, SIDE A]" in notes and "[END OF INTERVIEW]" in notes
    assert any(n.startswith("Copyright 2025") for n in notes)
    assert doc.turns[-1].paragraphs[-1].text == "Thank you, Dolores."


def test_markdown_conversion_with_citation_line_toc_and_questioners() -> None:
    doc = transcript.parse(MARKDOWN_HISTORY)
    assert doc.metadata.style == "oral-history"
    assert doc.metadata.title is None
    assert [s.name for s in doc.speakers] == ["Q", "Ruth Okafor"]
    assert [(s.name, s.role) for s in doc.speakers][1] == ("Ruth Okafor", Role.INTERVIEWEE)
    assert len(doc.turns) == 6
    assert doc.turns[1].paragraphs[0].text.startswith("In Lagos, and then at Imperial College.")
    assert any(isinstance(n, Annotation) for n in doc.turns[1].paragraphs[0].content)
    assert doc.turns[-1].paragraphs[0].text == "A cracking unit, mostly."
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings[:3] == ["About Ruth Okafor", "Copyright Statement", "Interview"]
    notes = prose(doc, ProseKind.NOTE)
    assert notes[0].startswith("1 About Ruth Okafor")  # the table of contents
    assert any(n.startswith("This manuscript is available") for n in notes)
    # the citation line is not a turn (FORMATS §1.7): a note
    assert any(n.startswith("RUTH OKAFOR: An Interview Conducted") for n in notes)


def test_role_word_labels_and_a_label_with_a_cover_value_on_the_next_line() -> None:
    text = (
        "INTERVIEWEE:\nMarta Kowalczyk\nINTERVIEWER:\nJoe Brandt\nDATE: 2 May 2024\n\n"
        "INTERVIEWER:\nWhere were you born?\n\nNARRATOR:\nIn Gdańsk.\n\n"
        "INTERVIEWER:\nWhen?\n\nNARRATOR:\nIn 1948.\n"
    )
    doc = transcript.parse(text)
    assert doc.metadata.style == "oral-history"
    assert [s.name for s in doc.speakers] == ["INTERVIEWER", "NARRATOR"]
    assert len(doc.turns) == 4
    assert ("INTERVIEWEE", "Marta Kowalczyk") in doc.metadata.extra


def test_plain_interviews_are_not_taken() -> None:
    assert transcript.parse(PLAIN_INTERVIEW).metadata.style == "news-article-interview"


def test_nothing_is_lost() -> None:
    doc = read(normalise(HARBOUR), ReadOptions())
    kept = " ".join(doc.iter_text()) + " ".join(
        v for v in (*(v for _, v in doc.metadata.extra), doc.metadata.title or "")
    )
    for word in ("Cannery", "1962", "Marisol", "thank God", "Dolores", "rights reserved"):
        assert word in kept


def test_hostile_lines_do_not_crash() -> None:
    hostile = (
        "A" * 100_000 + ":\n" + "[" * 50_000 + "]" * 50_000 + "\n"
        "ANN:\nhi\nBO:\nho\nANN:\n" + "Page 1 of 2 " * 10_000 + "\n" + "1." * 50_000 + "\n"
    )
    started = time.perf_counter()
    doc = read(normalise(hostile), ReadOptions())
    assert time.perf_counter() - started < 5
    assert len(doc.turns) == 3


def test_many_turns_read_in_linear_time() -> None:
    started = time.perf_counter()
    doc = read(normalise("SMITH:\nA question?\n\nJONES:\nAn answer.\n\n" * 5000), ReadOptions())
    assert len(doc.turns) == 10_000
    assert time.perf_counter() - started < 20


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "ANN:",
                "Bo Li:",
                "INTERVIEWER: X",
                "DATE: 1",
                "Page 2 of 3",
                "   ",
                "\t",
                "12",
                "[END]",
                "[laughs]",
                "## H",
                "# T",
                "**",
                "---",
                ":",
                "\n",
                "\n\n",
                "1 A 1.1 B 2 C",
                "Q1:",
                "text.",
                "é",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_any_text_never_raises_anything_but_transcript_error(text: str) -> None:
    try:
        read(normalise(text), ReadOptions())
    except TranscriptError:
        pass



def test_bold_labels_alone_on_their_lines_stay_markdown() -> None:
    text = "**Ann Lee:**\n\nHello?\n\n**Bo Chen:**\n\nHi.\n\n**Ann Lee:**\n\nBye?\n\n**Bo Chen:**\n\nBye.\n"
    doc = transcript.parse(text)
    assert doc.metadata.style == "markdown-bold-interview"
    assert len(doc.turns) == 4


NEWS_WITH_ROLE_LABELS = """\
The council voted on Tuesday to keep the pool closed for another season.
Title: Deep End: A Conversation With Engineer Tomas Reyes
Interviewer (Daily Ledger): Thanks for joining us. What broke?
Tomas Reyes: The main pump, and the filter house with it.
Interviewer: Is the estimate realistic?
Mr. Reyes: It is on the high side, but not by much.
Interviewer: Could it open next summer?
Mr. Reyes: With a rented pump, yes.
"""


def test_a_recurring_role_key_is_a_label_not_a_cover_block() -> None:
    doc = transcript.parse(NEWS_WITH_ROLE_LABELS)
    assert doc.metadata.style != "oral-history"
    doc = read(normalise(NEWS_WITH_ROLE_LABELS), ReadOptions())
    assert [t.speaker for t in doc.turns].count(doc.turns[0].speaker) == 3
    assert len(doc.turns) == 6


INLINE_WITH_CITATION = """\
RIVERSIDE MILL WORKERS ORAL HISTORY

INTERVIEWEE: Henrik Salo
INTERVIEWER: Amara Quist
DATE: May 4, 2024

SALO: Henrik Salo, interviewed by Amara Quist, May 4, 2024. Riverside Mill Workers, RMW-07.

Amara Quist: Where did you start at the mill?

Henrik Salo: In the carding room, at fifteen.

Quist: Fifteen?

Salo: My uncle signed for me.
"""


def test_a_citation_line_before_the_first_turn_is_a_note() -> None:
    doc = transcript.parse(INLINE_WITH_CITATION)
    assert doc.metadata.style == "oral-history"
    assert len(doc.turns) == 4
    assert doc.turns[0].paragraphs[0].text.startswith("Where did you start")
    assert any(
        n.startswith("SALO: Henrik Salo, interviewed by") for n in prose(doc, ProseKind.NOTE)
    )
