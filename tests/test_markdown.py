"""The Markdown reader: bold labels, front matter, headings, podcast timestamps, closing notes."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

import transcript
from transcript import Heading, Prose, ProseKind, Role, Timestamp, TranscriptError
from transcript.decode import normalise
from transcript.read import ReadOptions
from transcript.read.frontmatter import split_front_matter
from transcript.read.markdown import read
from transcript.read.markdown_text import clean_inline

BLOG = """\
+++
title = "Bread, Slowly: A Conversation with Ilse Marchetti-Roux"
date = 2026-11-03
authors = ["Tomasz Wierzbicki"]
[params]
series = "Kitchen Talks"
+++

_Interview condensed and edited for clarity._

Ilse Marchetti-Roux has run the Old Quay bakery for twenty years.

## The early years

__Tomasz Wierzbicki:__ When did you first bake for money?

__Ilse Marchetti-Roux__: At nineteen. I sold rye loaves from a pram \\
at the Sunday market.

> My grandmother said bread knows when you are in a hurry.

**TW:** And now?

**IMR**: Now I sell them from a shop, which is less romantic:

- flour at 4 a.m.,
- ovens at 5,
- the queue at 7.

![The Old Quay ovens](ovens.jpg)

**TW:** What's next?

**IMR**: A school, if the council agrees. See [our plans](https://oldquay.example/plans).

---

*Tomasz Wierzbicki writes about food for the Harbour Gazette.*
"""

PODCAST = """\
# Ep. 12 — Night Trains

*Hosts: Rosa Delgado-Kim and Tom Ferris. Guest: Anneke Vos, rail historian.*

**Rosa Delgado-Kim** (00:00:05) Welcome to Slow Lines.

**Anneke Vos** \\[00:00:12\\]: Thanks for having me.

**Rosa:** \\[00:01:40\\] Why did the sleepers vanish?

**Anneke:** Cost, mostly.

\\[00:02:10\\] And the airlines, of course.

**Tom Ferris:** [03:15] Are they coming back?

**Anneke:** They are. Slowly.

## Credits

Produced by Lina Osei. Music by The Dray Horses.
"""

NOT_MARKDOWN_INTERVIEW = """\
Harbour Gazette, 3 March

Editor: What brought you here?
Ilse Marchetti-Roux: The bread. It always is.
Editor: And the sea?
Ilse Marchetti-Roux: That too.
"""


def prose(doc: transcript.Transcript, kind: ProseKind) -> list[str]:
    return [
        p.text
        for b in doc.blocks
        if isinstance(b, Prose) and b.kind is kind
        for p in b.paragraphs
    ]


def test_blog_interview_with_toml_front_matter_and_underscore_labels() -> None:
    doc = transcript.parse(BLOG)
    assert doc.metadata.style == "markdown-bold-interview"
    assert doc.metadata.title == "Bread, Slowly: A Conversation with Ilse Marchetti-Roux"
    assert doc.metadata.date == "2026-11-03"
    assert doc.metadata.authors == ("Tomasz Wierzbicki",)
    assert ("params.series", "Kitchen Talks") in doc.metadata.extra
    names = [(s.name, s.aliases) for s in doc.speakers]
    assert names == [("Tomasz Wierzbicki", ("TW",)), ("Ilse Marchetti-Roux", ("IMR",))]
    assert len(doc.turns) == 6
    # the quote and the list stay in the turn; the hard break joins the line
    second = [p.text for p in doc.turns[1].paragraphs]
    assert second[0] == "At nineteen. I sold rye loaves from a pram at the Sunday market."
    assert second[1].startswith("My grandmother said")
    fourth = [p.text for p in doc.turns[3].paragraphs]
    assert fourth[1:] == ["flour at 4 a.m.,", "ovens at 5,", "the queue at 7."]
    # the link keeps its text; the address is in a diagnostic
    assert doc.turns[-1].paragraphs[0].text.endswith("See our plans.")
    assert any(
        d.code == "link-targets" and "oldquay.example" in d.message for d in doc.diagnostics
    )
    # notes, headings and the closing byline stay out of the turns
    assert prose(doc, ProseKind.INTRO) == [
        "Ilse Marchetti-Roux has run the Old Quay bakery for twenty years."
    ]
    notes = prose(doc, ProseKind.NOTE)
    assert "Interview condensed and edited for clarity." in notes
    assert any(n.startswith("[image: The Old Quay ovens]") for n in notes)
    assert any(n.startswith("Tomasz Wierzbicki writes about food") for n in notes)
    assert [b.text for b in doc.blocks if isinstance(b, Heading)] == ["The early years"]


def test_podcast_timestamps_start_turns_and_credits_are_closing_prose() -> None:
    doc = transcript.parse(PODCAST)
    assert doc.metadata.style == "podcast-markdown"
    assert doc.metadata.title == "Ep. 12 — Night Trains"
    assert [s.name for s in doc.speakers] == ["Rosa Delgado-Kim", "Anneke Vos", "Tom Ferris"]
    roles = {s.name: s.role for s in doc.speakers}
    assert roles == {
        "Rosa Delgado-Kim": Role.HOST,
        "Anneke Vos": Role.GUEST,
        "Tom Ferris": Role.HOST,
    }
    assert [t.start for t in doc.turns] == [5.0, 12.0, 100.0, None, 195.0, None]
    assert doc.turns[0].paragraphs[0].text == "Welcome to Slow Lines."
    assert doc.turns[2].paragraphs[0].text == "Why did the sleepers vanish?"
    # a timestamp opening an unlabelled paragraph is a Timestamp node inside the turn
    inner = doc.turns[3].paragraphs[1].content
    assert isinstance(inner[0], Timestamp) and inner[0].seconds == 130.0
    assert doc.turns[-1].paragraphs[-1].text == "They are. Slowly."
    assert "Produced by Lina Osei. Music by The Dray Horses." in prose(doc, ProseKind.NOTE)
    assert ("Hosts", "Rosa Delgado-Kim and Tom Ferris") in doc.metadata.extra


def test_whole_bold_question_and_note_lead_ins() -> None:
    text = (
        "**Editor's note:** This is a note.\n\n"
        "**MAYA: Where did it start,\nand why here?**\n\n"
        "**Joon:** In a garage.\n\n"
        "**Important:** the garage was rented.\n\n"
        "**MAYA: And then?**\n\n"
        "**Joon:** Then the fire.\n"
    )
    doc = transcript.parse(text)
    assert doc.metadata.style == "markdown-bold-interview"
    assert [t.label for t in doc.turns] == ["MAYA", "Joon", "MAYA", "Joon"]
    assert doc.turns[0].paragraphs[0].text == "Where did it start, and why here?"
    # a one-off bold lead-in that is not a name continues the turn
    assert doc.turns[1].paragraphs[-1].text == "Important: the garage was rented."
    assert prose(doc, ProseKind.NOTE) == ["Editor's note: This is a note."]


def test_labels_on_consecutive_lines_without_blank_lines_are_separate_turns() -> None:
    doc = transcript.parse("**A. Lee:** One.\n**B. Chen:** Two.\n**A. Lee:** Three.\n")
    assert [p.text for t in doc.turns for p in t.paragraphs] == ["One.", "Two.", "Three."]


def test_name_headings_variant() -> None:
    text = (
        "# Panel\n\n### Ruth Adeyemi\n\nHello all.\n\n### Piet Claes\n\nHi Ruth.\n\n"
        "### Ruth Adeyemi\n\nShall we?\n\n### Piet Claes\n\nYes.\n\n**Ruth:** Good.\n\n"
        "**Piet:** Fine.\n\n**Ruth:** Done.\n"
    )
    doc = transcript.parse(text, "markdown")
    assert [s.name for s in doc.speakers] == ["Ruth Adeyemi", "Piet Claes"]
    assert len(doc.turns) == 7


def test_plain_interviews_are_not_read_as_markdown() -> None:
    doc = transcript.parse(NOT_MARKDOWN_INTERVIEW)
    assert doc.metadata.style == "news-article-interview"


def test_front_matter_helper() -> None:
    lines = [
        "",
        "---",
        'title: "Quoted: with a colon"',
        "guests:",
        "  - Ann Lee",
        "  - Bo\\_Chen",
        "description: >",
        "  one",
        "  two",
        "---",
        "body",
    ]
    pairs, body = split_front_matter(lines)
    assert pairs == [
        ("title", "Quoted: with a colon"),
        ("guests", "Ann Lee, Bo_Chen"),
        ("description", "one two"),
    ]
    assert lines[body] == "body"
    assert split_front_matter(["---", "Just prose here.", "---"]) == ([], 0)
    assert split_front_matter(["---", "title: never closed"]) == ([], 0)


def test_inline_cleanup() -> None:
    assert clean_inline("**bold** and *it* and 2*3 and snake_case") == (
        "bold and it and 2*3 and snake_case"
    )
    assert clean_inline("\\[10:12\\] a \\*star\\*") == "[10:12] a *star*"
    assert clean_inline("a <inaudible> b <div>") == "a [inaudible] b <div>"
    assert clean_inline("x &amp; y") == "x & y"


def test_nothing_is_lost() -> None:
    doc = read(normalise(BLOG), ReadOptions())
    kept = " ".join(doc.iter_text()) + " ".join(v for _, v in doc.metadata.extra)
    for word in ("romantic", "council", "grandmother", "Harbour", "twenty", "queue"):
        assert word in kept


def test_hostile_lines_do_not_crash_and_stay_fast() -> None:
    hostile = (
        "**" + "a" * 100_000 + "\n\n**Ann:** " + "[" * 50_000 + "]" * 50_000 + "\n\n"
        "**Bo:** " + "*_" * 50_000 + "\n\n**Ann:** [x](" + "(" * 50_000 + "\n\n"
        + "\\" * 100_000 + "\n"
    )
    started = time.perf_counter()
    doc = read(normalise(hostile), ReadOptions())
    assert time.perf_counter() - started < 5
    assert len(doc.turns) == 3


def test_many_turns_read_in_linear_time() -> None:
    turn = "**Ann Lee:** A question about the [map](https://x.example) here?\n\n**Bo:** Yes.\n\n"
    started = time.perf_counter()
    doc = read(normalise(turn * 5000), ReadOptions())
    assert len(doc.turns) == 10_000
    assert time.perf_counter() - started < 20


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["**", "__", "*", ":", "**Ann:** ", "**Bo**: ", "#", "## ", "---", "+++", "> ",
             "- ", "1. ", "[", "]", "(", ")", "\\", "`", "```", "\n", "\n\n", "00:01:02",
             "title: x", "Ann", " ", "é"]
        ),
        max_size=60,
    ).map("".join)
)
def test_any_text_never_raises_anything_but_transcript_error(text: str) -> None:
    try:
        read(normalise(text), ReadOptions())
    except TranscriptError:
        pass
