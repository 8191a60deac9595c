"""The TV-script reader: labels, whole-line [directions], (parentheticals), camera cues."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import transcript
from transcript import Annotation, Prose, ProseKind, Role, TranscriptError, Turn
from transcript.decode import normalise
from transcript.read import ReadOptions
from transcript.read.script import read

SITCOM = """\
Harbour Lights - S03E11 "The Fog Bell"
Written by: Priya Castellano

[INT. The lighthouse kitchen. Night. Wren is boiling a kettle; Abe sits at the table.]

Wren: (not turning round) You left the lamp on.

Abe: I always leave the lamp on. That's the job.

Wren: The job was done in 1974: they automated it.

[The fog bell rings twice, far off.]

Abe (O.S.): Did you hear that?

Wren and Abe: (together) The bell.

[Abe crosses to the window.]

It's never rung twice before.

Wren. Then we should go and look.

[End of teaser.]
"""

INTERVIEW = """\
Host: Welcome back to the programme.
Guest: Thanks for having me.
Host: Let's start with the budget: what happened?
Guest: Frankly, nobody expected the shortfall.
Host: And the fog bell?
Guest: Still ringing.
"""


def test_a_fan_transcript_reads_with_its_directions_and_cues() -> None:
    doc = transcript.parse(SITCOM)
    assert doc.metadata.style == "tv-script"
    assert doc.metadata.title == 'Harbour Lights - S03E11 "The Fog Bell"'
    assert ("episode", "S03E11") in doc.metadata.extra
    assert [s.name for s in doc.speakers] == ["Wren", "Abe", "Wren and Abe"]
    assert doc.speakers[1].aliases == ("Abe (O.S.)",)
    assert all(s.role is Role.UNKNOWN for s in doc.speakers)
    names = {s.id: s.name for s in doc.speakers}
    assert [names[t.speaker] for t in doc.turns] == [
        "Wren", "Abe", "Wren", "Abe", "Wren and Abe", "Wren"]
    narration = [p.text for b in doc.blocks if isinstance(b, Prose)
                 and b.kind is ProseKind.NARRATION for p in b.paragraphs]
    assert narration[0].startswith("[INT. The lighthouse kitchen.")
    assert "[End of teaser.]" in narration
    first = doc.turns[0].paragraphs[0]
    assert isinstance(first.content[0], Annotation) and first.content[0].printed == "(not turning round)"
    assert first.text.strip() == "You left the lamp on."
    # "1974: they" is speech, not a label
    assert doc.turns[2].paragraphs[0].text.startswith("The job was done in 1974: they")
    # the period label: `Wren.` is a known speaker
    assert doc.turns[-1].label == "Wren" and doc.turns[-1].paragraphs[0].text == (
        "Then we should go and look.")


def test_speech_after_a_direction_stays_with_the_speaker_in_order() -> None:
    doc = transcript.parse(SITCOM)
    joint = doc.turns[4]
    texts = [p.text for p in joint.paragraphs]
    assert texts[-1] == "It's never rung twice before."
    direction = joint.paragraphs[1].content
    assert isinstance(direction[0], Annotation) and direction[0].printed == "[Abe crosses to the window.]"
    assert any(d.code == "unattributed-text" for d in doc.diagnostics)


def test_ordinary_interviews_are_not_scripts() -> None:
    assert transcript.parse(INTERVIEW).metadata.style == "news-article-interview"
    with_one_note = "[Recorded in the studio on Monday.]\n" + INTERVIEW
    assert transcript.parse(with_one_note).metadata.style != "tv-script"


def test_nothing_is_lost() -> None:
    doc = transcript.parse(SITCOM)
    kept = " ".join(doc.iter_text())
    for word in ("lighthouse", "1974:", "twice", "teaser", "Priya"):
        assert word in kept or any(word in v for _, v in doc.metadata.extra)


def test_hostile_lines_do_not_crash() -> None:
    text = "Ann: hi\n\n[" + "x" * 100_000 + "\n\nBob: (((nested) [brackets]) ok\n[[[]]]\n" + "(" * 5000
    doc = read(normalise(text), ReadOptions())
    assert len(doc.turns) == 2


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_never_raises_anything_but_ours(text: str) -> None:
    try:
        read(normalise(text), ReadOptions())
    except TranscriptError:
        pass


def test_the_caller_can_still_give_roles() -> None:
    doc = transcript.parse(SITCOM, roles={"Abe": "narrator"})
    assert doc.speakers[1].role is Role.NARRATOR
    assert isinstance(doc.turns[0], Turn)
