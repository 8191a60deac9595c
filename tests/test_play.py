"""The play reader: Gutenberg layout, cast list, abbreviated prefixes, verse lines, directions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import transcript
from transcript import Annotation, Heading, Prose, ProseKind, TranscriptError
from transcript.decode import normalise
from transcript.read import ReadOptions
from transcript.read.play import read

GUTENBERG = """\
The Project Gutenberg eBook of The Miller's Wager

Title: The Miller's Wager
Author: Tamsin Everard
Release Date: March 3, 2031 [eBook #99999]
Language: English

*** START OF THE PROJECT GUTENBERG EBOOK THE MILLER'S WAGER ***

THE MILLER'S WAGER

PERSONS REPRESENTED

  GODWIN ASHCOMBE, a miller.
  LADY PERDITA, his neighbour.
  HOB, a boy.

ACT I. SCENE I.
A mill-yard.

Enter Godwin Ashcombe and Hob.

  Godw. Ash. The wheel is slow, boy; fetch the oil and the rag,
    And tell the river it may rest a while.
  Hob. I'll tell it, master, but it will not listen.
  Godw. Ash. Then tell it twice.
                                              Enter Lady Perdita.
  Lady P. Good morrow, miller. [Aside] He has not seen me.
  Hob. Mistress!      Exit.
  Lady P. The boy runs like a hare that owes me money.
                                                         Exeunt.

*** END OF THE PROJECT GUTENBERG EBOOK THE MILLER'S WAGER ***

Updated editions will replace the previous one.
This eBook is for the use of anyone anywhere in the United States.
"""

CAPS_EDITION = """\
THE LANTERN

ACT II

SCENE 1. A garret.

Enter MIRA and TOBIAS.

MIRA.
Is the lantern lit?

TOBIAS.
It is, and smoking like a chimney
on a wet Sunday.

MIRA.
Then open the window.

[TOBIAS opens the window.]

TOBIAS.
The rain comes in.
"""


def test_gutenberg_play_expands_abbreviations_and_keeps_verse_lines() -> None:
    doc = transcript.parse(GUTENBERG)
    assert doc.metadata.style == "play-verse"
    assert doc.metadata.title == "The Miller's Wager"
    assert doc.metadata.authors == ("Tamsin Everard",)
    names = {s.name: s.aliases for s in doc.speakers}
    assert names == {"Godwin Ashcombe": ("Godw. Ash.",), "Hob": (), "Lady Perdita": ("Lady P.",)}
    by_id = {s.id: s.name for s in doc.speakers}
    assert [by_id[t.speaker] for t in doc.turns] == [
        "Godwin Ashcombe", "Hob", "Godwin Ashcombe", "Lady Perdita", "Hob", "Lady Perdita"]
    # each verse line stays its own paragraph
    assert [p.text for p in doc.turns[0].paragraphs] == [
        "The wheel is slow, boy; fetch the oil and the rag,",
        "And tell the river it may rest a while."]
    # inline and trailing stage directions are annotations, not speech
    aside = doc.turns[3].paragraphs[0].content
    assert any(isinstance(n, Annotation) and n.printed == "[Aside]" for n in aside)
    exit_line = doc.turns[4].paragraphs[0]
    assert exit_line.text == "Mistress!" and exit_line.content[-1] == Annotation(
        exit_line.content[-1].kind, "Exit.")
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings == ["PERSONS REPRESENTED", "ACT I. SCENE I."]
    narration = [p.text for b in doc.blocks if isinstance(b, Prose)
                 and b.kind is ProseKind.NARRATION for p in b.paragraphs]
    assert "Enter Lady Perdita." in narration and narration[-1] == "Exeunt."
    furniture = [d for d in doc.diagnostics if d.code == "page-furniture"]
    assert {d.message.split(" line")[0] for d in furniture} == {
        "left out 2 Gutenberg header", "left out 3 Gutenberg licence"}


def test_caps_edition_with_prefixes_alone_on_their_line() -> None:
    doc = transcript.parse(CAPS_EDITION)
    assert doc.metadata.style == "play-verse"
    assert [s.name for s in doc.speakers] == ["MIRA", "TOBIAS"]
    assert len(doc.turns) == 4
    assert [p.text for p in doc.turns[1].paragraphs] == [
        "It is, and smoking like a chimney", "on a wet Sunday."]
    assert doc.turns[-1].paragraphs[-1].text == "The rain comes in."


def test_ordinary_interviews_and_hearings_are_not_plays() -> None:
    interview = "Host: Welcome.\nGuest: Thanks.\nHost: Exit polls?\nGuest: Bad.\n"
    assert transcript.parse(interview).metadata.style != "play-verse"
    hearing = ("    The CHAIRMAN. We will come to order.\n    Mr. SMITH. Thank you.\n"
               "    The CHAIRMAN. Go on.\n    Mr. SMITH. Enter the record.\n"
               "    [Recess.]\n")
    assert transcript.parse(hearing).metadata.style != "play-verse"


def test_nothing_is_lost() -> None:
    doc = read(normalise(GUTENBERG), ReadOptions())
    kept = " ".join(doc.iter_text())
    for word in ("GODWIN ASHCOMBE, a miller.", "A mill-yard.", "hare", "Exeunt."):
        assert word in kept


def test_hostile_lines_do_not_crash() -> None:
    text = "Enter A.\n  Ab. " + "x " * 50_000 + "\n  " + "[" * 3000 + "\n  Cd. ((([x]))) \n"
    doc = read(normalise(text), ReadOptions())
    assert len(doc.turns) == 2


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \n.[]AbcEnterExit")), max_size=300) | st.text(max_size=300))
def test_any_text_never_raises_anything_but_ours(text: str) -> None:
    try:
        read(normalise(text), ReadOptions())
    except TranscriptError:
        pass
