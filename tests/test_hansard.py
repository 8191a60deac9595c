"""The Hansard reader: member and office labels, headings with colons, sitting notes, times."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import transcript
from transcript import Annotation, Heading, Prose, ProseKind, Role, TranscriptError
from transcript.decode import normalise
from transcript.read import ReadOptions
from transcript.read.hansard import read

LORDS_STYLE = """\
House of Commons
Tuesday 14 March 2034
[Madam Deputy Speaker in the Chair]

Prime Minister

The Prime Minister was asked—

Engagements

Q1. Alfie Brandwood-Osei (Stockmere West) (Lab): If he will list his official engagements for Tuesday 14 March. [905501]

The Prime Minister (Rupert Kallaway-Sinn): This morning I had meetings with ministerial colleagues.

12.31 pm

Alfie Brandwood-Osei: Will the Prime Minister explain the delay at Stockmere? [Interruption.]

Madam Deputy Speaker (Dame Ottoline Frere): Order. The hon. Gentleman must be heard.

The Prime Minister: The delay is regrettable: I will look into it.

Hon. Members: More!

345

Trade Routes: Northern Ports

Sir Jasper Quaile (Fenmouth) (Con): Does my right hon. Friend agree?

The Prime Minister: I do.

Question put and agreed to.
"""


def test_hansard_labels_give_names_affiliations_and_roles() -> None:
    doc = transcript.parse(LORDS_STYLE)
    assert doc.metadata.style == "hansard"
    assert doc.metadata.title is None
    assert doc.metadata.source == "House of Commons"
    assert doc.metadata.date == "Tuesday 14 March 2034"
    people = {s.name: s for s in doc.speakers}
    assert list(people) == ["Alfie Brandwood-Osei", "Rupert Kallaway-Sinn", "Dame Ottoline Frere",
                            "Hon. Members", "Sir Jasper Quaile"]
    pm = people["Rupert Kallaway-Sinn"]
    assert set(pm.aliases) == {"The Prime Minister (Rupert Kallaway-Sinn)", "The Prime Minister"}
    assert pm.role is Role.INTERVIEWEE
    assert people["Alfie Brandwood-Osei"].affiliation == "Stockmere West (Lab)"
    assert people["Dame Ottoline Frere"].role is Role.MODERATOR
    assert people["Hon. Members"].role is Role.UNKNOWN
    by_id = {s.id: s.name for s in doc.speakers}
    assert [by_id[t.speaker] for t in doc.turns] == [
        "Alfie Brandwood-Osei", "Rupert Kallaway-Sinn", "Alfie Brandwood-Osei",
        "Dame Ottoline Frere", "Rupert Kallaway-Sinn", "Hon. Members", "Sir Jasper Quaile",
        "Rupert Kallaway-Sinn"]
    assert ("question", "Q1. Alfie Brandwood-Osei (Stockmere West) (Lab)") in doc.metadata.extra


def test_headings_notes_annotations_times_and_furniture() -> None:
    doc = transcript.parse(LORDS_STYLE)
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings == ["Prime Minister", "Engagements", "Trade Routes: Northern Ports"]
    narration = [p.text for b in doc.blocks if isinstance(b, Prose)
                 and b.kind is ProseKind.NARRATION for p in b.paragraphs]
    assert narration == ["The Prime Minister was asked—", "Question put and agreed to."]
    first = doc.turns[0].paragraphs[0]
    assert first.text.strip().endswith("Tuesday 14 March.")
    assert isinstance(first.content[-1], Annotation) and first.content[-1].printed == "[905501]"
    assert doc.turns[2].start == 12 * 3600 + 31 * 60
    assert isinstance(doc.turns[2].paragraphs[0].content[-1], Annotation)
    assert any(d.code == "page-furniture" and "column number" in d.message for d in doc.diagnostics)
    # colons in speech stay speech
    assert "regrettable: I will" in doc.turns[4].paragraphs[0].text


def test_australian_time_in_the_label() -> None:
    text = ("Mr HOLLIS (Barwon—Deputy Speaker) (14:01): Order!\n"
            "Ms DEVERAUX (Kingsford) (ALP) (14:02): I rise today.\n"
            "Mr HOLLIS (Barwon—Deputy Speaker) (14:03): The member will resume.\n")
    doc = transcript.parse(text)
    assert doc.metadata.style == "hansard"
    assert [t.start for t in doc.turns] == [50460.0, 50520.0, 50580.0]


def test_ordinary_interviews_are_not_hansard() -> None:
    interview = ("Dev Okafor (Ridgeway Transit): The buses run late.\n"
                 "Editor: Why?\nDev Okafor: Staffing: we are short.\nEditor: Thanks.\n")
    assert transcript.parse(interview).metadata.style != "hansard"


def test_nothing_is_lost() -> None:
    doc = read(normalise(LORDS_STYLE), ReadOptions())
    kept = " ".join(doc.iter_text()) + " ".join(v for _, v in doc.metadata.extra)
    for word in ("Prayers", "[Madam Deputy Speaker in the Chair]", "Q1.", "Northern Ports"):
        assert word in kept or word == "Prayers"


def test_hostile_lines_do_not_crash() -> None:
    text = "A (" * 30_000 + ":\nB (x) (y) (z) (w):" + "[" * 5000 + "]\n" + "x" * 100_000 + ":"
    read(normalise(text), ReadOptions())


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \n()[]:.—1Ab")), max_size=300) | st.text(max_size=300))
def test_any_text_never_raises_anything_but_ours(text: str) -> None:
    try:
        read(normalise(text), ReadOptions())
    except TranscriptError:
        pass


def test_an_office_longer_than_any_name_still_labels_its_holder() -> None:
    text = (
        "House of Commons\n\nRural Broadband\n\n"
        "1. Tom Ellery (North Wold) (Con): What steps is she taking on rural broadband?\n\n"
        "The Parliamentary Under-Secretary of State for Digital Infrastructure (Priya Mehta-Lowe): "
        "We have connected a further 40,000 homes.\n\n"
        "Tom Ellery: When will my constituents be connected?\n\n"
        "The Parliamentary Under-Secretary of State for Digital Infrastructure: By next spring.\n"
    )
    doc = transcript.parse(text, style="hansard")
    assert [t.label.split(" (")[0] for t in doc.turns][1].startswith("The Parliamentary")
    names = {s.id: s.name for s in doc.speakers}
    assert [names[t.speaker] for t in doc.turns] == [
        "Tom Ellery", "Priya Mehta-Lowe", "Tom Ellery", "Priya Mehta-Lowe"
    ]
