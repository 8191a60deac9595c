"""The screenplay reader: Fountain and PDF-layout screenplays, cues over dialogue."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import transcript
from doc_views import names as _names
from transcript import Annotation, Heading, Prose, ProseKind, Role, TranscriptError, Turn
from transcript.decode import normalise
from transcript.read import ReadOptions
from transcript.read.detect import Head
from transcript.read.screenplay import SIGNAL, fit, parse_cue, read
from transcript.registry import detect_reader, find_reader

DATA = Path(__file__).parent / "data" / "screenplay"
FERRY = DATA / "night-ferry.fountain"
PDF_LAYOUT = DATA / "pdf-layout.txt"
KITCHEN = DATA / "kitchen.fountain"


def test_the_registry_signal_is_the_module_signal() -> None:
    entry = find_reader("screenplay")
    assert entry.signal == SIGNAL
    assert entry.suffixes == (".fountain",) and entry.styles == ("screenplay-fountain",)
    reader_names = [e.name for e in transcript.registry.READERS]
    assert reader_names.index("screenplay") + 1 == reader_names.index("script")


def test_a_fountain_short_film_reads_with_title_page_headings_and_cues() -> None:
    doc = transcript.load(FERRY)
    meta = doc.metadata
    assert meta.style == "screenplay-fountain"
    assert meta.title == "The Night Ferry"
    assert meta.authors == ("Ines Calder",)
    assert meta.date == "14 March 2027"
    assert meta.source == "Based on a story by Tomas Berg"
    assert ("Contact", "Calder Pictures 12 Quay Street, Leith") in meta.extra
    assert [s.name for s in doc.speakers] == ["MARA", "DECLAN", "McGREGOR"]
    assert all(s.role is Role.UNKNOWN for s in doc.speakers)
    assert doc.speakers[0].aliases == ("MARA (V.O.)", "MARA (CONT'D)")
    assert doc.speakers[0].affiliation is None
    assert _names(doc) == ["MARA", "DECLAN", "MARA", "DECLAN", "MARA", "DECLAN", "MARA", "McGREGOR"]
    assert [t.label for t in doc.turns][:1] == ["MARA (V.O.)"]
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings == [
        "EXT. HARBOUR - NIGHT",
        "INT./EXT. FERRY DECK - CONTINUOUS",
        "FLASHBACK - THE SAME HARBOUR, 1998",
    ]


def test_parentheticals_become_annotations_and_two_spaces_keep_dialogue_going() -> None:
    doc = transcript.load(FERRY)
    mara = doc.turns[2]
    notes = [n.printed for n in mara.paragraphs[0].content if isinstance(n, Annotation)]
    assert notes == ["(not looking up)", "(beat)"]
    assert "It's the eleven-oh-five now." in mara.paragraphs[0].text
    declan = doc.turns[3]
    assert [p.text for p in declan.paragraphs] == ["Then I'm not late.", "I'm early for the next one."]


def test_transitions_notes_boneyard_and_sections_are_kept_outside_the_turns() -> None:
    doc = transcript.load(FERRY)
    prose = {
        (b.kind, p.text) for b in doc.blocks if isinstance(b, Prose) for p in b.paragraphs
    }
    assert (ProseKind.NARRATION, "CUT TO:") in prose
    assert (ProseKind.NARRATION, "FADE TO BLACK.") in prose
    assert (ProseKind.NARRATION, "THE END") in prose
    assert (ProseKind.NOTE, "# Act One") in prose
    assert (ProseKind.NOTE, "/* An older draft had a storm here. Cut for budget. */") in prose
    assert any(kind is ProseKind.NOTE and text.startswith("[[Check") for kind, text in prose)
    dual = [d for d in doc.diagnostics if d.code == "dual-dialogue"]
    assert [d.line for d in dual] == [47, 50]


def test_an_indented_pdf_layout_reads_without_the_page_furniture() -> None:
    doc = transcript.load(PDF_LAYOUT)
    assert doc.metadata.style == "screenplay-fountain"
    assert [s.name for s in doc.speakers] == ["JUNO", "OWEN"]
    assert _names(doc) == ["JUNO", "OWEN", "JUNO", "OWEN", "OWEN", "JUNO"]
    assert doc.turns[3].paragraphs[0].text.endswith("Never said her name.")
    assert doc.turns[4].label == "OWEN (CONT'D)"
    assert doc.turns[4].paragraphs[0].text == "She just asked for the shipping forecast."
    furniture = [d for d in doc.diagnostics if d.code == "page-furniture"]
    assert furniture and "4 page-continuation" in furniture[0].message


def test_forced_cues_and_lower_case_headings() -> None:
    doc = transcript.load(KITCHEN)
    assert [s.name for s in doc.speakers] == ["RUTH", "SAM", "Kid"]
    assert isinstance(doc.blocks[0], Heading) and doc.blocks[0].text == "int. kitchen - morning"
    assert len(doc.turns) == 5


def test_nothing_is_lost() -> None:
    for path in (FERRY, PDF_LAYOUT, KITCHEN):
        doc = transcript.load(path)
        kept = " ".join(
            [
                *doc.iter_text(),
                *(b.text for b in doc.blocks if isinstance(b, Heading)),
                *(t.label for t in doc.turns),
                *(
                    n.printed
                    for t in doc.turns
                    for p in t.paragraphs
                    for n in p.content
                    if isinstance(n, Annotation)
                ),
                doc.metadata.title or "",
                doc.metadata.date or "",
                doc.metadata.source or "",
                *doc.metadata.authors,
                *(f"{k} {v}" for k, v in doc.metadata.extra),
            ]
        )
        keys = {"Title", "Author", "Source", "Draft", "date", "CONTINUED", "MORE"}  # structure
        words = re.findall(r"[^\W\d_][\w'’-]*", path.read_text())
        missing = [w for w in words if w not in kept and w not in keys]
        assert missing == [], missing


def test_the_perf_kit_shape_reads_as_turns_by_three_speakers() -> None:
    lines = ["Title: A Conversation", "Credit: Interview transcript", "Author: Time.news", ""]
    lines += ["The intro paragraph, read as action.", ""]
    cast = ["EDITOR (TIME.NEWS)", "DR. JANE THOMPSON", "EDITOR", "DR. THOMPSON", "JOSÉ NÚÑEZ"]
    for index in range(20):
        lines += [cast[index % len(cast)], f"Line {index} of speech.", "  ", "More of it.", ""]
    text = "\n".join(lines)
    doc = transcript.parse(text)
    assert doc.metadata.style == "screenplay-fountain"
    assert len(doc.turns) == 20
    assert [s.name for s in doc.speakers] == ["EDITOR", "DR. JANE THOMPSON", "JOSÉ NÚÑEZ"]
    assert doc.speakers[0].affiliation == "TIME.NEWS"
    assert all(len(t.paragraphs) == 2 for t in doc.turns)


def test_cue_grammar() -> None:
    assert parse_cue("JOHN (V.O.)") is not None
    cue = parse_cue("JOHN (V.O.) (CONT'D) ^")
    assert cue is not None and cue.dual and cue.parts.name == "JOHN"
    assert cue.parts.printed == "JOHN (V.O.) (CONT'D)"
    assert parse_cue("@McCLANE") is not None
    for not_a_cue in ("John", "JOHN: hello", "HAMLET. To be", "(beat)", "12", "MR. SMITH, CNN"):
        assert parse_cue(not_a_cue) is None, not_a_cue


INTERVIEW = "Host: Welcome.\n\nGuest: Thanks.\n\nHost: And then?\n\nGuest: Then it rained.\n"
HEARING = (
    "    The CHAIRMAN. We will come to order.\n\n    Mr. SMITH. Thank you.\n\n"
    "    The CHAIRMAN. Go on.\n\n    Mr. SMITH. Enter the record.\n"
)
TV_SCRIPT = (
    "[INT. Kitchen. Night.]\n\nWren: You left the lamp on.\n\nAbe: I always do.\n\n"
    "[CUT TO: the porch.]\n\nWren: Then turn it off.\n\nAbe: No.\n"
)
PLAY = (
    "ACT I. SCENE I.\n\nHAMLET. Who's there?\n\nHORATIO. Friends to this ground.\n\n"
    "HAMLET. Stand, and unfold yourself.\n\nHORATIO. Long live the king!\n"
)
ORAL_HISTORY = (
    "Title: An oral history\n\nINTERVIEWER:\nWhere were you born?\n\nSMITH:\nIn Leith.\n\n"
    "INTERVIEWER:\nAnd then?\n\nSMITH:\nThe war came.\n"
)
EARNINGS = (
    "Corporate Participants\nJane Doe - CEO\nConference Call Participants\nJohn Roe - Analyst\n\n"
    "Operator\nWelcome to the call.\n\nJane Doe\nThank you.\n\nJohn Roe\nA question.\n\n"
    "Jane Doe\nAn answer.\n"
)
NO_MARK = "Intro.\n\nJUNO\nHello.\n\nOWEN\nHi.\n\nJUNO\nBye.\n"


def test_other_styles_are_not_read_as_screenplays() -> None:
    for text in (INTERVIEW, HEARING, TV_SCRIPT, PLAY, ORAL_HISTORY, EARNINGS, NO_MARK):
        assert not fit(Head.of(text)).fits, text
        assert detect_reader(text).entry.name != "screenplay", text


def test_fit_needs_cues_from_two_characters_and_scores_the_suffix() -> None:
    one = "INT. ROOM - DAY\n\nJUNO\nA.\n\nJUNO\nB.\n\nJUNO\nC.\n"
    assert not fit(Head.of(one)).fits
    assert fit(Head.of(NO_MARK, ".fountain")).score > 1000
    assert fit(Head.of("INT. ROOM - DAY\n\n" + NO_MARK)).score == 3


def test_hostile_lines_do_not_crash() -> None:
    text = (
        "Title: " + "x" * 100_000 + "\n\nINT. A - DAY\n\nJUNO\n" + "(" * 50_000 + "\n\n"
        "OWEN\n" + "[[" * 20_000 + "y " * 50_000 + "\n\n/* never closed\n\nJUNO\nHi.\n"
    )
    doc = read(normalise(text), ReadOptions())
    assert len(doc.turns) == 2
    assert doc.blocks[-1].kind is ProseKind.NOTE  # type: ignore[union-attr]


@settings(max_examples=50, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list(" \n.()@^>#=/*[]:AbINTEXTO")), max_size=300)
    | st.text(max_size=300)
)
def test_any_text_never_raises_anything_but_ours(text: str) -> None:
    try:
        doc = read(normalise(text), ReadOptions())
    except TranscriptError:
        return
    assert all(isinstance(t, Turn) for t in doc.turns)


def test_a_title_over_indented_lines_loses_its_emphasis_marks_only() -> None:
    text = (
        "Title:\n    _**BRICK & STEEL**_\n    _**FULL RETIRED**_\nAuthor: Stu Maschwitz\n\n"
        "EXT. BRICK'S PATIO - DAY\n\nBRICK\nHi.\n\nSTEEL\nHo.\n\nBRICK\nHe.\n"
    )
    doc = transcript.parse(text)
    assert doc.metadata.style == "screenplay-fountain"
    assert doc.metadata.title == "BRICK & STEEL FULL RETIRED"
    assert doc.metadata.authors == ("Stu Maschwitz",)
    detected = [d.message for d in doc.diagnostics if d.code == "style-detected"]
    assert "(score 1003)" in detected[0]
